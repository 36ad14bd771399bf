"""The reception desk in the admin: who sees requests, and what reception does with them."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from registration.models import AppointmentRequest
from tests.registration.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:registration_appointmentrequest_changelist"


def changelist_url():
    return reverse(CHANGELIST)


def change_url(appointment_request):
    return reverse("admin:registration_appointmentrequest_change", args=[appointment_request.pk])


def run_action(client, action, *requests, **extra):
    return client.post(
        changelist_url(),
        {"action": action, ACTION_CHECKBOX_NAME: [r.pk for r in requests], **extra},
    )


# --- Who sees requests ------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    request = AppointmentRequestFactory()
    for url in [changelist_url(), change_url(request)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_editors_cannot_see_requests_at_all(login, editor):
    client = login(editor)
    request = AppointmentRequestFactory()
    assert client.get(changelist_url()).status_code == 403
    assert client.get(change_url(request)).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert "registration/appointmentrequest" not in index
    assert "Ona Onaitė" not in index


def test_editors_cannot_export_requests(login, editor):
    client = login(editor)
    request = AppointmentRequestFactory()
    response = run_action(client, "export_csv", request)
    assert response.status_code == 403
    assert "Ona" not in response.content.decode()


def test_reception_sees_and_changes_requests_and_nothing_else(login, receptionist):
    client = login(receptionist)
    request = AppointmentRequestFactory()
    assert client.get(changelist_url()).status_code == 200
    assert client.get(change_url(request)).status_code == 200
    assert client.get(reverse("admin:registration_appointmentrequest_add")).status_code == 403
    delete_url = reverse("admin:registration_appointmentrequest_delete", args=[request.pk])
    assert client.get(delete_url).status_code == 403
    for other in [
        "admin:registration_privacynotice_changelist",
        "admin:articles_article_changelist",
        "admin:auth_user_changelist",
        "admin:clinic_clinicdetails_changelist",
    ]:
        assert client.get(reverse(other)).status_code == 403


def test_reception_group_holds_exactly_view_and_change_of_requests(receptionist):
    permissions = set(receptionist.get_all_permissions())
    assert permissions == {
        "registration.view_appointmentrequest",
        "registration.change_appointmentrequest",
    }


def test_superusers_see_and_may_delete_requests(login, superuser):
    client = login(superuser)
    request = AppointmentRequestFactory()
    assert client.get(changelist_url()).status_code == 200
    delete_url = reverse("admin:registration_appointmentrequest_delete", args=[request.pk])
    assert client.get(delete_url).status_code == 200


def test_request_pages_are_never_cached(login, receptionist):
    client = login(receptionist)
    request = AppointmentRequestFactory()
    for url in [changelist_url(), change_url(request)]:
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control


def test_admin_addresses_name_requests_by_number_only(login, receptionist):
    request = AppointmentRequestFactory()
    content = login(receptionist).get(changelist_url()).content.decode()
    assert f'href="{change_url(request)}' in content
    assert change_url(request).endswith(f"/{request.pk}/change/")


# --- The list -----------------------------------------------------------------------


def test_newest_requests_come_first(login, receptionist):
    older = AppointmentRequestFactory(
        name="Senesnis", created_at=timezone.now() - timedelta(days=2)
    )
    newer = AppointmentRequestFactory(name="Naujesnis")
    content = login(receptionist).get(changelist_url()).content.decode()
    assert content.index(newer.name) < content.index(older.name)


def test_the_list_title_counts_new_requests(login, receptionist):
    AppointmentRequestFactory.create_batch(2)
    AppointmentRequestFactory(status=AppointmentRequest.Status.CONTACTED)
    content = login(receptionist).get(changelist_url()).content.decode()
    assert "Appointment requests: 2 new" in content


def test_status_filter_shows_how_many_requests_are_in_each_status(login, receptionist):
    AppointmentRequestFactory.create_batch(3)
    AppointmentRequestFactory(status=AppointmentRequest.Status.SPAM)
    content = login(receptionist).get(changelist_url()).content.decode()
    assert "New (3)" in content
    assert "Spam (1)" in content


def test_requests_waiting_more_than_a_working_day_are_marked_and_filterable(login, receptionist):
    AppointmentRequestFactory(name="Laukia seniai", created_at=timezone.now() - timedelta(days=10))
    AppointmentRequestFactory(name="Ką tik atėjo")
    client = login(receptionist)
    content = client.get(changelist_url()).content.decode()
    assert "(1 waiting more than one working day)" in content
    assert content.count("⚠ late") == 1
    filtered = client.get(changelist_url(), {"waiting": "too-long"}).content.decode()
    assert "Laukia seniai" in filtered
    assert "Ką tik atėjo" not in filtered


@pytest.mark.parametrize("typed", ["8 602 26118", "860226118", "+370 602 26118", "26118"])
def test_reception_finds_a_request_by_phone_however_it_is_typed(login, receptionist, typed):
    AppointmentRequestFactory(name="Ieškoma", phone="+37060226118")
    AppointmentRequestFactory(name="Kita", phone="+37061122333")
    content = login(receptionist).get(changelist_url(), {"q": typed}).content.decode()
    assert "Ieškoma" in content
    assert "Kita" not in content


def test_reception_finds_a_request_by_name_or_e_mail(login, receptionist):
    AppointmentRequestFactory(name="Jonas Petraitis", email="jonas@example.lt")
    AppointmentRequestFactory(name="Kita", email="kita@example.lt")
    client = login(receptionist)
    for term in ["Petraitis", "jonas@"]:
        content = client.get(changelist_url(), {"q": term}).content.decode()
        assert "Jonas Petraitis" in content
        assert "Kita" not in content


def test_failed_e_mails_are_marked_in_the_list_and_filterable(login, receptionist):
    AppointmentRequestFactory(
        name="Neišsiųsta", notification_error="ConnectionRefusedError", notification_attempts=3
    )
    AppointmentRequestFactory(name="Išsiųsta", notification_sent_at=timezone.now())
    client = login(receptionist)
    content = client.get(changelist_url()).content.decode()
    assert "FAILED (3 attempts), will be retried" in content
    failed = client.get(changelist_url(), {"notification": "failed"}).content.decode()
    assert "Neišsiųsta" in failed
    assert "Išsiųsta<" not in failed


# --- Handling a request -------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("mark_contacted", AppointmentRequest.Status.CONTACTED),
        ("mark_booked", AppointmentRequest.Status.BOOKED),
        ("mark_closed", AppointmentRequest.Status.CLOSED),
        ("mark_spam", AppointmentRequest.Status.SPAM),
    ],
)
def test_status_actions_record_who_handled_the_request_and_when(
    login, receptionist, action, status
):
    request = AppointmentRequestFactory()
    untouched = AppointmentRequestFactory()
    response = run_action(login(receptionist), action, request)
    assert response.status_code == 302
    request.refresh_from_db()
    untouched.refresh_from_db()
    assert request.status == status
    assert request.handled_by == receptionist
    assert timezone.now() - request.handled_at < timedelta(minutes=1)
    assert untouched.status == AppointmentRequest.Status.NEW


def test_reception_writes_notes_and_who_did_it_is_recorded(login, receptionist):
    request = AppointmentRequestFactory()
    response = login(receptionist).post(
        change_url(request), {"status": "contacted", "staff_notes": "Perskambinti pirmadienį."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.staff_notes == "Perskambinti pirmadienį."
    assert request.status == AppointmentRequest.Status.CONTACTED
    assert request.handled_by == receptionist


def test_what_the_patient_sent_cannot_be_changed_in_the_admin(login, receptionist):
    request = AppointmentRequestFactory(name="Ona Onaitė")
    login(receptionist).post(
        change_url(request),
        {"status": "new", "staff_notes": "", "name": "Kažkas Kitas", "phone": "+37061122333"},
    )
    request.refresh_from_db()
    assert request.name == "Ona Onaitė"
    assert request.phone == "+37060226118"


def test_change_page_shows_the_patient_phone_readably(login, receptionist):
    request = AppointmentRequestFactory(phone="+37060226118")
    content = login(receptionist).get(change_url(request)).content.decode()
    assert "+370\u00a0602\u00a026118" in content


def test_the_lithuanian_admin_names_an_english_speaking_patients_language_in_lithuanian(
    login, receptionist
):
    request = AppointmentRequestFactory(language="en")
    client = login(receptionist)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "lt"
    content = client.get(change_url(request)).content.decode()
    assert "Anglų" in content


# --- CSV export ---------------------------------------------------------------------


def exported_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_csv_export_holds_the_selected_requests(login, receptionist):
    selected = AppointmentRequestFactory(name="Pasirinkta")
    AppointmentRequestFactory(name="Nepasirinkta")
    response = run_action(login(receptionist), "export_csv", selected)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="appointment-requests-')
    rows = exported_rows(response)
    assert len(rows) == 2
    assert rows[1][0] == str(selected.pk)
    assert "Pasirinkta" in rows[1]
    assert not any("Nepasirinkta" in cell for row in rows for cell in row)


@pytest.mark.parametrize(
    "dangerous", ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_csv_export_never_leaves_a_cell_that_a_spreadsheet_would_run(
    login, receptionist, dangerous
):
    request = AppointmentRequestFactory(
        name=dangerous, topic=dangerous, message=dangerous, staff_notes=dangerous
    )
    rows = exported_rows(run_action(login(receptionist), "export_csv", request))
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert "'" + dangerous in rows[1]


def test_csv_export_uses_the_list_separator_of_a_lithuanian_spreadsheet(login, receptionist):
    request = AppointmentRequestFactory(name="Jonas, Petraitis")
    text = run_action(login(receptionist), "export_csv", request).content.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.split(";")[:3] == ["number", "received", "status"]
    assert ";Jonas, Petraitis;" in text


def test_csv_export_keeps_ordinary_text_and_lithuanian_letters_as_they_are(login, receptionist):
    request = AppointmentRequestFactory(name="Žydrūnė Šalčiūtė", phone="+37060226118")
    rows = exported_rows(run_action(login(receptionist), "export_csv", request))
    assert "Žydrūnė Šalčiūtė" in rows[1]
    # A phone number starts with +: it is kept as text, never as a formula.
    assert "'+37060226118" in rows[1]


# --- Erasure on request -------------------------------------------------------------


def test_erasing_asks_for_confirmation_first(login, receptionist):
    request = AppointmentRequestFactory(name="Ona Onaitė")
    response = run_action(login(receptionist), "erase_personal_data", request)
    assert response.status_code == 200
    assert "Erase the patient&#x27;s personal data?" in response.content.decode()
    request.refresh_from_db()
    assert request.name == "Ona Onaitė"


def test_erasing_blanks_the_patients_details_and_keeps_an_anonymous_stub(login, receptionist):
    request = AppointmentRequestFactory(staff_notes="Skambinti vakare.")
    other = AppointmentRequestFactory()
    response = run_action(login(receptionist), "erase_personal_data", request, confirmed="yes")
    assert response.status_code == 302
    request.refresh_from_db()
    other.refresh_from_db()
    for field in ["name", "phone", "email", "topic", "message", "staff_notes"]:
        assert getattr(request, field) == "", field
    assert request.erased_at is not None
    assert request.language == "lt" and request.created_at
    assert other.name == "Ona Onaitė"


def test_an_erased_request_shows_no_trace_of_the_patient_in_the_list(login, receptionist):
    request = AppointmentRequestFactory(name="Ona Onaitė")
    client = login(receptionist)
    run_action(client, "erase_personal_data", request, confirmed="yes")
    content = client.get(changelist_url()).content.decode()
    assert "Ona Onaitė" not in content
    assert "(erased)" in content


def test_admin_history_names_a_request_by_number_not_by_patient(login, receptionist):
    request = AppointmentRequestFactory(name="Ona Onaitė")
    login(receptionist).post(change_url(request), {"status": "contacted", "staff_notes": ""})
    assert LogEntry.objects.get().object_repr == f"Request no. {request.pk}"


def test_date_hierarchy_lets_reception_look_at_one_day(login, receptionist):
    day = timezone.make_aware(datetime(2026, 11, 3, 10, 0))
    AppointmentRequestFactory(name="Tą dieną", created_at=day)
    AppointmentRequestFactory(name="Kitą dieną", created_at=day + timedelta(days=1))
    content = (
        login(receptionist)
        .get(
            changelist_url(),
            {"created_at__year": 2026, "created_at__month": 11, "created_at__day": 3},
        )
        .content.decode()
    )
    assert "Tą dieną" in content
    assert "Kitą dieną" not in content
