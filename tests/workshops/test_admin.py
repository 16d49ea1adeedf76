"""The secretariat admin for workshops, through its pages, as editors and viewers use it."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from idm.core.secretariat import EDITORS, SECRETARIAT_APPS, VIEWERS
from speakers.models import Role
from tests.admin_forms import admin_page_data, new_document_inline
from tests.factories import (
    AgendaItemFactory,
    AgendaVersionFactory,
    DayFactory,
    DocumentFactory,
    PartnerFactory,
    PersonFactory,
    QuestionFactory,
    RoleFactory,
    SecretariatEditorFactory,
    SecretariatViewerFactory,
    SuperuserFactory,
    ThemeFactory,
    WorkshopFactory,
)
from workshops.models import AgendaItem, AgendaVersion, Day, Document, Theme, Workshop

pytestmark = pytest.mark.django_db

# The most queries each page may take for the demo workshop. Four are the session, the user and the user's
# permissions, and each page looks up a content type or two (once per process; counted here from a cold
# cache); the rest are one per list, inline or select, never one per row.
QUERY_BOUNDS = {
    (Theme, "changelist"): 7,
    (Theme, "add"): 5,
    (Theme, "change"): 6,
    (Workshop, "changelist"): 11,
    (Workshop, "add"): 6,
    (Workshop, "change"): 13,
    (Day, "changelist"): 9,
    (Day, "add"): 5,
    (Day, "change"): 9,
    (AgendaItem, "changelist"): 10,
    (AgendaItem, "add"): 6,
    # 11 for the demo item; one more once the item has documents, for the content type of their rows.
    (AgendaItem, "change"): 12,
    (Document, "changelist"): 9,
    (Document, "add"): 5,
    (Document, "change"): 9,
    (AgendaVersion, "changelist"): 7,
    (AgendaVersion, "change"): 7,
}


def admin_url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def page_url(model, page, obj):
    return admin_url(model, page, obj.pk) if page == "change" else admin_url(model, page)


def shows(response, text):
    """Whether the page shows the text, as the template escapes it."""
    return escape(text) in response.content.decode()


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture(autouse=True)
def cold_content_type_cache():
    """Admin pages look content types up once per process; count those queries whatever test ran before."""
    ContentType.objects.clear_cache()


@pytest.fixture
def editor(client):
    client.force_login(SecretariatEditorFactory())
    return client


@pytest.fixture
def viewer(client):
    client.force_login(SecretariatViewerFactory())
    return client


def session(workshop, number):
    return AgendaItem.objects.get(day__workshop=workshop, kind=AgendaItem.Kind.SESSION, number=number)


@pytest.fixture
def demo_objects(demo_workshop):
    return {
        Theme: demo_workshop.theme,
        Workshop: demo_workshop,
        Day: demo_workshop.days.first(),
        # Session I has a sub-item, guiding questions and a speaker on behalf of someone else.
        AgendaItem: session(demo_workshop, 1),
        Document: demo_workshop.documents.first(),
        AgendaVersion: demo_workshop.agenda_versions.get(),
    }


def editor_pages():
    return [(model, page) for model, page in QUERY_BOUNDS if (model, page) != (AgendaVersion, "add")]


@pytest.mark.parametrize(("model", "page"), editor_pages(), ids=lambda value: getattr(value, "__name__", value))
def test_editor_opens_every_page_in_a_bounded_number_of_queries(
    editor, demo_objects, django_assert_max_num_queries, model, page
):
    url = page_url(model, page, demo_objects[model])

    with django_assert_max_num_queries(QUERY_BOUNDS[model, page]):
        response = editor.get(url)

    assert response.status_code == 200
    if page == "changelist":
        assert demo_objects[model] in response.context["cl"].result_list


@pytest.mark.parametrize("model", [Theme, Workshop, Day, AgendaItem, Document, AgendaVersion], ids=lambda m: m.__name__)
def test_viewer_reads_every_page_but_cannot_add_or_change(viewer, demo_objects, django_assert_max_num_queries, model):
    obj = demo_objects[model]

    with django_assert_max_num_queries(QUERY_BOUNDS[model, "changelist"]):
        listing = viewer.get(admin_url(model, "changelist"))
    with django_assert_max_num_queries(QUERY_BOUNDS[model, "change"]):
        page = viewer.get(admin_url(model, "change", obj.pk))

    assert listing.status_code == 200
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert viewer.get(admin_url(model, "add")).status_code == 403
    assert viewer.post(admin_url(model, "change", obj.pk), {}).status_code == 403


@pytest.mark.parametrize("factory", [SecretariatEditorFactory, SecretariatViewerFactory, SuperuserFactory])
def test_admin_index_shows_the_secretariat_models_to_all_staff(client, factory):
    client.force_login(factory())

    response = client.get(reverse("admin:index"))

    listed = {model["object_name"] for app in response.context["app_list"] for model in app["models"]}
    assert {"Theme", "Workshop", "Day", "AgendaItem", "Document", "AgendaVersion", "Person", "Role"} <= listed


def test_editor_creates_a_workshop_with_its_days_and_partners(editor):
    theme = ThemeFactory(year=2009)
    data = admin_page_data(editor.get(admin_url(Workshop, "add")))
    data.update(
        {
            "title": "Human rights of migrants",
            "slug": "2009-human-rights",
            "theme": theme.pk,
            "start_date": "2009-03-25",
            "end_date": "2009-03-26",
            "objectives": "Take stock of the protection of migrants\nShare practice",
            "days-TOTAL_FORMS": 2,
            "days-0-date": "2009-03-25",
            "days-0-label": "Day I",
            "days-0-order": 1,
            "days-1-date": "2009-03-26",
            "days-1-label": "Day II",
            "days-1-order": 2,
            "partners-TOTAL_FORMS": 1,
            "partners-0-name": "OHCHR",
            "partners-0-role": "co_organizer",
            "partners-0-order": 1,
        }
    )

    response = editor.post(admin_url(Workshop, "add"), data)

    assert response.status_code == 302
    workshop = Workshop.objects.get(slug="2009-human-rights")
    assert (workshop.theme, workshop.is_published, workshop.agenda_status) == (theme, False, "draft")
    assert workshop.objectives == ["Take stock of the protection of migrants", "Share practice"]
    assert [day.label for day in workshop.days.all()] == ["Day I", "Day II"]
    assert [str(partner) for partner in workshop.partners.all()] == ["OHCHR (Co-organizer)"]


def test_editor_adds_an_item_with_its_speaker_in_one_go(editor, demo_workshop):
    day = demo_workshop.days.last()
    speaker = PersonFactory(name="Patrick Taran")
    data = admin_page_data(editor.get(admin_url(AgendaItem, "add")))
    data.update(
        {
            "day": day.pk,
            "kind": AgendaItem.Kind.KEYNOTE,
            "title": "Rights-based labour migration",
            "start": "09:30",
            "end": "09:45",
            "order": 0,
            "roles-TOTAL_FORMS": 1,
            "roles-0-person": speaker.pk,
            "roles-0-kind": Role.Kind.SPEAKER,
            "roles-0-organization": "ILO",
            "roles-0-order": 1,
        }
    )

    response = editor.post(admin_url(AgendaItem, "add"), data, follow=True)

    item = day.items.get(title="Rights-based labour migration")
    assert [(role.person, role.organization) for role in item.roles.all()] == [(speaker, "ILO")]
    assert not [message for message in get_messages(response.wsgi_request) if message.level_tag == "warning"]


def test_earlier_agendas_are_a_record_that_not_even_editors_change(editor, demo_workshop):
    version = demo_workshop.agenda_versions.get()

    page = editor.get(admin_url(AgendaVersion, "change", version.pk))

    assert editor.get(admin_url(AgendaVersion, "add")).status_code == 403
    assert 'name="_save"' not in page.content.decode()
    assert editor.post(admin_url(AgendaVersion, "change", version.pk), {}).status_code == 403
    assert editor.post(admin_url(AgendaVersion, "delete", version.pk), {"post": "yes"}).status_code == 403
    assert AgendaVersion.objects.filter(pk=version.pk).exists()


def test_workshop_page_lists_the_earlier_agendas_read_only(editor, demo_workshop):
    version = demo_workshop.agenda_versions.get()

    response = editor.get(admin_url(Workshop, "change", demo_workshop.pk))

    assert shows(response, "Earlier agendas")
    assert shows(response, version.get_absolute_url())
    assert 'name="agenda_versions-0-status"' not in response.content.decode()


def add_load(workshop, *, items=25):
    """More of everything: items with roles, questions and documents; days, partners and earlier agendas."""
    day = workshop.days.first()
    for _number in range(items):
        item = AgendaItemFactory(day=day, start=datetime.time(9, 30), end=datetime.time(9, 45))
        RoleFactory(item=item, on_behalf_of=PersonFactory())
        RoleFactory(item=item)
        QuestionFactory(item=item)
        DocumentFactory(workshop=workshop, item=item)
    DayFactory(workshop=workshop, date=None, label="Reserve day")
    PartnerFactory.create_batch(5, workshop=workshop)
    DocumentFactory.create_batch(5, workshop=workshop)
    AgendaVersionFactory.create_batch(3, workshop=workshop)
    other_day = DayFactory(workshop=WorkshopFactory(start_date=datetime.date(2010, 3, 22)))
    for _number in range(items):
        RoleFactory(item=AgendaItemFactory(day=other_day))


@pytest.mark.parametrize(
    ("model", "page"),
    [(AgendaItem, "changelist"), (Workshop, "change"), (Workshop, "changelist"), (AgendaItem, "change")],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_pages_take_no_more_queries_with_more_data(editor, demo_objects, django_assert_max_num_queries, model, page):
    add_load(demo_objects[Workshop])
    item = demo_objects[AgendaItem]
    RoleFactory.create_batch(5, item=item, on_behalf_of=PersonFactory())
    QuestionFactory(item=item, parent=QuestionFactory(item=item))
    DocumentFactory.create_batch(3, workshop=demo_objects[Workshop], item=item)

    with django_assert_max_num_queries(QUERY_BOUNDS[model, page]):
        response = editor.get(page_url(model, page, demo_objects[model]))

    assert response.status_code == 200


def test_agenda_item_page_shows_each_chosen_speaker_without_asking_the_database_again(editor, demo_workshop):
    item = session(demo_workshop, 1)

    content = editor.get(admin_url(AgendaItem, "change", item.pk)).content.decode()

    for role in item.roles.select_related("person", "on_behalf_of"):
        assert f'<option value="{role.person_id}" selected>{escape(role.person)}</option>' in content
        if role.on_behalf_of:
            assert f'<option value="{role.on_behalf_of_id}" selected>{escape(role.on_behalf_of)}</option>' in content


def run_action(client, action, workshops):
    return client.post(
        admin_url(Workshop, "changelist"),
        {"action": action, "_selected_action": [workshop.pk for workshop in workshops]},
        follow=True,
    )


def test_publish_action_publishes_the_selected_workshops_and_says_how_many(editor):
    drafts = WorkshopFactory.create_batch(2, is_published=False)
    already = WorkshopFactory(is_published=True)

    response = run_action(editor, "publish", [*drafts, already])

    assert "2 workshops published." in messages_of(response)
    for workshop in drafts:
        workshop.refresh_from_db()
        assert workshop.is_published
        assert workshop.published_at is not None


def test_unpublish_action_takes_workshops_off_the_site(editor):
    workshop = WorkshopFactory(is_published=True)

    response = run_action(editor, "unpublish", [workshop])

    assert "1 workshop unpublished." in messages_of(response)
    workshop.refresh_from_db()
    assert not workshop.is_published


def test_finalize_action_makes_the_agenda_final_and_keeps_the_provisional_one(editor):
    workshop = WorkshopFactory(
        agenda_status=Workshop.AgendaStatus.PROVISIONAL, is_published=True, agenda_issued_on=datetime.date(2007, 9, 1)
    )
    AgendaItemFactory(day=DayFactory(workshop=workshop), title="Opening of the workshop")

    response = run_action(editor, "finalize", [workshop])

    assert "The agenda of 1 workshop is now final." in messages_of(response)
    workshop.refresh_from_db()
    assert workshop.agenda_status == Workshop.AgendaStatus.FINAL
    kept = workshop.agenda_versions.get()
    assert kept.status == Workshop.AgendaStatus.PROVISIONAL
    assert kept.issued_on == datetime.date(2007, 9, 1)
    assert "Opening of the workshop" in str(kept.snapshot)


def test_finalize_action_leaves_final_agendas_alone(editor, demo_workshop):
    response = run_action(editor, "finalize", [demo_workshop])

    assert "The agendas of 0 workshops are now final." in messages_of(response)
    assert demo_workshop.agenda_versions.count() == 1


def test_viewer_cannot_run_actions(viewer):
    workshop = WorkshopFactory(is_published=False)

    response = run_action(viewer, "publish", [workshop])

    assert response.status_code == 200
    workshop.refresh_from_db()
    assert not workshop.is_published


def test_agenda_cannot_be_made_final_by_hand_because_that_would_lose_the_provisional_one(editor, demo_workshop):
    Workshop.objects.filter(pk=demo_workshop.pk).update(agenda_status=Workshop.AgendaStatus.PROVISIONAL)
    url = admin_url(Workshop, "change", demo_workshop.pk)
    data = admin_page_data(editor.get(url))
    data["agenda_status"] = Workshop.AgendaStatus.FINAL

    response = editor.post(url, data)

    assert response.status_code == 200
    assert shows(response, "Use the action “Make the agenda final” in the list of workshops")
    demo_workshop.refresh_from_db()
    assert demo_workshop.agenda_status == Workshop.AgendaStatus.PROVISIONAL


def test_objectives_and_footnotes_are_edited_one_per_line(editor, demo_workshop):
    url = admin_url(Workshop, "change", demo_workshop.pk)
    page = editor.get(url)
    data = admin_page_data(page)
    data["objectives"] = "Share policy experience\r\n\r\n   Identify partnerships  \r\n"
    data["notes"] = ""

    response = editor.post(url, data)

    assert response.status_code == 302
    assert escape("\n".join(demo_workshop.objectives)) in page.content.decode()
    demo_workshop.refresh_from_db()
    assert demo_workshop.objectives == ["Share policy experience", "Identify partnerships"]
    assert demo_workshop.notes == []


def test_workshop_page_offers_view_on_site(editor, demo_workshop):
    content_type = ContentType.objects.get_for_model(Workshop)

    page = editor.get(admin_url(Workshop, "change", demo_workshop.pk))
    redirect = editor.get(reverse("admin:view_on_site", args=[content_type.pk, demo_workshop.pk]))

    assert shows(page, reverse("admin:view_on_site", args=[content_type.pk, demo_workshop.pk]))
    assert redirect.url.endswith(demo_workshop.get_absolute_url())


def test_workshop_list_filters_by_year_and_searches_by_title(editor, demo_workshop):
    later = WorkshopFactory(title="Migrants and host communities", start_date=datetime.date(2010, 3, 22))

    by_year = editor.get(admin_url(Workshop, "changelist"), {"year": "2010"})
    by_title = editor.get(admin_url(Workshop, "changelist"), {"q": "labour mobility"})

    assert list(by_year.context["cl"].result_list) == [later]
    assert list(by_title.context["cl"].result_list) == [demo_workshop]


def test_day_outside_the_workshop_dates_is_refused_at_the_field(editor, demo_workshop):
    url = admin_url(Workshop, "change", demo_workshop.pk)
    data = admin_page_data(editor.get(url))
    data["days-1-date"] = "2007-12-01"

    response = editor.post(url, data)

    assert response.status_code == 200
    assert shows(response, "2007-12-01 is outside the workshop's dates (2007-10-08 to 2007-10-09).")
    assert not Day.objects.filter(date=datetime.date(2007, 12, 1)).exists()


def test_day_page_refuses_a_date_outside_the_workshop(editor, demo_workshop):
    day = demo_workshop.days.last()
    url = admin_url(Day, "change", day.pk)
    data = admin_page_data(editor.get(url))
    data["date"] = "2007-10-10"

    response = editor.post(url, data)

    assert shows(response, "2007-10-10 is outside the workshop's dates (2007-10-08 to 2007-10-09).")
    day.refresh_from_db()
    assert day.date == datetime.date(2007, 10, 9)


def test_two_days_with_the_same_date_are_refused_at_the_field(editor, demo_workshop):
    url = admin_url(Workshop, "change", demo_workshop.pk)
    data = admin_page_data(editor.get(url))
    data["days-1-date"] = "2007-10-08"

    response = editor.post(url, data)

    assert response.status_code == 200
    assert shows(response, "This workshop already has a day with this date.")
    assert demo_workshop.days.filter(date=datetime.date(2007, 10, 9)).exists()


def test_item_ending_before_it_starts_is_refused_at_the_field(editor, demo_workshop):
    item = session(demo_workshop, 1)
    url = admin_url(AgendaItem, "change", item.pk)
    data = admin_page_data(editor.get(url))
    data.update(start="12:00", end="11:30")

    response = editor.post(url, data)

    assert shows(response, "The end time (11:30) must be after the start time (12:00).")
    item.refresh_from_db()
    assert (item.start, item.end) == (datetime.time(11, 0), datetime.time(13, 0))


def test_sub_item_outside_its_item_times_is_refused_at_the_field(editor, demo_workshop):
    sub_item = session(demo_workshop, 1).children.get()
    url = admin_url(AgendaItem, "change", sub_item.pk)
    data = admin_page_data(editor.get(url))
    data["start"] = "14:00"

    response = editor.post(url, data)

    assert shows(response, "A sub-item must start within its item's times (11:00–13:00).")
    sub_item.refresh_from_db()
    assert sub_item.start is None


def test_sub_item_on_another_day_than_its_item_is_refused_at_the_field(editor, demo_workshop):
    sub_item = session(demo_workshop, 1).children.get()
    url = admin_url(AgendaItem, "change", sub_item.pk)
    data = admin_page_data(editor.get(url))
    data["day"] = demo_workshop.days.last().pk

    response = editor.post(url, data)

    assert shows(response, "A sub-item must be on the same day as the item it is part of.")
    sub_item.refresh_from_db()
    assert sub_item.day == demo_workshop.days.first()


def test_speaker_on_behalf_of_themself_is_refused_on_the_item_page(editor, demo_workshop):
    item = session(demo_workshop, 1)
    url = admin_url(AgendaItem, "change", item.pk)
    data = admin_page_data(editor.get(url))
    data["roles-0-on_behalf_of"] = data["roles-0-person"]

    response = editor.post(url, data)

    assert response.status_code == 200
    assert shows(response, "A speaker cannot speak on behalf of themself.")
    assert not Role.objects.filter(on_behalf_of=item.roles.first().person).exists()


def test_item_page_offers_only_days_of_the_item_workshop(editor, demo_workshop):
    other_day = DayFactory(workshop=WorkshopFactory())
    item = session(demo_workshop, 1)

    form = editor.get(admin_url(AgendaItem, "change", item.pk)).context["adminform"].form

    assert set(form.fields["day"].queryset) == set(demo_workshop.days.all())
    assert other_day not in form.fields["day"].queryset


def test_guiding_question_can_only_hang_under_a_question_of_the_same_item(editor, demo_workshop):
    item = session(demo_workshop, 1)
    elsewhere = QuestionFactory(item=session(demo_workshop, 2))

    form = editor.get(admin_url(AgendaItem, "change", item.pk)).context["inline_admin_formsets"][1].formset.forms[0]

    parents = [value for value, _label in form.fields["parent"].choices if value]
    assert set(parents) == set(item.questions.filter(parent=None).values_list("pk", flat=True))
    assert elsewhere.pk not in parents


def overlapping_post(client, item, **times):
    url = admin_url(AgendaItem, "change", item.pk)
    data = admin_page_data(client.get(url))
    data.update(times)
    return client.post(url, data, follow=True)


def test_saving_an_item_that_overlaps_another_warns_and_names_it(editor, demo_workshop):
    welcome = AgendaItem.objects.get(day__workshop=demo_workshop, kind=AgendaItem.Kind.WELCOME)

    response = overlapping_post(editor, welcome, start="10:00", end="10:45")

    warnings = [str(message) for message in get_messages(response.wsgi_request) if message.level_tag == "warning"]
    assert len(warnings) == 1
    assert "“Keynote Presentation” (10:15–10:30)" in warnings[0]
    assert "“Setting the Scene” (10:30–11:00)" in warnings[0]
    welcome.refresh_from_db()
    assert welcome.end == datetime.time(10, 45)


def test_saving_an_item_that_overlaps_nothing_gives_no_warning(editor, demo_workshop):
    welcome = AgendaItem.objects.get(day__workshop=demo_workshop, kind=AgendaItem.Kind.WELCOME)

    response = overlapping_post(editor, welcome, start="10:00", end="10:10")

    assert not [message for message in get_messages(response.wsgi_request) if message.level_tag == "warning"]


def test_items_added_on_the_day_page_are_checked_for_overlaps(editor, demo_workshop):
    day = demo_workshop.days.first()
    url = admin_url(Day, "change", day.pk)
    data = admin_page_data(editor.get(url))
    new = data["items-TOTAL_FORMS"]
    data.update(
        {
            "items-TOTAL_FORMS": new + 1,
            f"items-{new}-kind": AgendaItem.Kind.BREAKOUT,
            f"items-{new}-title": "Parallel group on recruitment",
            f"items-{new}-start": "11:30",
            f"items-{new}-end": "12:30",
            f"items-{new}-order": 99,
        }
    )

    response = editor.post(url, data, follow=True)

    assert any("Towards More Effective Labour Migration" in message for message in messages_of(response))
    assert day.items.filter(title="Parallel group on recruitment", parent=None).exists()


def test_item_list_marks_overlapping_items(editor, demo_workshop):
    welcome = AgendaItem.objects.get(day__workshop=demo_workshop, kind=AgendaItem.Kind.WELCOME)
    AgendaItem.objects.filter(pk=welcome.pk).update(end=datetime.time(10, 20))

    response = editor.get(admin_url(AgendaItem, "changelist"), {"day__workshop__id__exact": demo_workshop.pk})

    overlapping = {item.title for item in response.context["cl"].result_list if item.overlaps}
    assert overlapping == {"Welcome Remarks", "Keynote Presentation"}
    assert "icon-yes" in response.content.decode()


def test_item_list_filters_by_year_and_finds_items_by_speaker(editor, demo_workshop):
    later = AgendaItemFactory(day=DayFactory(workshop=WorkshopFactory(start_date=datetime.date(2010, 3, 22))))

    by_year = editor.get(admin_url(AgendaItem, "changelist"), {"year": "2010"})
    by_speaker = editor.get(admin_url(AgendaItem, "changelist"), {"q": "Cordero"})

    assert list(by_year.context["cl"].result_list) == [later]
    assert [item.title for item in by_speaker.context["cl"].result_list] == [session(demo_workshop, 2).title]


HUGE_NUMBER = "99999999999999999999999"


def secretariat_changelists():
    """Every list of the secretariat's own models, with the year and date parameters its filters read."""
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in SECRETARIAT_APPS:
            continue
        parameters = ["created_at__year"] if any(f.name == "created_at" for f in model._meta.fields) else []
        if model_admin.date_hierarchy:
            parameters += [f"{model_admin.date_hierarchy}__year"]
        if any(getattr(spec, "parameter_name", None) == "year" for spec in model_admin.list_filter):
            parameters += ["year"]
        for parameter in parameters:
            yield pytest.param(model, parameter, id=f"{model.__name__}-{parameter}")


