"""Registration as a participant meets it: the form, seats and waitlist, e-mails, and the private link."""

import datetime
import io
import re
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from mailer.models import MessageLog

from tests.factories import OpenWorkshopFactory, RegistrationFactory, WorkshopFactory
from workshops.models import Registration, Workshop

from .registration_helpers import (
    form_data,
    fresh_rate_limits,  # noqa: F401  (an autouse fixture)
    private_path,
    register_url,
    submit,
    url,
)

pytestmark = pytest.mark.django_db


def status_of(email):
    return Registration.objects.get(email=email).status


def test_open_workshop_shows_the_form_with_the_seats_left(client):
    workshop = OpenWorkshopFactory(seats=3)
    RegistrationFactory(workshop=workshop)

    response = client.get(register_url(workshop))

    assert response.status_code == 200
    page = response.content.decode()
    assert "2 seats left." in page
    assert 'name="given_name"' in page
    assert 'name="consent_processing"' in page
    assert url("privacy") in page


def test_registration_is_confirmed_while_seats_remain_and_mails_the_private_link(client):
    workshop = OpenWorkshopFactory(seats=2, title="Labour Mobility")

    response = submit(client, register_url(workshop), form_data())

    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert (registration.given_name, registration.country.code, registration.delegation_role) == ("Amina", "SN", "head")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina.diallo@example.org"]
    assert message.subject == "Registration confirmed: Labour Mobility"
    assert "Dear Ms Amina Diallo," in message.body
    assert "your seat is reserved" in message.body
    assert "Check your e-mail" in client.get(response["Location"]).content.decode()
    page = client.get(private_path(message)).content.decode()
    assert "Status: Confirmed" in page
    assert "Your seat is reserved." in page


def test_full_workshop_offers_the_waitlist_and_waitlists_a_new_registration(client):
    workshop = OpenWorkshopFactory(seats=1)
    RegistrationFactory(workshop=workshop)

    page = client.get(register_url(workshop)).content.decode()
    assert "seat is taken. You can join the waitlist" in page
    assert 'value="Join the waitlist"' in page

    response = submit(client, register_url(workshop), form_data())

    assert status_of("amina.diallo@example.org") == Registration.Status.WAITLISTED
    assert mail.outbox[0].subject.startswith("You are on the waitlist:")
    assert "in position 1" in mail.outbox[0].body
    assert response.status_code == 302
    assert "in position 1" in client.get(private_path(mail.outbox[0])).content.decode()


def test_a_refused_submission_to_a_full_workshop_still_offers_the_waitlist(client):
    workshop = OpenWorkshopFactory(seats=1)
    RegistrationFactory(workshop=workshop)

    page = submit(client, register_url(workshop), form_data(given_name="")).content.decode()

    assert "This field is required." in page
    assert 'value="Join the waitlist"' in page
    assert not Registration.objects.filter(email="amina.diallo@example.org").exists()


@pytest.mark.django_db(transaction=True)
def test_a_submission_is_checked_once_in_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    # Outside a test's own transaction, as in production: the rate limit's count in the table that every process
    # shares (its size, then the row in a transaction of its own: five), the workshop, then under its lock the
    # workshop again, the address with the seats and the waitlist in one query, and the insert, with the
    # transaction's BEGIN and COMMIT. Checking a table constraint adds a query, and inside the transaction two more.
    # The e-mail then reads the agenda for its times and calendar file, in five queries whatever its size.
    workshop = OpenWorkshopFactory(seats=1)
    RegistrationFactory(workshop=workshop)
    RegistrationFactory.create_batch(20, workshop=workshop, status=Registration.Status.WAITLISTED)

    with django_assert_max_num_queries(11 + 5):
        response = submit(client, register_url(workshop), form_data())

    assert response.status_code == 302
    assert status_of("amina.diallo@example.org") == Registration.Status.WAITLISTED
    assert "in position 21" in mail.outbox[0].body


def test_workshop_that_needs_approval_keeps_a_registration_pending_even_with_free_seats(client):
    workshop = OpenWorkshopFactory(seats=10, registration_requires_approval=True)

    assert "reviews each registration" in client.get(register_url(workshop)).content.decode()
    submit(client, register_url(workshop), form_data())

    assert status_of("amina.diallo@example.org") == Registration.Status.PENDING
    assert mail.outbox[0].subject.startswith("Registration received:")


