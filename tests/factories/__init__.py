from .registrations import OpenWorkshopFactory, RegistrationFactory
from .reports import PublicationFactory, SpeakerOrganizationFactory
from .speakers import PersonFactory, RoleFactory
from .users import SecretariatEditorFactory, SecretariatViewerFactory, SuperuserFactory, UserFactory
from .workshops import (
    AgendaItemFactory,
    AgendaVersionFactory,
    DayFactory,
    DocumentFactory,
    PartnerFactory,
    QuestionFactory,
    ThemeFactory,
    WorkshopFactory,
)

__all__ = [
    "AgendaItemFactory",
    "AgendaVersionFactory",
    "DayFactory",
    "DocumentFactory",
    "OpenWorkshopFactory",
    "PartnerFactory",
    "PersonFactory",
    "PublicationFactory",
    "QuestionFactory",
    "RegistrationFactory",
    "RoleFactory",
    "SecretariatEditorFactory",
    "SecretariatViewerFactory",
    "SpeakerOrganizationFactory",
    "SuperuserFactory",
    "ThemeFactory",
    "UserFactory",
    "WorkshopFactory",
]
