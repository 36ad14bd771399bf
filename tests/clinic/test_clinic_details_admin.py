"""The clinic's contact details: one row, edited in both languages, shown everywhere."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clinic.models import ClinicDetails
from tests.staff_auth.sign_in import log_in_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("boss")
    return log_in_with_second_factor(client, user)


def test_the_list_goes_straight_to_the_one_row(admin_client, clinic):
    response = admin_client.get(reverse("admin:clinic_clinicdetails_changelist"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:clinic_clinicdetails_change", args=[clinic.pk])


def test_before_any_details_exist_the_list_offers_to_add_them(admin_client):
    response = admin_client.get(reverse("admin:clinic_clinicdetails_changelist"))
    assert response["Location"] == reverse("admin:clinic_clinicdetails_add")


def test_a_second_row_cannot_be_added_nor_the_first_deleted(admin_client, clinic):
    assert admin_client.get(reverse("admin:clinic_clinicdetails_add")).status_code == 403
    delete_url = reverse("admin:clinic_clinicdetails_delete", args=[clinic.pk])
    assert admin_client.get(delete_url).status_code == 403


def test_details_are_edited_in_lithuanian_and_english(admin_client, clinic):
    content = admin_client.get(
        reverse("admin:clinic_clinicdetails_change", args=[clinic.pk])
    ).content.decode()
    for field in ["name", "address", "opening_hours", "contact_sentence", "about"]:
        assert f'name="{field}_lt"' in content
        assert f'name="{field}_en"' in content
    assert 'name="phone"' in content


def test_a_new_phone_number_shows_at_once_in_every_contact_block(admin_client, clinic):
    patient = Client()
    assert 'href="tel:+37060226118"' in patient.get("/en/").content.decode()  # now cached
    form = {
        "name_lt": clinic.name_lt,
        "name_en": clinic.name_en,
        "phone": "8 611 22333",
        "email": clinic.email,
        "address_lt": clinic.address_lt,
        "address_en": clinic.address_en,
        "opening_hours_lt": clinic.opening_hours_lt,
        "opening_hours_en": clinic.opening_hours_en,
        "contact_sentence_lt": clinic.contact_sentence_lt,
        "contact_sentence_en": clinic.contact_sentence_en,
        "about_lt": clinic.about_lt,
        "about_en": clinic.about_en,
    }
    response = admin_client.post(
        reverse("admin:clinic_clinicdetails_change", args=[clinic.pk]), form
    )
    assert response.status_code == 302
    assert ClinicDetails.objects.get().phone == "8 611 22333"
    assert 'href="tel:+37061122333"' in patient.get("/en/").content.decode()


def test_admin_pages_that_show_no_contact_details_do_not_read_them(admin_client, clinic):
    with CaptureQueriesContext(connection) as queries:
        admin_client.get(reverse("admin:index"))
    # The admin itself asks whether a row exists (a second cannot be added); the contact
    # details themselves, phone included, are not read.
    assert not [q for q in queries if '"clinic_clinicdetails"."phone"' in q["sql"]]


def test_editors_may_change_the_clinic_details_but_not_the_privacy_notice(client, clinic):
    editor = get_user_model().objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    change = reverse("admin:clinic_clinicdetails_change", args=[clinic.pk])
    assert client.get(change).status_code == 200
    assert editor.has_perm("clinic.change_clinicdetails")
    assert not editor.has_perm("registration.change_privacynotice")
    assert not editor.has_perm("clinic.add_clinicdetails")
