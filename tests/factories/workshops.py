import datetime

import factory

from workshops.models import AgendaItem, AgendaVersion, Day, Document, Partner, Question, Theme, Workshop


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("year",)

    year = factory.Sequence(lambda n: 2001 + n % 40)
    title = factory.Faker("sentence", nb_words=6)


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    slug = factory.Sequence(lambda n: f"workshop-{n}")
    title = factory.Faker("sentence", nb_words=7)
    theme = factory.SubFactory(ThemeFactory)
    start_date = datetime.date(2007, 10, 8)
    end_date = factory.LazyAttribute(lambda workshop: workshop.start_date + datetime.timedelta(days=1))
    city = "Geneva"
    country = "CH"
    summary = factory.Faker("paragraph")
    agenda_status = Workshop.AgendaStatus.FINAL
    agenda_issued_on = datetime.date(2007, 10, 1)
    is_published = True


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    workshop = factory.SubFactory(WorkshopFactory)
    name = factory.Faker("company")
    role = Partner.Role.COLLABORATOR


class DayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Day

    workshop = factory.SubFactory(WorkshopFactory)
    date = factory.LazyAttribute(lambda day: day.workshop.start_date)
    label = "Day I"
    order = factory.Sequence(int)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    day = factory.SubFactory(DayFactory)
    kind = AgendaItem.Kind.SESSION
    title = factory.Faker("sentence", nb_words=6)
    start = datetime.time(10, 0)
    end = datetime.time(11, 0)
    description = factory.Faker("paragraph")
    order = factory.Sequence(int)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    item = factory.SubFactory(AgendaItemFactory)
    text = factory.Faker("sentence", nb_words=12)
    order = factory.Sequence(int)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    workshop = factory.SubFactory(WorkshopFactory)
    kind = Document.Kind.PRESENTATION
    title = factory.Faker("sentence", nb_words=5)
    language = "en"
    order = factory.Sequence(int)


class AgendaVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaVersion

    workshop = factory.SubFactory(WorkshopFactory)
    status = Workshop.AgendaStatus.PROVISIONAL
    issued_on = datetime.date(2007, 9, 1)
    snapshot = factory.LazyAttribute(
        lambda version: {
            "format": "idm-workshop/1",
            "workshop": {"slug": version.workshop.slug, "title": version.workshop.title},
            "people": [],
            "days": [],
        }
    )
