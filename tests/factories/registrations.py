import datetime

import factory
from django.utils import timezone

from workshops.models import Registration

from .workshops import WorkshopFactory


class OpenWorkshopFactory(WorkshopFactory):
    """A published, upcoming workshop whose registration is open now."""

    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    registration_closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    workshop = factory.SubFactory(OpenWorkshopFactory)
    status = Registration.Status.CONFIRMED
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    position = factory.Faker("job")
    organization = factory.Faker("company")
    organization_type = Registration.OrganizationType.MEMBER_STATE
    country = "CH"
    delegation_role = Registration.DelegationRole.DELEGATE
    language = Registration.Language.ENGLISH
    consent_processing = True
    # Most tests start from registrations whose owners followed the e-mailed link.
    email_confirmed_at = factory.LazyFunction(timezone.now)
