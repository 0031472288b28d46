"""Reading articles: plain text with header lines and clutter, HTML, JSON Lines, dates, and bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventgraph import articles
from eventgraph.articles import (
    ArticleMeta,
    header_date,
    parse_html_article,
    parse_text_article,
    read_article_file,
    read_article_files,
)
from eventgraph.errors import InputError

SEED_LIKE = """Arnor to Send More Catapults to Gondor

Written by Bilbo Baggins

Dec.23 - 2024 7:49 AM CET

News
Photo: Shutterstock.com
Arnor is preparing to send additional catapults.

Trending Now

TRENDING NOW

Arnor is gearing up to deploy more troops to support Gondor in its war against Mordor.

Arnor's Growing Role in Gondor's War

Arnor has become one of Gondor's key allies in the conflict.
[... excerpt ends here as stored ...]
"""

HEADER_BLOCK = """Arnor Signs Treaty with Gondor
The Shire Times (shire.example, evening edition)
2024-10-28 (print copy dated 2024-10-29)
https://shire.example/arnor-gondor

Arnor and Gondor signed a treaty on Monday.
"""


def body_lines(result: articles.ArticleText) -> list[str]:
    text = result.article.text or ""
    return [text[start:end] for start, end in result.body]


def test_plain_text_clutter_byline_and_date_are_kept_out_of_the_body() -> None:
    result = parse_text_article(SEED_LIKE)
    assert result.article.title == "Arnor to Send More Catapults to Gondor"
    assert result.article.author == "Bilbo Baggins"
    assert result.article.published == date(2024, 12, 23)
    assert body_lines(result) == [
        "Arnor is preparing to send additional catapults.",
        "Arnor is gearing up to deploy more troops to support Gondor in its war against Mordor.",
        "Arnor has become one of Gondor's key allies in the conflict.",
    ]
    assert result.article.text == SEED_LIKE  # offsets point into the file as it is


def test_header_block_gives_outlet_date_and_url() -> None:
    result = parse_text_article(HEADER_BLOCK)
    article = result.article
    assert article.outlet == "The Shire Times (shire.example, evening edition)"
    assert article.published == date(2024, 10, 28)
    assert article.url == "https://shire.example/arnor-gondor"
    assert body_lines(result) == ["Arnor and Gondor signed a treaty on Monday."]
    assert article.id.startswith("arnor-signs-treaty-with-gondor-")


def test_command_line_metadata_overrides_the_article() -> None:
    meta = ArticleMeta(published=date(2025, 1, 2), url="https://other.example/a", outlet="Palantir News")
    article = parse_text_article(HEADER_BLOCK, meta=meta).article
    assert (article.published, article.url, article.outlet) == (
        date(2025, 1, 2),
        "https://other.example/a",
        "Palantir News",
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2024-10-28", date(2024, 10, 28)),
        ("October 28, 2024", date(2024, 10, 28)),
        ("28 October 2024", date(2024, 10, 28)),
        ("Dec.23 - 2024 7:49 AM CET", date(2024, 12, 23)),
        ("Published: Oct. 3, 2023", date(2023, 10, 3)),
        ("2023-03-13 (U.S. Embassy Canberra copy dated 2023-03-14)", date(2023, 3, 13)),
        ("Arnor signed on 2024-10-28", None),
        ("February 30, 2024", None),
    ],
)
def test_header_dates(line: str, expected: date | None) -> None:
    assert header_date(line) == expected


HTML = """<!doctype html><html><head><title>Arnor sends catapults | Shire Times</title>
<meta property="og:title" content="Arnor sends catapults to Gondor">
<meta property="article:published_time" content="2024-06-19T08:00:00Z">
<meta property="og:site_name" content="Shire Times"></head>
<body><nav><ul><li>Home</li><li>World</li><li>Subscribe now</li></ul></nav>
<article><h1>Arnor sends catapults to Gondor</h1>
<p>Arnor supplied Gondor with 40 catapults in June, the White Council said on Wednesday in a statement.</p>
<p>The catapults were delivered to Osgiliath, where Gondorian forces have been fighting for weeks.</p>
<p>Gondor has asked for more artillery and for troops from Arnor to hold the river crossings.</p>
</article><footer>Copyright Shire Times. All rights reserved.</footer></body></html>"""


def test_html_main_text_without_boilerplate() -> None:
    result = parse_html_article(HTML)
    lines = body_lines(result)
    assert any(line.startswith("Arnor supplied Gondor with 40 catapults") for line in lines)
    assert not any("Subscribe" in line or "Copyright" in line for line in lines)
    assert result.article.title == "Arnor sends catapults to Gondor"
    assert result.article.published == date(2024, 6, 19)


def test_html_fallback_reader_keeps_paragraphs_and_drops_navigation() -> None:
    found, paragraphs = articles._html_fallback(HTML)
    assert found["title"] == "Arnor sends catapults to Gondor" and found["outlet"] == "Shire Times"
    assert found["published"] == date(2024, 6, 19)
    assert paragraphs[0].startswith("Arnor supplied Gondor with 40 catapults")  # the title is not repeated
    assert not any("Subscribe" in p or "Copyright" in p for p in paragraphs)


def test_jsonl_corpus_reports_bad_lines_and_keeps_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps(
            {
                "title": "Arnor sends catapults",
                "text": "Arnor supplied Gondor with catapults.",
                "published": "2024-06-19",
                "url": "https://a.example/1",
                "outlet": "Shire Times",
            }
        ),
        "{not json",
        json.dumps({"title": "No text here"}),
        "",
        json.dumps({"text": "Gondor thanked Arnor.\n\nMordor shelled Osgiliath."}),
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read = read_article_files([corpus])
    assert [a.article.title for a in read.articles] == ["Arnor sends catapults", "Gondor thanked Arnor."]
    first = read.articles[0].article
    assert (first.published, first.url, first.outlet) == (date(2024, 6, 19), "https://a.example/1", "Shire Times")
    assert body_lines(read.articles[0]) == ["Arnor supplied Gondor with catapults."]
    assert body_lines(read.articles[1]) == ["Mordor shelled Osgiliath."]
    assert [location for location, _ in read.failures] == [f"{corpus}:2", f"{corpus}:3"]
    assert "invalid JSON" in read.failures[0][1] and "missing 'text'" in read.failures[1][1]


def test_windows_1252_text_is_read_after_the_utf8_attempt(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Arnor\u2019s catapults\n\n\u201cArnor supplied Gondor with catapults.\u201d\n".encode("cp1252"))
    [result] = list(read_article_file(path))
    assert result.article.title == "Arnor\u2019s catapults"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL bytes"),
        ("controls.txt", bytes(range(1, 32)) * 20, "binary data"),
        ("empty.txt", b"  \n\n", "empty"),
        ("notes.pdf", b"%PDF-1.4", "not an article file"),
    ],
)
def test_bad_input_is_refused_with_a_reason(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        list(read_article_file(path))


def test_oversized_and_missing_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(articles, "MAX_ARTICLE_BYTES", 10)
    big = tmp_path / "big.txt"
    big.write_text("Arnor supplied Gondor with catapults.", encoding="utf-8")
    with pytest.raises(InputError, match="over the 10 byte limit"):
        list(read_article_file(big))
    with pytest.raises(InputError, match="no such file"):
        list(read_article_file(tmp_path / "missing.txt"))


def test_a_batch_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Arnor supplies Gondor\n\nArnor supplied Gondor with catapults.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    read = read_article_files([bad, good])
    assert [a.article.title for a in read.articles] == ["Arnor supplies Gondor"]
    assert read.failures[0][0] == str(bad)
