"""What a browser sends back from an admin add or change page: every field of the form and of its inlines."""

from django.forms import CheckboxInput, FileField


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
