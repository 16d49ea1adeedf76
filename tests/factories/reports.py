import factory

from reports.models import Publication, SpeakerOrganization
from workshops.enums import OrganizationType

from .workshops import WorkshopFactory


class PublicationFactory(factory.django.DjangoModelFactory):
    """A published publication covering one workshop; pass workshops=[...] to cover others."""

    class Meta:
        model = Publication
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"publication-{n}")
    title = factory.Faker("sentence", nb_words=6)
    year = 2008
    foreword = "The International Dialogue on Migration is IOM's policy forum."
    report = "# Introduction\n\nThe workshop gathered participants from many countries."
    is_published = True

    @factory.post_generation
    def workshops(publication, create, extracted, **kwargs):
        if create:
            publication.workshops.set(extracted if extracted is not None else [WorkshopFactory()])


class SpeakerOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerOrganization
        django_get_or_create = ("name",)

    name = factory.Faker("company")
    organization_type = OrganizationType.INTERGOVERNMENTAL
