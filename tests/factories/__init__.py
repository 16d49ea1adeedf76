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
    "PartnerFactory",
    "PersonFactory",
    "QuestionFactory",
    "RoleFactory",
    "SecretariatEditorFactory",
    "SecretariatViewerFactory",
    "SuperuserFactory",
    "ThemeFactory",
    "UserFactory",
    "WorkshopFactory",
]