def test_workshop_without_a_seat_limit_confirms_everyone(client):
    workshop = OpenWorkshopFactory(seats=None)
    RegistrationFactory.create_batch(5, workshop=workshop)

    submit(client, register_url(workshop), form_data())

    assert status_of("amina.diallo@example.org") == Registration.Status.CONFIRMED


def test_cancelling_a_confirmed_registration_gives_the_seat_to_the_first_on_the_waitlist(client):
    workshop = OpenWorkshopFactory(seats=1)
    submit(client, register_url(workshop), form_data(email="first@example.org"))
    submit(client, register_url(workshop), form_data(email="second@example.org", given_name="Bruno"))
    submit(client, register_url(workshop), form_data(email="third@example.org"))
    assert [status_of(f"{n}@example.org") for n in ("first", "second", "third")] == [
        "confirmed",
        "waitlisted",
        "waitlisted",
    ]
    first_link = private_path(mail.outbox[0])
    mail.outbox.clear()

    confirm_page = client.get(first_link + "cancel/").content.decode()
    assert "Your seat will go to the first person on the waitlist." in confirm_page
    response = submit(client, first_link + "cancel/")

    assert response.status_code == 302
    assert [status_of(f"{n}@example.org") for n in ("first", "second", "third")] == [
        "cancelled",
        "confirmed",
        "waitlisted",
    ]
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"first@example.org", "second@example.org"}
    assert by_recipient["first@example.org"].subject.startswith("Registration cancelled:")
    promoted = by_recipient["second@example.org"]
    assert promoted.subject.startswith("A seat is yours:")
    assert "Dear Ms Bruno Diallo," in promoted.body
    assert "Status: Confirmed" in client.get(private_path(promoted)).content.decode()


def test_cancelling_a_waitlisted_registration_gives_no_seat_away(client):
    workshop = OpenWorkshopFactory(seats=1)
    RegistrationFactory(workshop=workshop)
    submit(client, register_url(workshop), form_data(email="second@example.org"))
    submit(client, register_url(workshop), form_data(email="third@example.org"))
    link = private_path(mail.outbox[0])

    submit(client, link + "cancel/")

    assert status_of("second@example.org") == "cancelled"
    assert status_of("third@example.org") == "waitlisted"
    assert "in position 1" in client.get(private_path(mail.outbox[1])).content.decode()


def test_registering_a_known_address_answers_as_for_a_new_one_and_tells_only_its_owner(client):
    workshop = OpenWorkshopFactory()
    first = submit(client, register_url(workshop), form_data())
    mail.outbox.clear()

    again = submit(
        client,
        register_url(workshop),
        form_data(email="Amina.Diallo@EXAMPLE.org", given_name="Someone", position="Clerk"),
    )

    assert (again.status_code, again["Location"]) == (first.status_code, first["Location"])
    assert Registration.objects.count() == 1
    assert Registration.objects.get().given_name == "Amina"
    assert [message.to for message in mail.outbox] == [["amina.diallo@example.org"]]
    notice = mail.outbox[0]
    assert "Someone asked to register this e-mail address" in notice.body
    assert "Dear Ms Amina Diallo," in notice.body
    assert "Director of Migration Policy" in client.get(private_path(notice)).content.decode()


def test_asking_for_the_link_of_an_unregistered_address_looks_the_same_and_sends_nothing(client):
    workshop = OpenWorkshopFactory()
    RegistrationFactory(workshop=workshop, email="someone@example.org")

    response = submit(client, url("registration-link", slug=workshop.slug), {"email": "nobody@example.org"})

    assert response.status_code == 200
    assert "we have sent the private link" in response.content.decode()
    assert mail.outbox == []


