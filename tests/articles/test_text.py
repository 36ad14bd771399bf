from articles import search_text, text


def test_section_headings_get_unique_ids_from_their_text():
    markup = text.add_heading_ids("<h2>Kas yra žastas?</h2><p>x</p><h2>Kas yra žastas?</h2>")
    assert text.headings(markup) == [
        ("kas-yra-zastas", "Kas yra žastas?"),
        ("kas-yra-zastas-2", "Kas yra žastas?"),
    ]


def test_folding_ignores_case_and_lithuanian_diacritics():
    assert text.fold("Žasto  ŠALTIS ąčęėįšųūž") == "zasto saltis aceeisuuz"


def test_search_terms_are_folded_stems_of_runs_of_letters_and_digits():
    terms = search_text.document_terms("Žasto-skausmas, petyje! 2 kartus_per", "lt")
    assert terms == "zast skausm pet 2 kart per"


def test_a_word_whose_ending_has_diacritics_keeps_the_stem_of_its_folded_form_too():
    assert search_text.document_terms("šaltį", "lt") == "salt sal"
    assert search_text.Query("salti", "lt").last == "sal"
    assert search_text.Query("šaltį", "lt").last == "salt"


def test_english_terms_are_english_stems():
    assert search_text.document_terms("Injections helped", "en") == "inject help"


def test_slug_transliterates_lithuanian_letters():
    assert text.transliterated_slug("Kas yra trigerinis taškas?") == "kas-yra-trigerinis-taskas"


def test_reading_time_is_rounded_up_to_whole_minutes():
    assert text.reading_minutes("<p>" + "žodis " * 201 + "</p>") == 2
    assert text.reading_minutes("<p>trumpas</p>") == 1
    assert text.reading_minutes("") == 0