@pytest.mark.parametrize(("model", "parameter"), list(secretariat_changelists()))
@pytest.mark.parametrize("value", ["soon", HUGE_NUMBER, f"-{HUGE_NUMBER}", "0"])
def test_nonsense_year_in_the_address_shows_the_whole_list_with_a_message(editor, model, parameter, value):
    WorkshopFactory()  # the year filter is offered once there is a year to choose
    response = editor.get(admin_url(model, "changelist"), {parameter: value}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(f"{admin_url(model, 'changelist')}?e=1", 302)]
    assert "That filter is not valid, so the whole list is shown." in messages_of(response)


def test_staff_reorder_items_from_the_list(editor, demo_workshop):
    first, second = AgendaItem.objects.filter(day__workshop=demo_workshop, parent=None).order_by("order")[:2]
    url = f"{admin_url(AgendaItem, 'changelist')}?day__id__exact={first.day_id}"
    data = page_data_of_list(editor.get(url))
    index = {data[f"form-{n}-id"]: n for n in range(data["form-TOTAL_FORMS"])}
    data[f"form-{index[first.pk]}-order"] = 50
    data["_save"] = "Save"

    response = editor.post(url, data)

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.order == 50
    assert second.order < first.order


def page_data_of_list(response):
    formset = response.context["cl"].formset
    data = {formset.management_form.add_prefix(name): value for name, value in formset.management_form.initial.items()}
    for form in formset.forms:
        data.update({field.html_name: field.value() for field in form})
    return data


