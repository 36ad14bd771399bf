"""An editor's change saved through one app server, seen at once through the other and
through nginx; the image uploaded with it is served by nginx from the shared folder."""

import re
from io import BytesIO

import pytest
from django.utils import translation
from PIL import Image

from articles.models import Article
from tests.deploy.visitors import errors_on, form_on, log_in_to_the_admin

pytestmark = pytest.mark.deploy

UPLOAD_NAME = "nugaros-skausmas"
RENDITION = re.compile(rf'(/media/articles/renditions/{UPLOAD_NAME}[^" ]*\.webp)')


def photograph():
    buffer = BytesIO()
    Image.new("RGB", (1600, 1000), (70, 130, 180)).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def edited_article(deployment, django_db_blocker):
    """An editor signed in on app server A renames a published article and uploads its
    image, after app server B and nginx have the page in their caches.
    Returns (page, old title, new title, what B answered just before the change)."""
    with django_db_blocker.unblock(), translation.override("lt"):
        article = Article.objects.published().first()
        pk, old_title, page = article.pk, article.title_lt, article.get_absolute_url()
    server_a, server_b = deployment.app_servers
    for _ in range(2):
        deployment.browser().get(page)
        before = server_b.browser(deployment.origin).get(page)

    on_a = server_a.browser(deployment.origin)
    assert log_in_to_the_admin(on_a).status == 302
    change_path = f"/admin/articles/article/{pk}/change/"
    form = form_on(on_a.get(change_path), "title_lt")
    new_title = f"{old_title} (atnaujinta)"
    form.set("title_lt", new_title)
    form.set("image_alt_lt", "Mėlynas fonas")
    upload = {"image": (f"{UPLOAD_NAME}.jpg", "image/jpeg", photograph())}
    saved = on_a.post(change_path, form.fields, files=upload)
    assert saved.status == 302, errors_on(saved)
    return page, old_title, new_title, before


def test_a_change_saved_on_one_app_server_is_seen_at_once_through_the_other(
    deployment, edited_article
):
    page, old_title, new_title, before = edited_article
    assert old_title in before.text
    server_b = deployment.app_servers[1]
    assert new_title in server_b.browser(deployment.origin).get(page).text
    for _ in range(4):  # nginx spreads these over both app servers
        assert new_title in deployment.browser().get(page).text


def test_the_uploaded_image_is_served_by_nginx_from_the_shared_folder(deployment, edited_article):
    page, *_titles = edited_article
    renditions = RENDITION.findall(deployment.browser().get(page).text)
    assert renditions, "the article page shows no uploaded image"
    image = deployment.browser().get(renditions[0])
    assert image.status == 200
    assert image.header("Content-Type") == "image/webp"
    assert image.body[:4] == b"RIFF" and image.body[8:12] == b"WEBP"
    assert "sandbox" in image.header("Content-Security-Policy")
    assert "max-age=2592000" in image.header("Cache-Control")