def test_registration_not_yet_open_says_when_it_opens_and_closes(client):
    opens = timezone.make_aware(datetime.datetime(2099, 3, 1, 9, 0), datetime.UTC)
    workshop = OpenWorkshopFactory(
        start_date=datetime.date(2099, 5, 1),
        registration_opens_at=opens,
        registration_closes_at=opens + datetime.timedelta(days=30),
        timezone="Europe/Zurich",
    )

    response = client.get(register_url(workshop))
    page = response.content.decode()

    assert response.status_code == 200
    assert "Registration is not open yet." in page
    assert "It opens on 1 March 2099, 10:00 and closes on 31 March 2099, 11:00 (Europe/Zurich time)." in page
    assert 'name="given_name"' not in page
    submit(client, register_url(workshop), form_data())
    assert not Registration.objects.exists()


def test_closed_registration_says_when_it_closed_and_stores_nothing(client):
    closed = timezone.now() - datetime.timedelta(days=2)
    workshop = OpenWorkshopFactory(
        registration_opens_at=closed - datetime.timedelta(days=10), registration_closes_at=closed
    )

    response = submit(client, register_url(workshop), form_data())

    page = response.content.decode()
    assert "Registration is closed." in page
    assert f"It closed on {timezone.localtime(closed).strftime('%-d %B %Y, %H:%M')}" in page
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_registration_closes_when_the_workshop_is_over(client):
    workshop = OpenWorkshopFactory(
        start_date=timezone.localdate() - datetime.timedelta(days=3),
        end_date=timezone.localdate() - datetime.timedelta(days=2),
        registration_opens_at=timezone.now() - datetime.timedelta(days=30),
        registration_closes_at=None,
    )

    page = client.get(register_url(workshop)).content.decode()

    assert "It closed when the workshop ended." in page


@pytest.mark.parametrize(
    "workshop_kwargs", [{"is_published": False}, {"registration_opens_at": None, "registration_closes_at": None}]
)
def test_unpublished_workshop_or_one_without_registration_has_no_form(client, workshop_kwargs):
    workshop = OpenWorkshopFactory(**workshop_kwargs)

    response = client.get(register_url(workshop))

    assert response.status_code == 404


def test_private_link_lets_the_participant_correct_their_details(client):
    workshop = OpenWorkshopFactory()
    submit(client, register_url(workshop), form_data())
    link = private_path(mail.outbox[0])
    edit_page = client.get(link + "correct/").content.decode()
    assert 'value="Ministry of the Interior"' in edit_page
    assert 'name="consent_processing"' not in edit_page

    response = submit(
        client, link + "correct/", form_data(organization="Ministry of Foreign Affairs", consent_public_list=None)
    )

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.organization == "Ministry of Foreign Affairs"
    assert registration.consent_public_list is False
    assert registration.status == Registration.Status.CONFIRMED
    assert "Ministry of Foreign Affairs" in client.get(link).content.decode()


def test_correcting_the_email_answers_alike_for_a_known_address_and_tells_only_its_owner(client):
    workshop = OpenWorkshopFactory()
    RegistrationFactory(workshop=workshop, email="taken@example.org", given_name="Owen", family_name="Taken")
    submit(client, register_url(workshop), form_data())
    link = private_path(mail.outbox[0])
    client.get(link)
    mail.outbox.clear()

    to_known = submit(client, link + "correct/", form_data(email="TAKEN@example.org", position="Envoy"))
    to_known_page = client.get(to_known["Location"]).content.decode()
    notices = [(message.to, message.body) for message in mail.outbox]
    mail.outbox.clear()
    to_new = submit(client, link + "correct/", form_data(email="new.address@example.org", position="Envoy"))
    to_new_page = client.get(to_new["Location"]).content.decode()

    # The private page's token carries the time it was signed, so each answer is read without its own.
    def without_token(response, page):
        return page.replace(response["Location"].split("/")[-2], "TOKEN")

    assert without_token(to_known, to_known_page) == without_token(to_new, to_new_page)
    assert "follow the link we have sent to the new address" in to_new_page
    assert Registration.objects.get(given_name="Amina").email == "amina.diallo@example.org"
    assert Registration.objects.get(given_name="Amina").position == "Envoy"
    assert [to for to, _body in notices] == [["taken@example.org"]]
    assert "Dear Owen Taken," in notices[0][1]
    assert "Someone asked to register this e-mail address" in notices[0][1]
    assert [message.to for message in mail.outbox] == [["new.address@example.org"]]

    client.get(private_path(mail.outbox[0]))

    registration = Registration.objects.get(given_name="Amina")
    assert registration.email == "new.address@example.org"
    assert registration.email_confirmed_at is not None


