"""Finds English on a page that should be all Lithuanian (the admin walk in Chromium).

Two checks on every piece of visible text (text nodes, tooltips, placeholders, button
labels, the options of visible menus): a word from a list of common English interface
words, or the whole text equal to an English message of Django's, django-axes' or the
project's catalogs whose Lithuanian translation differs. Text marked as another language
(`lang="en"`: the language switch's "English", an English article field) is left out,
as are the editor's writing area and its icon ligatures.
"""

import re
from functools import cache
from pathlib import Path

import axes
import django
from babel.messages.pofile import read_po
from django.conf import settings

VISIBLE_TEXT_SCRIPT = """() => {
  const skipped = (element) => element.closest(
    '[lang]:not([lang|="lt"]), [contenteditable], script, style, noscript, template, textarea, '
    + '.material-icons');
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    const text = walker.currentNode.textContent.trim();
    if (text && element && !skipped(element) && element.checkVisibility()) texts.push(text);
  }
  for (const element of document.body.querySelectorAll('*')) {
    if (skipped(element) || !element.checkVisibility()) continue;
    for (const name of ['title', 'placeholder', 'aria-label', 'alt']) {
      const value = element.getAttribute(name);
      if (value && value.trim()) texts.push(value.trim());
    }
    if (element.matches('input[type=submit], input[type=button]')) texts.push(element.value);
    if (element.matches('select')) {
      for (const option of element.options) texts.push(option.textContent.trim());
    }
  }
  return texts.filter(Boolean);
}"""

# Words of an interface in English that are not Lithuanian words.
_ENGLISH_WORDS = """
    the and of to is was were with you your this that these select selected add added
    change changed changes delete deleted view save search filter filters show hide clear
    all please correct error errors history home log logged password user users heading
    paragraph title update edit link cancel insert today now yesterday tomorrow choose
    time date midnight noon access attempt attempts counts action actions go yes sure site
    admin administration django toggle theme navigation sidebar start typing skip main
    content empty entries entry object objects welcome recent none unknown by for from on
    in another successfully below read words draft published article articles topic
    topics question answer image description status next review reviewed featured order
    summary body request requests phone name message new contacted booked closed export
    login logout forgotten username group groups permission permissions page not found
    bold italic list undo redo remove open window clinic details hours opening privacy
    notice translation missing complete overdue publish scheduled language languages
    readability grade reading minutes sentence sentences
"""
ENGLISH_WORDS = frozenset(_ENGLISH_WORDS.split())
WORD = re.compile(r"[A-Za-zĄČĘĖĮŠŲŪŽąčęėįšųūž]+")
# An uploaded file's name, e.g. "articles/illustration.png", is not interface text.
FILE_PATH = re.compile(r"[\w.-]+(/[\w.-]+)+")
TIME_OF_DAY = re.compile(r"\b\d{1,2}\s?[ap]\.m\.", re.IGNORECASE)


def catalog_paths():
    django_dir = Path(django.__file__).parent
    for app in ("contrib/admin", "contrib/auth", "conf"):
        for domain in ("django", "djangojs"):
            english = django_dir / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if english.exists():
                yield english
    for domain in ("django", "djangojs"):
        yield Path(settings.BASE_DIR) / "locale" / "lt" / "LC_MESSAGES" / f"{domain}.po"
    yield Path(axes.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po"


@cache
def english_messages():
    """English interface texts whose Lithuanian differs from them."""
    messages = set()
    for path in catalog_paths():
        if not path.exists():
            continue
        with open(path, "rb") as file:
            for message in read_po(file):
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                for text in ids:
                    if WORD.search(text) and len(text) > 2 and text not in strings:
                        messages.add(normalise(text))
    return messages


def normalise(text):
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip()


def english_in(texts):
    """The texts that look English, each with the reason."""
    found = []
    catalog = english_messages()
    for text in texts:
        if FILE_PATH.fullmatch(text):
            continue
        words = {word.lower() for word in WORD.findall(text)}
        english = sorted(words & ENGLISH_WORDS)
        if english:
            found.append(f"{text!r} (English words: {', '.join(english)})")
        elif TIME_OF_DAY.search(text):
            found.append(f"{text!r} (a.m./p.m.)")
        elif normalise(text) in catalog:
            found.append(f"{text!r} (an English interface message)")
    return found


def english_on_page(page):
    return english_in(page.evaluate(VISIBLE_TEXT_SCRIPT))
