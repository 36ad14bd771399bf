from django.test import RequestFactory

from clinic.client import client_address


def test_behind_a_proxy_the_address_it_saw_counts_not_one_the_client_made_up(settings):
    settings.PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9"
    )
    assert client_address(request) == "198.51.100.9"


def test_without_a_proxy_forwarded_for_headers_are_ignored(settings):
    settings.PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.3", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_address(request) == "198.51.100.3"


def test_a_forwarded_value_that_is_no_address_is_not_used(settings):
    settings.PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="6.6.6.6, not-an-address"
    )
    assert client_address(request) == "198.51.100.7"
