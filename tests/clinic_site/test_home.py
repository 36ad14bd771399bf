import pytest

pytestmark = pytest.mark.django_db


def test_root_redirects_to_lithuanian_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/lt/"


def test_root_redirects_to_english_for_an_english_browser(client):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response["Location"] == "/en/"


@pytest.mark.parametrize("language", ["lt", "en"])
def test_home_page_is_in_the_language_of_its_address(client, clinic, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
