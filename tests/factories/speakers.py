import factory

from speakers.models import Person, Role


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ("slug",)

    name = factory.Faker("name")
    slug = factory.Sequence(lambda n: f"person-{n}")
    sort_name = factory.LazyAttribute(lambda person: person.name)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    item = factory.SubFactory("tests.factories.workshops.AgendaItemFactory")
    person = factory.SubFactory(PersonFactory)
    kind = Role.Kind.SPEAKER
    position = factory.Faker("job")
    organization = factory.Faker("company")
    country = "CH"
    order = factory.Sequence(int)