def test_a_correction_the_registration_refuses_is_shown_at_its_field_and_changes_nothing(client):
    workshop = OpenWorkshopFactory()
    submit(client, register_url(workshop), form_data())
    link = private_path(mail.outbox[0])

    response = submit(client, link + "correct/", form_data(phone="call me maybe", organization="Ministry of Labour"))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["phone"]
    assert 'value="call me maybe"' in response.content.decode()
    assert Registration.objects.get().organization == "Ministry of the Interior"


def test_tampered_link_is_rejected_with_a_clear_page(client):
    workshop = OpenWorkshopFactory()
    submit(client, register_url(workshop), form_data())
    link = private_path(mail.outbox[0])
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]

    for path in (tampered, tampered + "correct/", tampered + "cancel/", "/en/registration/not-a-token/"):
        response = client.get(path)
        assert response.status_code == 404
        assert "This link is not valid." in response.content.decode()
    assert submit(client, tampered + "cancel/").status_code == 404
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


def test_expired_link_is_rejected_and_offers_a_new_one(client, monkeypatch):
    registration = RegistrationFactory()
    from workshops.services.registration_links import private_link

    long_ago = time.time() - 400 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: long_ago)
        old_link = private_link(registration)

    response = client.get(old_link.split("127.0.0.1:8000", 1)[1])

    assert response.status_code == 410
    page = response.content.decode()
    assert "This link has expired." in page
    assert url("registration-link", slug=registration.workshop.slug) in page


def test_a_link_opens_only_its_own_registration(client):
    workshop = OpenWorkshopFactory()
    submit(client, register_url(workshop), form_data(email="one@example.org", given_name="Uno"))
    submit(client, register_url(workshop), form_data(email="two@example.org", given_name="Dos"))
    one, two = (private_path(message) for message in mail.outbox)

    assert "Uno" in client.get(one).content.decode()
    assert "Dos" not in client.get(one).content.decode()
    assert "Dos" in client.get(two).content.decode()
    # The signed value of one link pasted onto the signature of the other opens nothing.
    one_value, two_signature = one.split("/")[3].split(":", 1)[0], two.split("/")[3].split(":", 1)[1]
    assert client.get(f"/en/registration/{one_value}:{two_signature}/").status_code == 404


def test_cancelled_registration_can_no_longer_be_corrected_or_cancelled(client):
    workshop = OpenWorkshopFactory()
    submit(client, register_url(workshop), form_data())
    link = private_path(mail.outbox[0])
    submit(client, link + "cancel/")
    mail.outbox.clear()

    assert client.get(link + "correct/")["Location"] == link
    assert submit(client, link + "cancel/")["Location"] == link
    assert submit(client, link + "correct/", form_data(organization="Changed"))["Location"] == link
    page = client.get(link).content.decode()
    assert "This registration is cancelled." in page
    assert "Correct my details" not in page
    assert Registration.objects.get().organization == "Ministry of the Interior"
    assert mail.outbox == []


def test_filled_in_honeypot_stores_nothing_and_sends_nothing(client):
    workshop = OpenWorkshopFactory()

    response = submit(client, register_url(workshop), form_data(website="http://spam.example"))

    assert response.status_code == 200
    assert response.context["form"].errors["website"] == ["Leave this field empty."]
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_honeypot_is_hidden_from_people(client):
    page = client.get(register_url(OpenWorkshopFactory())).content.decode()

    assert re.search(r'class="visually-hidden"\s+aria-hidden="true">\s*<div id="div_id_website"', page)
    assert re.search(r'<input type="text" name="website"[^>]* tabindex="-1" autocomplete="off"', page)


def test_rate_limit_stops_an_address_after_too_many_submissions(client, settings):
    settings.REGISTRATION_RATE_LIMIT = "3/m"
    workshop = OpenWorkshopFactory()

    codes = [
        submit(
            client, register_url(workshop), form_data(email=f"p{n}@example.org"), REMOTE_ADDR="203.0.113.7"
        ).status_code
        for n in range(5)
    ]

    assert codes == [302, 302, 302, 429, 429]
    assert Registration.objects.count() == 3
    blocked = submit(client, register_url(workshop), form_data(email="p9@example.org"), REMOTE_ADDR="203.0.113.7")
    assert "Too many submissions" in blocked.content.decode()
    other_address = submit(
        client, register_url(workshop), form_data(email="p10@example.org"), REMOTE_ADDR="198.51.100.2"
    )
    assert other_address.status_code == 302
    assert Registration.objects.count() == 4


