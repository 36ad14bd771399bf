from articles import text


def test_sanitising_removes_scripts_event_handlers_and_javascript_links():
    pasted = (
        '<p onclick="steal()">Hello<script>alert(1)</script></p>'
        '<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">link</a>'
        '<iframe src="https://example.com"></iframe><style>p{}</style>'
    )
    cleaned = text.sanitize_html(pasted)
    assert "<script" not in cleaned
    assert "onclick" not in cleaned
    assert "onerror" not in cleaned
    assert "javascript:" not in cleaned
    assert "<iframe" not in cleaned
    assert "<style" not in cleaned
    assert "Hello" in cleaned


def test_sanitising_keeps_the_markup_the_editor_offers():
    markup = (
        "<h2>Heading</h2><h3>Sub</h3><p><strong>b</strong> <em>i</em><br></p>"
        "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote>q</blockquote>"
        '<a href="tel:+37060226118">call</a>'
    )
    cleaned = text.sanitize_html(markup)
    for fragment in ("<h2>", "<h3>", "<strong>", "<em>", "<br>", "<ul>", "<ol>", "<blockquote>"):
        assert fragment in cleaned
    assert 'href="tel:+37060226118"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_an_editor_field_with_no_text_becomes_empty():
    assert text.sanitize_html("<p></p>") == ""
    assert text.sanitize_html("<p> <br> </p>") == ""


def test_section_headings_get_unique_ids_from_their_text():
    markup = text.add_heading_ids("<h2>Kas yra žastas?</h2><p>x</p><h2>Kas yra žastas?</h2>")
    assert text.headings(markup) == [
        ("kas-yra-zastas", "Kas yra žastas?"),
        ("kas-yra-zastas-2", "Kas yra žastas?"),
    ]


def test_folding_ignores_case_and_lithuanian_diacritics():
    assert text.fold("Žasto  ŠALTIS ąčęėįšųūž") == "zasto saltis aceeisuuz"


def test_slug_transliterates_lithuanian_letters():
    assert text.transliterated_slug("Kas yra trigerinis taškas?") == "kas-yra-trigerinis-taskas"


def test_reading_time_is_rounded_up_to_whole_minutes():
    assert text.reading_minutes("<p>" + "žodis " * 201 + "</p>") == 2
    assert text.reading_minutes("<p>trumpas</p>") == 1
    assert text.reading_minutes("") == 0
