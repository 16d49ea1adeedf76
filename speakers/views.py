from itertools import groupby

from django.shortcuts import get_object_or_404, render

from idm.core.caching import public_page

from . import selectors
from .models import Person


@public_page
def index(request):
    query = request.GET.get("q", "").strip()[:200]
    people = list(selectors.people_for_index(query=query))
    letters = [(letter, list(group)) for letter, group in groupby(people, key=lambda person: person.index_letter)]
    return render(request, "speakers/index.html", {"letters": letters, "query": query, "count": len(people)})


@public_page
def person_detail(request, slug):
    person = get_object_or_404(Person.objects.with_public_roles(), slug=slug)
    roles = list(selectors.roles_for_person_page(person))
    by_workshop = [
        (workshop, list(group)) for workshop, group in groupby(roles, key=lambda role: role.item.day.workshop)
    ]
    return render(
        request,
        "speakers/person_detail.html",
        {"person": person, "by_workshop": by_workshop, "stood_in_for": list(selectors.roles_on_behalf_of(person))},
    )