def test_behind_a_proxy_the_rate_limit_counts_the_address_the_proxy_reports(client, settings):
    settings.REGISTRATION_RATE_LIMIT = "1/m"
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    workshop = OpenWorkshopFactory()

    def from_visitor(n, forwarded_for):
        data = form_data(email=f"v{n}@example.org")
        return submit(client, register_url(workshop), data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)

    assert from_visitor(1, "203.0.113.7").status_code == 302
    assert from_visitor(2, "198.51.100.2").status_code == 302
    # Whatever a visitor writes before the proxy's entry does not make them someone else.
    assert from_visitor(3, "192.0.2.99, 203.0.113.7").status_code == 429


def test_unreadable_client_address_is_still_answered(client):
    workshop = OpenWorkshopFactory()

    response = submit(client, register_url(workshop), form_data(), REMOTE_ADDR="")

    assert response.status_code == 302


def test_rate_limit_also_guards_the_link_request_form(client, settings):
    settings.REGISTRATION_RATE_LIMIT = "2/m"
    workshop = OpenWorkshopFactory()
    path = url("registration-link", slug=workshop.slug)

    codes = [submit(client, path, {"email": "x@example.org"}).status_code for _ in range(3)]

    assert codes == [200, 200, 429]


def test_errors_are_shown_at_the_field_in_french_and_typed_values_are_kept(client):
    workshop = OpenWorkshopFactory()

    response = submit(
        client, register_url(workshop, "fr"), form_data(family_name="", email="pas-une-adresse", given_name="Amélie")
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="fr">' in page
    family_error = page.split('id="id_family_name"', 1)[1].split("</div>", 2)[0]
    assert "Ce champ est obligatoire." in family_error
    email_error = page.split('id="id_email"', 1)[1].split("</div>", 2)[0]
    assert "Saisissez une adresse de courriel valide." in email_error
    assert 'value="Amélie"' in page
    assert 'value="pas-une-adresse"' in page
    assert 'value="Ministry of the Interior"' in page
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-address"),
        ("country", "XX"),
        ("organization_type", "government_of_mars"),
        ("delegation_role", "king"),
        ("language", "de"),
        ("given_name", "A" * 101),
        ("organization", "O" * 301),
        ("phone", "call me maybe"),
        ("needs", "n" * 1001),
        ("consent_processing", None),
        ("given_name", ""),
        ("position", "   "),
    ],
)
def test_every_field_is_checked_on_the_server(client, field, value):
    workshop = OpenWorkshopFactory()

    response = submit(client, register_url(workshop), form_data(**{field: value}))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Registration.objects.exists()


def test_consent_to_processing_is_required_and_links_the_privacy_notice(client):
    workshop = OpenWorkshopFactory()

    response = submit(client, register_url(workshop), form_data(consent_processing=None))

    assert response.context["form"].errors["consent_processing"] == [
        "We can only register you if you agree to the processing of your personal data."
    ]
    privacy = client.get(url("privacy"))
    assert privacy.status_code == 200
    assert "Privacy notice for workshop registration" in privacy.content.decode()


def test_emails_and_their_links_follow_the_participants_language(client):
    workshop = OpenWorkshopFactory()

    submit(client, register_url(workshop, "en"), form_data(language="fr"))

    assert "http://testserver/fr/registration/" in mail.outbox[0].body
    response = client.get(private_path(mail.outbox[0]))
    assert '<html lang="fr">' in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_registration_made_while_the_mail_relay_is_down_is_still_answered(client, settings, caplog):
    # Committed for real, as outside tests: the e-mail is sent after the commit, still inside the request.
    settings.EMAIL_BACKEND = "tests.workshops.registration_helpers.RelayDown"
    workshop = OpenWorkshopFactory(seats=5)

    response = client.post(register_url(workshop), form_data())

    assert response.status_code == 302
    assert status_of("amina.diallo@example.org") == Registration.Status.CONFIRMED
    assert "Check your e-mail" in client.get(response["Location"]).content.decode()
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in caplog.text


