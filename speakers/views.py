from django.shortcuts import get_object_or_404, render

from .models import Person


def index(request):
    people = Person.objects.with_public_roles().search(request.GET.get("q"))
    return render(request, "speakers/index.html", {"people": people, "query": request.GET.get("q", "")})


def person_detail(request, slug):
    person = get_object_or_404(Person.objects.with_public_roles(), slug=slug)
    roles = person.roles.filter(item__day__workshop__is_published=True).select_related("item__day__workshop")
    return render(request, "speakers/person_detail.html", {"person": person, "roles": roles})
