"""The participant's forms: registration, correction through the private link, and asking for the link again."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import Registration
from ..services.registration import RegistrationData

SECTIONS = (
    (_("About you"), ("honorific", "given_name", "family_name", "email", "phone", "language")),
    (
        _("Your participation"),
        ("position", "organization", "organization_type", "country", "delegation_role", "needs"),
    ),
    (_("Consent"), ("consent_processing", "consent_public_list")),
)

# Bots fill in every field they find; people never see this one.
HONEYPOT = "website"


class RegistrationForm(forms.ModelForm):
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    class Meta:
        model = Registration
        fields = [name for _legend, names in SECTIONS for name in names]
        widgets = {
            "needs": forms.Textarea(attrs={"rows": 3}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "given_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "family_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "honorific": forms.TextInput(attrs={"autocomplete": "honorific-prefix"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "organization": forms.TextInput(attrs={"autocomplete": "organization"}),
            "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }
        labels = {
            "consent_processing": _("I agree to the processing of my personal data for this workshop."),
            "consent_public_list": _(
                "You may show my name, organization and country on the public list of participants."
            ),
        }
        help_texts = {
            "consent_public_list": _("Optional. Without it, your name appears only on the secretariat's lists."),
            "phone": _("Optional. With the country code, for example +41 22 717 91 11."),
            "needs": _("Optional. Tell us what would make the workshop accessible and comfortable for you."),
        }
        error_messages = {
            "consent_processing": {
                "required": _("We can only register you if you agree to the processing of your personal data.")
            },
        }

    submit_label = _("Register")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "consent_processing" in self.fields:
            self.fields["consent_processing"].required = True
            self.fields["consent_processing"].help_text = format_html(
                '<a href="{}">{}</a>', reverse("workshops:privacy"), _("Read the privacy notice")
            )
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("language", translation.get_language())

    @cached_property
    def helper(self):
        """Built when the form is shown, which a submission that succeeds never is; the view may set
        `submit_label` until then."""
        helper = FormHelper()
        parts = [
            Fieldset(legend, *[name for name in names if name in self.fields])
            for legend, names in SECTIONS
            if any(name in self.fields for name in names)
        ]
        if HONEYPOT in self.fields:
            parts.append(
                Div(
                    Field(HONEYPOT, tabindex="-1", autocomplete="off"),
                    css_class="visually-hidden",
                    aria_hidden="true",
                )
            )
        parts.append(Submit("submit", self.submit_label, css_class="btn-primary btn-lg"))
        helper.layout = Layout(*parts)
        return helper

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT):
            raise ValidationError(_("Leave this field empty."), code="honeypot")
        return ""

    def _post_clean(self):
        # Where a ModelForm validates the model instance, which the registration services validate again before
        # they save it (the views show what they refuse on this form). Once is enough: Django checks the table's
        # seven constraints with a query each, which in a rush of submissions every submission would wait for.
        pass

    def registration_data(self) -> RegistrationData:
        """The cleaned values of the registration's own fields, for the registration services."""
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}


class RegistrationCorrectionForm(RegistrationForm):
    """What a participant may change through the private link; withdrawing consent is cancelling."""

    website = None
    submit_label = _("Save my corrections")

    class Meta(RegistrationForm.Meta):
        fields = [name for name in RegistrationForm.Meta.fields if name != "consent_processing"]


class PrivateLinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("The e-mail address you registered with"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Send me my private link"), css_class="btn-primary"))