def test_uploaded_document_records_its_size(editor, demo_workshop):
    upload = SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 " + b"x" * 1191, content_type="application/pdf")

    response = editor.post(
        admin_url(Document, "add"),
        {
            "workshop": demo_workshop.pk,
            "kind": Document.Kind.AGENDA,
            "title": "Final agenda",
            "language": "en",
            "file": upload,
            "available": "on",
            "is_public": "on",
            "order": 1,
        },
    )

    assert response.status_code == 302
    document = Document.objects.get(title="Final agenda", file__endswith=".pdf")
    assert document.size == 1200
    with document.file.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4 " + b"x" * 1191


def test_document_added_on_the_item_page_belongs_to_the_item_workshop_and_records_its_size(editor, demo_workshop):
    item = session(demo_workshop, 1)
    url = admin_url(AgendaItem, "change", item.pk)
    data = admin_page_data(editor.get(url))
    data.update(new_document_inline(title="Labour market tests", filename="tests.pdf", size=300))

    response = editor.post(url, data)

    assert response.status_code == 302
    document = item.documents.get()
    assert (document.workshop, document.size) == (demo_workshop, 300)
    assert document.file.name.startswith(f"documents/{demo_workshop.slug}/")


def test_document_recorded_as_missing_cannot_have_a_file(editor, demo_workshop):
    response = editor.post(
        admin_url(Document, "add"),
        {
            "workshop": demo_workshop.pk,
            "kind": Document.Kind.PAPER,
            "title": "Lost paper",
            "url": "https://example.org/paper.pdf",
            "is_public": "on",
            "order": 1,
        },
    )

    assert shows(response, "A document recorded as “(no document)” cannot have a file or a link.")
    assert not Document.objects.filter(title="Lost paper").exists()


def test_document_of_an_item_of_another_workshop_is_refused(editor, demo_workshop):
    other = WorkshopFactory()

    response = editor.post(
        admin_url(Document, "add"),
        {
            "workshop": other.pk,
            "item": session(demo_workshop, 1).pk,
            "kind": Document.Kind.PAPER,
            "available": "on",
            "order": 1,
        },
    )

    assert shows(response, "This agenda item belongs to another workshop.")
    assert not other.documents.exists()


def test_secretariat_groups_exist_with_editors_changing_and_viewers_reading():
    editors = set(Group.objects.get(name=EDITORS).permissions.values_list("codename", flat=True))
    viewers = set(Group.objects.get(name=VIEWERS).permissions.values_list("codename", flat=True))
    secretariat = Permission.objects.filter(content_type__app_label__in=("workshops", "speakers"))

    for model in ("workshop", "agendaitem", "document", "person", "role"):
        assert {f"{action}_{model}" for action in ("add", "change", "delete", "view")} <= editors
        assert f"view_{model}" in viewers
    assert set(secretariat.values_list("codename", flat=True)) <= editors
    assert viewers and all(codename.startswith("view_") for codename in viewers)
