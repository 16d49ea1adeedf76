"""What a browser sends back from an admin add or change page: every field of the form and of its inlines."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import CheckboxInput, FileField

from workshops.models import Document


def admin_page_data(response):
    """The page's form data left as it is: fields with their current values, inlines with management forms."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
        forms.extend(inline.formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if isinstance(field.field.widget, CheckboxInput):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(field.field, FileField) or value is None:
                continue
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            else:
                data[field.html_name] = value
    return data


def inline_forms(response):
    """(prefix of each inline form, its form) for every inline row of the page."""
    return [
        (form.prefix, form) for inline in response.context["inline_admin_formsets"] for form in inline.formset.forms
    ]


def new_document_inline(*, title, filename, size):
    """An agenda item's or a role's documents inline with one new public PDF of `size` bytes added."""
    return {
        "documents-TOTAL_FORMS": 1,
        "documents-0-kind": Document.Kind.PRESENTATION,
        "documents-0-title": title,
        "documents-0-language": "en",
        "documents-0-file": SimpleUploadedFile(filename, b"%PDF-1.4 " + b"x" * (size - 9)),
        "documents-0-available": "on",
        "documents-0-is_public": "on",
        "documents-0-order": 1,
    }
