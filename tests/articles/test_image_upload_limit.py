"""Editors see how large an image may be, in their language, beside the image field."""

import pytest
from django.contrib.auth.models import Group, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def test_article_form_states_the_image_size_limit_in_lithuanian(editor_client, settings):
    settings.UPLOAD_MAX_BYTES = 8 * 1024 * 1024
    response = editor_client.get(
        f"/{settings.ADMIN_URL}articles/article/add/", HTTP_ACCEPT_LANGUAGE="lt"
    )
    assert "Failai iki 8 MB." in response.content.decode()


def test_article_form_states_the_image_size_limit_in_english(editor_client, settings):
    response = editor_client.get(
        f"/{settings.ADMIN_URL}articles/article/add/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Files up to 10 MB." in response.content.decode()
