from django import template

from reports.tools import workshop_tools

register = template.Library()


@register.simple_tag(takes_context=True)
def tools_for(context, workshop):
    """The workshop's secretariat tools that the signed-in user may use."""
    return workshop_tools(context["request"].user, workshop)
