"""Reception finds a patient by name whatever the case and diacritics typed, through an
index of name words, on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection

from registration.models import AppointmentRequest, RequestNameWord
from tests.registration.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/registration/appointmentrequest/"


@pytest.mark.parametrize(
    "typed", ["Žydrūnė", "žydrūnė", "zydrune", "ZYDRUNE", "onaite", "zyd", "Zydrune Onait"]
)
def test_reception_finds_a_name_ignoring_case_and_diacritics(login, receptionist, typed):
    AppointmentRequestFactory(name="Žydrūnė Onaitė")
    AppointmentRequestFactory(name="Kita Petraitytė")
    content = login(receptionist).get(CHANGELIST, {"q": typed}).content.decode()
    assert "Žydrūnė Onaitė" in content
    assert "Kita Petraitytė" not in content


def test_every_word_typed_must_match_the_start_of_a_word_of_the_name():
    wanted = AppointmentRequestFactory(name="Ona Onaitė")
    AppointmentRequestFactory(name="Ona Petraitytė")
    assert list(AppointmentRequest.objects.with_name_like("ona onai")) == [wanted]


def test_a_name_with_a_hyphen_is_found_by_either_part():
    wanted = AppointmentRequestFactory(name="Rūta Kazlauskienė-Jonaitienė")
    assert list(AppointmentRequest.objects.with_name_like("jonaitiene")) == [wanted]


def test_an_erased_request_is_no_longer_found_by_name():
    request = AppointmentRequestFactory(name="Ona Onaitė")
    AppointmentRequest.objects.filter(pk=request.pk).erase_personal_data()
    assert not AppointmentRequest.objects.with_name_like("onaite").exists()
    assert not RequestNameWord.objects.exists()


@pytest.fixture
def query_plan():
    AppointmentRequestFactory.create_batch(3)
    if connection.vendor == "postgresql":
        # With a handful of rows a table scan is cheapest; this asks which index
        # PostgreSQL would use once the table is large.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    return lambda queryset: queryset.explain()


def test_a_name_is_looked_up_in_the_name_word_index(query_plan):
    assert "requestnameword_word" in query_plan(RequestNameWord.objects.starting_with("onai"))


def test_name_search_never_reads_every_request(query_plan):
    plan = query_plan(AppointmentRequest.objects.with_name_like("zydrune onai").order_by())
    assert "requestnameword_word" in plan
    assert "SCAN registration_appointmentrequest" not in plan
    assert "Seq Scan" not in plan
