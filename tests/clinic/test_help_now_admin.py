"""The "Get help now" block is edited in the admin, in both languages, by Editors."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from clinic.models import HelpNowItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("editor", password="a-long-password-123", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "lt"
    client.force_login(editor)
    return client


def test_editor_adds_a_get_help_now_line_in_both_languages(editor_client):
    response = editor_client.post(
        reverse("admin:clinic_helpnowitem_add"),
        {
            "action": HelpNowItem.Action.CALL_112,
            "text_lt": "Sunku kvėpuoti.",
            "text_en": "You are short of breath.",
            "order": "0",
        },
    )
    assert response.status_code == 302
    line = HelpNowItem.objects.get()
    assert (line.text_lt, line.text_en) == ("Sunku kvėpuoti.", "You are short of breath.")


def test_a_line_needs_its_english_text_too(editor_client):
    response = editor_client.post(
        reverse("admin:clinic_helpnowitem_add"),
        {"action": HelpNowItem.Action.CONTACT_CLINIC, "text_lt": "Karščiuojate.", "order": "1"},
    )
    assert response.status_code == 200
    assert not HelpNowItem.objects.exists()


def test_the_block_is_named_in_lithuanian_in_the_admin(editor_client):
    html = editor_client.get(reverse("admin:clinic_helpnowitem_changelist")).content.decode()
    assert "Patarimai, kada skubiai kreiptis pagalbos" in html
