"""The workshops app's models, one module per area; Django and the migrations find every model here."""

from .agenda import AgendaItem, AgendaVersion, Day, Question
from .documents import Document, document_upload_to
from .registration import Registration, consent_given
from .workshop import Partner, RegistrationSettings, Theme, Workshop

# document_upload_to and consent_given are named by the migrations as workshops.models.<name>.
__all__ = [
    "AgendaItem",
    "AgendaVersion",
    "Day",
    "Document",
    "Partner",
    "Question",
    "Registration",
    "RegistrationSettings",
    "Theme",
    "Workshop",
    "consent_given",
    "document_upload_to",
]
