"""The admin as a whole: its header, its language switch, and the page for a page outside
a staff member's role."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from clinic_site.admin_pages import permission_denied
from tests.staff_auth.sign_in import log_in_with_second_factor

pytestmark = pytest.mark.django_db


def staff_client(client, group, language="lt"):
    user = User.objects.create_user(f"{group}-member", password="a-long-password-123")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group))
    log_in_with_second_factor(client, user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def test_the_admin_carries_the_clinics_own_header(client):
    content = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="lt").content.decode()
    assert "Klinikos svetainės tvarkymas" in content
    assert "Django" not in content


def test_the_language_switch_sets_a_cookie_for_the_admin_alone(client, settings):
    staff_client(client, "Editors")
    response = client.post(
        reverse("admin_language"), {"language": "en", "next": reverse("admin:index")}
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["path"] == f"/{settings.ADMIN_URL}"
    assert cookie["httponly"]


def test_the_admin_speaks_the_language_chosen_whatever_the_browsers(client, settings):
    staff_client(client, "Editors", language="lt")
    client.post(reverse("admin_language"), {"language": "en", "next": reverse("admin:index")})
    assert "Site administration" in client.get(reverse("admin:index")).content.decode()


def test_every_admin_page_offers_the_language_switch(client):
    content = staff_client(client, "Reception").get(reverse("admin:index")).content.decode()
    assert f'action="{reverse("admin_language")}"' in content
    assert 'value="en" lang="en"' in content


def test_a_page_outside_the_role_says_what_the_member_can_open_instead(client):
    response = staff_client(client, "Reception").get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 403
    content = response.content.decode()
    assert "Šio puslapio atverti negalite" in content
    assert reverse("admin:registration_appointmentrequest_changelist") in content
    assert 'id="site-name"' in content  # in the admin's own layout


def test_a_forbidden_page_outside_the_admin_keeps_djangos_answer(rf):
    response = permission_denied(rf.get("/lt/"), PermissionDenied())
    assert response.status_code == 403
    assert b"site-name" not in response.content
