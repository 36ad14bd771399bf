from clinic.rich_text import sanitize_html


def test_sanitising_removes_scripts_event_handlers_and_javascript_links():
    pasted = (
        '<p onclick="steal()">Hello<script>alert(1)</script></p>'
        '<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">link</a>'
        '<iframe src="https://example.com"></iframe><style>p{}</style>'
    )
    cleaned = sanitize_html(pasted)
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
    cleaned = sanitize_html(markup)
    for fragment in ("<h2>", "<h3>", "<strong>", "<em>", "<br>", "<ul>", "<ol>", "<blockquote>"):
        assert fragment in cleaned
    assert 'href="tel:+37060226118"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_an_editor_field_with_no_text_becomes_empty():
    assert sanitize_html("<p></p>") == ""
    assert sanitize_html("<p> <br> </p>") == ""
