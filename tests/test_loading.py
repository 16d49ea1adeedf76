"""Rows loaded in bulk (idm/core/loading.py) are the instances Django's own loading gives."""

import pytest
from django.db.models.signals import post_init

from speakers.models import Role
from tests.factories import DocumentFactory, RoleFactory
from workshops.models import Document

pytestmark = pytest.mark.django_db


def _columns(instance):
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def _ignore(sender, **kwargs):
    pass


def _loaded_by_django(queryset):
    """The same rows, loaded through Model.__init__: a post_init receiver makes from_db take Django's way."""
    post_init.connect(_ignore)
    try:
        return list(queryset)
    finally:
        post_init.disconnect(_ignore)


def test_a_role_loaded_in_bulk_equals_the_role_django_loads():
    role = RoleFactory(country="SN", on_behalf_of=RoleFactory().person, on_behalf_of_country="FR")
    roles = Role.objects.filter(pk=role.pk).select_related("person", "on_behalf_of")

    assert not post_init.receivers, "nothing may listen, or the bulk loading is not used"
    (bulk,) = list(roles)
    (ordinary,) = _loaded_by_django(roles)

    assert _columns(bulk) == _columns(ordinary)
    assert _columns(bulk.person) == _columns(ordinary.person)
    assert bulk.country.name == "Senegal"
    assert bulk.on_behalf_of.name == ordinary.on_behalf_of.name
    assert bulk.affiliation == ordinary.affiliation
    assert (bulk._state.adding, bulk._state.db) == (False, "default")


def test_a_document_loaded_in_bulk_links_as_before_and_saves_as_an_update():
    document = DocumentFactory(title="Background paper", url="https://www.iom.int/idm/background-paper.pdf")

    loaded = Document.objects.get(pk=document.pk)
    loaded.title = "Background paper (revised)"
    loaded.save()

    assert not loaded.file
    assert loaded.link == document.link == f"/en/documents/{document.pk}/download/"
    assert Document.objects.count() == 1
    assert Document.objects.get(pk=document.pk).title == "Background paper (revised)"


def test_a_receiver_of_post_init_sees_every_instance_loaded():
    RoleFactory.create_batch(3)
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(sender)

    post_init.connect(receiver)
    try:
        list(Role.objects.select_related("person"))
    finally:
        post_init.disconnect(receiver)

    assert sorted(model.__name__ for model in seen) == ["Person"] * 3 + ["Role"] * 3


def test_deferred_columns_load_when_read_as_django_loads_them(django_assert_num_queries):
    role = RoleFactory(position="Director General")

    loaded = Role.objects.only("kind").get(pk=role.pk)
    with django_assert_num_queries(1):
        assert loaded.position == "Director General"


def test_a_document_loaded_in_bulk_without_its_text_equals_the_one_django_loads_and_reads_it_when_asked():
    document = DocumentFactory(title="Background paper")
    Document.objects.filter(pk=document.pk).update(text="Seasonal workers")
    documents = Document.objects.filter(pk=document.pk).defer("text")

    (bulk,) = list(documents)
    (ordinary,) = _loaded_by_django(documents)

    assert bulk.get_deferred_fields() == ordinary.get_deferred_fields() == {"text"}
    assert bulk.__dict__.keys() - {"_state"} == ordinary.__dict__.keys() - {"_state"}
    assert bulk.title == "Background paper"
    assert bulk.text == "Seasonal workers"
