"""Readability of the demo articles: `python -m clinic.demo_content.readability`.

Prints a Markdown table of the English Flesch-Kincaid grade and the word count of each
article in each language (the figures in docs/content.md). Needs textstat from
requirements-dev.txt; 0.7.4 is pinned because later versions fetch a dictionary online.
"""

import re
import tomllib
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent


def article_text(language_data):
    """Summary, body and FAQ as plain sentences: each block's end ends a sentence."""
    parts = [language_data["summary"], language_data["body"]]
    for item in language_data.get("faq", []):
        parts += [item["question"], item["answer"]]
    html = "\n".join(parts)
    blocks = re.split(r"</(?:h2|h3|p|li)>", html)
    sentences = []
    for block in blocks:
        plain = re.sub(r"<[^>]+>", " ", block)
        plain = re.sub(r"\s+", " ", plain).strip()
        if plain:
            sentences.append(plain if plain[-1] in ".?!:" else plain + ".")
    return " ".join(sentences)


def articles():
    for path in sorted(CONTENT_DIR.glob("articles/*.toml")):
        with open(path, "rb") as file:
            yield tomllib.load(file)


def figures():
    import textstat

    textstat.set_lang("en_US")
    for article in articles():
        english = article_text(article["en"])
        yield {
            "key": article["key"],
            "grade": textstat.flesch_kincaid_grade(english),
            "reading_ease": textstat.flesch_reading_ease(english),
            "words_en": len(english.split()),
            "words_lt": len(article_text(article["lt"]).split()),
        }


def main():
    print("| article | FK grade (en) | reading ease (en) | words (en) | words (lt) |")
    print("|---|---|---|---|---|")
    for row in figures():
        print(
            f"| {row['key']} | {row['grade']:.1f} | {row['reading_ease']:.0f} "
            f"| {row['words_en']} | {row['words_lt']} |"
        )


if __name__ == "__main__":
    main()
