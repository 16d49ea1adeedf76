"""The secretariat's admin: staff build, check and publish workshops here, never in a shell. One module per area;
importing them registers their admins (Django autodiscovers this package)."""

from . import agenda, documents, registration, workshops  # noqa: F401
