"""The English finder the admin walk relies on: it must see English, and only English."""

import pytest

from tests.browser.english_text import english_in


@pytest.mark.parametrize(
    "text",
    ["Show counts", "Please correct the error below.", "6 a.m.", "Heading 2", "Edit Link"],
)
def test_english_interface_text_is_found(text):
    assert english_in([text])


@pytest.mark.parametrize(
    "text",
    [
        "Pasirinkite, ką keisti: straipsnis",
        "Filtras: būsena",
        "Pridėti dar vieną: klausimas ir atsakymas",
        "articles/illustration.png",
        "LT",
    ],
)
def test_lithuanian_text_and_file_names_pass(text):
    assert english_in([text]) == []
