"""Pages, static files and security headers, through nginx over HTTPS."""

import pytest

pytestmark = pytest.mark.deploy


def test_the_home_page_answers_over_https(deployment):
    response = deployment.browser().get("/lt/")
    assert response.status == 200
    assert "<html" in response.text
