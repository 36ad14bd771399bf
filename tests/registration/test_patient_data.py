"""A patient's own data on request: find all their requests, export them as one file, or
erase them all; each step recorded in the access log."""

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from access_log.models import AccessEvent
from tests.registration.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db

PAGE = "/admin/registration/appointmentrequest/patient-data/"
CHANGELIST = "/admin/registration/appointmentrequest/"


@pytest.fixture
def ona(db):
    return [
        AppointmentRequestFactory(name="Ona Onaitė", phone="+37060226118", email="ona@example.lt"),
        AppointmentRequestFactory(name="Ona Onaitė", phone="+37060226118", email=""),
        AppointmentRequestFactory(name="Ona O.", phone="+37069999999", email="Ona@Example.lt"),
    ]


@pytest.fixture
def someone_else(db):
    return AppointmentRequestFactory(name="Kitas Žmogus", phone="+37061122333", email="k@x.lt")


def numbers_on(content, requests):
    return [f">{r.pk}</a>" in content for r in requests]


def test_reception_finds_every_request_of_a_phone_number_however_typed(
    login, receptionist, ona, someone_else
):
    content = login(receptionist).get(PAGE, {"phone": "8 602 26118"}).content.decode()
    assert numbers_on(content, ona) == [True, True, False]
    assert "Kitas" not in content


def test_a_phone_number_or_an_e_mail_finds_all_the_patients_requests(
    login, receptionist, ona, someone_else
):
    content = (
        login(receptionist)
        .get(PAGE, {"phone": "+370 602 26118", "email": "ONA@example.lt"})
        .content.decode()
    )
    assert numbers_on(content, ona) == [True, True, True]
    assert "Kitas" not in content


def test_an_empty_lookup_asks_for_a_phone_or_e_mail(login, receptionist):
    content = login(receptionist).get(PAGE, {"phone": "", "email": ""}).content.decode()
    assert "Type the patient&#x27;s phone number or e-mail address." in content


def test_finding_a_patients_requests_is_logged(login, receptionist, ona):
    login(receptionist).get(PAGE, {"phone": "860226118"})
    assert sorted(AccessEvent.objects.values_list("action", "request_number")) == [
        ("viewed", ona[0].pk),
        ("viewed", ona[1].pk),
    ]


def test_the_patients_requests_export_as_one_file_and_the_export_is_logged(
    login, receptionist, ona, someone_else
):
    client = login(receptionist)
    content = client.get(PAGE, {"email": "ona@example.lt"}).content.decode()
    assert 'value="export_csv"' in content
    response = client.post(
        CHANGELIST,
        {"action": "export_csv", "index": "0", ACTION_CHECKBOX_NAME: [ona[0].pk, ona[2].pk]},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [str(ona[0].pk), str(ona[2].pk)]
    assert AccessEvent.objects.filter(action="exported").count() == 2


def test_editors_cannot_open_the_patient_data_page(client, db):
    from tests.registration.factories import StaffUserFactory

    client.force_login(StaffUserFactory(groups=["Editors"]))
    assert client.get(PAGE, {"phone": "860226118"}).status_code == 403
