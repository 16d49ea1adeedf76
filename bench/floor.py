"""The registration floor: what any submission costs on this stack, for the rush to be read against.

The view takes the same POST through the same middleware (sessions, CSRF check, locale, messages, history,
axes), writes its row in a transaction and answers with a redirect, as the registration form does; it checks
nothing, takes no lock, counts no seat and renders no e-mail. Only the benchmark settings route to it.
"""

from django.db import transaction
from django.http import HttpResponseRedirect
from django.views.decorators.http import require_POST

from workshops.forms.registration import SECTIONS
from workshops.models import Registration

# What the participant types, as the registration form lays it out; consent is ticked in every submission.
TYPED_FIELDS = [name for _legend, names in SECTIONS for name in names if not name.startswith("consent_")]


@require_POST
def submission_floor(request, workshop):
    with transaction.atomic():
        Registration.objects.create(
            workshop_id=workshop,
            status=Registration.Status.CONFIRMED,
            consent_processing=True,
            **{name: request.POST.get(name, "") for name in TYPED_FIELDS},
        )
    return HttpResponseRedirect(request.path)
