"""The registration floor: what any submission costs on this stack, for the rush to be read against.

The view takes the same POST through the same middleware (sessions, CSRF check, locale, messages, history,
axes), writes its row in a transaction and answers with a redirect, as the registration form does; it checks
nothing, takes no lock, counts no seat and renders no e-mail. Only the benchmark settings route to it.
"""

from django.db import transaction
from django.http import HttpResponseRedirect
from django.views.decorators.http import require_POST

from workshops.models import Registration

STORED_FIELDS = (
    "honorific",
    "given_name",
    "family_name",
    "email",
    "phone",
    "language",
    "position",
    "organization",
    "organization_type",
    "country",
    "delegation_role",
    "needs",
)


@require_POST
def submission_floor(request, workshop):
    with transaction.atomic():
        Registration.objects.create(
            workshop_id=workshop,
            status=Registration.Status.CONFIRMED,
            consent_processing=True,
            **{name: request.POST.get(name, "") for name in STORED_FIELDS},
        )
    return HttpResponseRedirect(request.path)