@pytest.fixture
def queued_mail(settings):
    """E-mail as production sends it: queued in the database, then sent by `manage.py send_mail` (here into the
    test outbox); tests may set another MAILER_EMAIL_BACKEND."""
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


def test_with_production_mail_a_registration_queues_its_email_which_waits_out_a_relay_outage(client, queued_mail):
    queued_mail.MAILER_EMAIL_BACKEND = "tests.workshops.registration_helpers.RelayDown"
    workshop = OpenWorkshopFactory(title="Labour Mobility")

    response = submit(client, register_url(workshop), form_data())
    call_command("send_mail")

    assert response.status_code == 302
    assert mail.outbox == []
    queued_mail.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("retry_deferred")
    call_command("send_mail")
    assert [message.subject for message in mail.outbox] == ["Registration confirmed: Labour Mobility"]
    assert client.get(private_path(mail.outbox[0])).status_code == 200


@pytest.mark.usefixtures("queued_mail")
def test_the_log_of_sent_emails_keeps_nothing_of_the_participant(client):
    submit(client, register_url(OpenWorkshopFactory()), form_data())
    call_command("send_mail")

    assert "Amina Diallo" in mail.outbox[0].body
    logged = MessageLog.objects.get()
    assert logged.message_id == mail.outbox[0].extra_headers["Message-ID"]
    assert logged.email is None  # neither address nor name nor private link


def test_public_list_shows_only_confirmed_participants_who_agreed_and_only_when_turned_on(client):
    workshop = OpenWorkshopFactory(participant_list_public=False)
    RegistrationFactory(workshop=workshop, given_name="Listed", organization="Org L", consent_public_list=True)
    RegistrationFactory(workshop=workshop, given_name="Private", consent_public_list=False)
    RegistrationFactory(
        workshop=workshop, given_name="Waiting", consent_public_list=True, status=Registration.Status.WAITLISTED
    )
    path = url("participants", slug=workshop.slug)

    assert client.get(path).status_code == 404

    Workshop.objects.filter(pk=workshop.pk).update(participant_list_public=True)
    page = client.get(path).content.decode()

    assert "Listed" in page
    assert "Org L" in page
    assert "Switzerland" in page
    assert "Private" not in page
    assert "Waiting" not in page
    assert "@example.org" not in page


def test_public_list_is_read_in_bounded_queries(client, django_assert_max_num_queries):
    workshop = OpenWorkshopFactory(participant_list_public=True)
    RegistrationFactory.create_batch(30, workshop=workshop, consent_public_list=True)

    with django_assert_max_num_queries(3):
        response = client.get(url("participants", slug=workshop.slug))

    assert response.content.decode().count("<tr>") == 31


def test_demo_data_adds_an_upcoming_demonstration_workshop_with_open_registration_once(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    demo = Workshop.objects.get(title__startswith="[Demonstration]")
    assert Workshop.objects.count() == 2
    assert demo.start_date > timezone.localdate()
    assert demo.is_published
    assert "demonstration" in demo.summary
    response = client.get(register_url(demo))
    assert response.status_code == 200
    assert 'name="given_name"' in response.content.decode()


def test_registration_form_for_a_past_workshop_from_the_archive_does_not_exist(client):
    workshop = WorkshopFactory()

    assert client.get(register_url(workshop)).status_code == 404


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [
        ("consent_processing", False, "consent_processing"),
        ("organization_type", "party", "organization_type"),
        ("delegation_role", "king", "delegation_role"),
    ],
)
def test_the_registration_service_refuses_invalid_data_that_skipped_the_form(field, value, where):
    from django.core.exceptions import ValidationError

    from workshops.forms.registration import RegistrationForm
    from workshops.services.registration import register

    workshop = OpenWorkshopFactory(seats=3)
    form = RegistrationForm(form_data())
    assert form.is_valid(), form.errors
    data = {**form.registration_data(), field: value}

    with pytest.raises(ValidationError) as refused:
        register(workshop=workshop, data=data)

    assert list(refused.value.message_dict) == [where]
    assert not workshop.registrations.exists()
