"""Small readers for the HTML, XML and JSON-LD the article pages return."""

import json
from html.parser import HTMLParser

from django.urls import reverse
from django.utils import translation


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def url_of(obj, language):
    with translation.override(language):
        return obj.get_absolute_url()


def reading_pages(article, language, query="skausmas"):
    """The reading pages around an article, in one language."""
    return [
        url("home", language),
        url("articles:list", language),
        url_of(article.topic, language),
        url_of(article, language),
        url("search:search", language) + f"?q={query}",
        url("articles:feed", language),
    ]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self._open = []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in {"img", "meta", "link", "br", "input", "source", "hr"}:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index]["tag"] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data


def elements(html, tag, **attrs):
    """Every `tag` element whose attributes include `attrs` (class_ for class), as
    {"tag", "attrs", "text"} with the element's whole text."""
    collector = _Collector()
    collector.feed(html)
    wanted = {key.rstrip("_"): value for key, value in attrs.items()}
    return [
        element
        for element in collector.elements
        if element["tag"] == tag
        and all(element["attrs"].get(key) == value for key, value in wanted.items())
    ]


def element(html, tag, **attrs):
    found = elements(html, tag, **attrs)
    assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}"
    return found[0]


def json_ld(html):
    """The JSON-LD graph of the page, by @type."""
    (script,) = elements(html, "script", type="application/ld+json")
    graph = json.loads(script["text"])["@graph"]
    return {node["@type"]: node for node in graph}


def inside(html, start_tag, tag):
    """The markup from `start_tag` (e.g. '<nav class="toc"') to its closing tag; for
    elements that hold no element of their own kind."""
    start = html.index(start_tag)
    return html[start : html.index(f"</{tag}>", start)]


def switcher_links(html):
    """The language switcher's links to the other languages: {language: href}."""
    nav = inside(html, '<nav class="language-switcher"', "nav")
    return {link["attrs"]["hreflang"]: link["attrs"]["href"] for link in elements(nav, "a")}
