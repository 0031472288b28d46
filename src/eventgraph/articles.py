"""Reading articles: plain text, HTML and JSON Lines corpora into ``Article`` objects.

A plain-text article's first non-empty line is its title; header lines (outlet, date, URL, byline) and site
clutter ("Trending Now", "Photo: ...", patterns in ``data/clutter.csv``) are recognised and kept out of the
body.  The article's ``text`` is the file's text unchanged, so evidence offsets point into the file; ``body``
lists the spans of it that are read for events.  Bad input raises ``InputError`` naming the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventgraph.dates import PartialDate, parse_day
from eventgraph.errors import InputError, InvalidValue
from eventgraph.eventfile import derive_article_id, load_json, read_file_bytes
from eventgraph.model import Article
from eventgraph.resources import read_data_table

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
MAX_CORPUS_BYTES = 200 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
MAX_HEADLINE = 400  # characters: a longer first line of a body-less file is not read as a headline

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_HEADER_DATES = [
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    re.compile(_MONTH + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*[,\-–]?\s*(?P<year>\d{4})\b", re.I),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
]
# a header date known to the month only: "2024-10", "October 2024", "Oct. 2024" (the whole line)
_HEADER_MONTHS = [
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{2})\s*$"),
    re.compile(_MONTH + r",?\s+(?P<year>\d{4})\s*$", re.I),
]
_DATE_PREFIX = re.compile(r"^(?:published|updated|posted|date|last updated)\s*:?\s*", re.I)
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]\s*$")


@dataclass(frozen=True)
class ArticleMeta:
    """Metadata given on the command line; each field, when set, overrides what the article says."""

    published: date | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass
class ArticleText:
    """An article and the character spans of its text that hold the body (read for events)."""

    article: Article
    body: list[tuple[int, int]] = field(default_factory=list)
    source: str = ""
    # the header date at the precision it was given ("2024-10" when the header names no day); relative
    # dates resolve against it when ``article.published`` (a day) is unknown
    published_as: PartialDate | None = None


@dataclass
class ReadArticles:
    """What reading article files gave: the articles, and the inputs that were refused."""

    articles: list[ArticleText] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def is_article_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES


def read_article_files(paths: Iterable[Path], meta: ArticleMeta | None = None) -> ReadArticles:
    """Read every article file; a bad file (or a bad line of a corpus) is reported and skipped."""
    result = ReadArticles()
    for path in paths:
        try:
            for item in read_article_file(path, meta):
                if isinstance(item, InputError):
                    result.failures.append((item.location or str(path), str(item)))
                else:
                    result.articles.append(item)
        except InputError as error:
            result.failures.append((str(path), str(error)))
    return result


def read_article_file(path: Path, meta: ArticleMeta | None = None) -> Iterator[ArticleText | InputError]:
    """The articles of one file; a corpus yields an ``InputError`` for each line it cannot read."""
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise InputError("not an article file (.txt, .html, .htm or .jsonl)", location=str(path))
    limit = MAX_CORPUS_BYTES if suffix == ".jsonl" else MAX_ARTICLE_BYTES
    text = decode_text(read_file_bytes(path, limit, what="article"), str(path))
    if not text.strip():
        raise InputError("the corpus is empty" if suffix == ".jsonl" else "the article is empty", location=str(path))
    if suffix == ".jsonl":
        yield from parse_jsonl(text, str(path), meta)
        return
    if suffix == ".txt":
        yield parse_text_article(text, source=str(path), meta=meta)
    else:
        yield parse_html_article(text, source=str(path), meta=meta)


def decode_text(raw: bytes, location: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; binary data is refused."""
    if b"\x00" in raw:
        raise InputError("contains NUL bytes: binary, not text", location=location)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as error:
            raise InputError(f"neither UTF-8 nor Windows-1252 text (byte {error.start})", location=location) from None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        raise InputError("binary data, not text", location=location)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- plain text ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def clutter_patterns() -> tuple[re.Pattern[str], ...]:
    """Line patterns of site clutter, from ``data/clutter.csv``."""
    return tuple(re.compile(row["pattern"], re.I) for row in read_data_table("clutter.csv"))


def parse_text_article(
    text: str, *, source: str = "", meta: ArticleMeta | None = None, title: str | None = None
) -> ArticleText:
    """Split a plain-text article into title, header metadata and body lines."""
    lines = list(_lines(text))
    found: dict[str, Any] = {
        "title": title,
        "published": None,
        "url": None,
        "outlet": None,
        "author": None,
        "month": None,
    }
    body: list[tuple[int, int]] = []
    headings: list[tuple[int, int]] = []
    title_span: tuple[int, int] | None = None
    in_header = title is None
    for start, _end, line in lines:
        stripped = line.strip()
        if not stripped:
            if found["title"] is not None:
                in_header = False
            continue
        offset = len(line) - len(line.lstrip())
        span = (start + offset, start + len(line.rstrip()))
        if found["title"] is None:
            found["title"] = stripped
            title_span = span
            continue
        if _header_field(stripped, found, in_header) or _is_clutter(stripped):
            continue
        if stripped == found["title"]:
            continue
        if _is_heading(stripped):
            headings.append(span)
            continue
        in_header = False
        body.append(span)
    if not found["title"]:
        raise InputError("the article has no text", location=source)
    if not body:
        # a headline-only item or a one-line body without a full stop: its lines are the news, not headings
        headline = title_span is not None and title is None and title_span[1] - title_span[0] <= MAX_HEADLINE
        body = headings or ([title_span] if headline and title_span is not None else [])
    article = _make_article(found, text, meta)
    published_as = (
        PartialDate.from_date(article.published)
        if article.published
        else (found["month"] if meta is None or meta.published is None else None)
    )
    return ArticleText(article=article, body=body, source=source, published_as=published_as)


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    position = 0
    for line in text.split("\n"):
        yield position, position + len(line), line
        position += len(line) + 1


def _header_field(line: str, found: dict[str, Any], in_header: bool) -> bool:
    """Record a metadata line (URL, date, byline, outlet); True when the line is one."""
    if _URL.match(line):
        found["url"] = found["url"] or line
        return True
    day = header_date(line)
    if day is not None and len(line) < 60:
        found["published"] = found["published"] or day
        return True
    month = header_month(line)
    if month is not None:
        found["month"] = found["month"] or month
        return True
    byline = re.match(r"^(?:written )?by\s+(.+)$", line, re.I)
    if byline and len(line.split()) <= 6 and not _SENTENCE_END.search(line):
        found["author"] = found["author"] or byline.group(1).strip()
        return True
    if in_header:
        if line.lower().startswith("n/a"):
            return True
        if found["outlet"] is None and len(line) < 200 and not re.search(r"[.!?]$", line):
            found["outlet"] = line
            return True
    return False


def _is_clutter(line: str) -> bool:
    return any(pattern.search(line) for pattern in clutter_patterns())


def _is_heading(line: str) -> bool:
    """Short lines without sentence punctuation: section titles, labels, list items of an infobox."""
    words = line.split()
    if line.startswith(("=", "|")):
        return True
    return len(words) <= 12 and not _SENTENCE_END.search(line)


def header_date(line: str) -> date | None:
    """The date a header line starts with: ``2024-10-28``, ``October 28, 2024``, ``Dec.23 - 2024 7:49 AM``."""
    line = _DATE_PREFIX.sub("", line.strip())
    for pattern in _HEADER_DATES:
        match = pattern.match(line)
        if match:
            return _to_date(match)
    return None


def header_month(line: str) -> PartialDate | None:
    """A header line that dates the article to the month only: ``2024-10``, ``Published: October 2024``."""
    line = _DATE_PREFIX.sub("", line.strip())
    for pattern in _HEADER_MONTHS:
        match = pattern.match(line)
        if match:
            parts = match.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()]
            try:
                return PartialDate(int(parts["year"]), month)
            except InvalidValue:
                return None
    return None


def _to_date(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()]
    try:
        return date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None


def _make_article(found: dict[str, Any], text: str, meta: ArticleMeta | None, article_id: str | None = None) -> Article:
    meta = meta or ArticleMeta()
    published = meta.published or found.get("published")
    url = meta.url or found.get("url")
    outlet = meta.outlet or found.get("outlet")
    title = " ".join(str(found["title"]).split())[:500]
    return Article(
        id=article_id or derive_article_id(title, published, url),
        title=title,
        published=published,
        outlet=outlet,
        url=url,
        author=found.get("author"),
        text=text,
    )


# -- HTML ------------------------------------------------------------------------------------------


def parse_html_article(html: str, *, source: str = "", meta: ArticleMeta | None = None) -> ArticleText:
    """The main text of an HTML page (boilerplate dropped) as a plain-text article."""
    found, paragraphs = _html_main_text(html)
    if not paragraphs:
        raise InputError("no article text found in the HTML", location=source)
    title = found.get("title") or paragraphs[0]
    text = "\n\n".join([title, *paragraphs])
    result = parse_text_article(text, source=source, meta=meta)
    if found.get("published") and result.article.published is None and (meta is None or meta.published is None):
        result.article = replace(result.article, published=found["published"])
    for key in ("url", "outlet", "author"):
        if found.get(key) and getattr(result.article, key) is None:
            result.article = replace(result.article, **{key: found[key]})
    result.article = replace(
        result.article, id=derive_article_id(result.article.title, result.article.published, result.article.url)
    )
    return result


def _html_main_text(html: str) -> tuple[dict[str, Any], list[str]]:
    try:
        import trafilatura
    except ImportError:  # the library is a dependency; keep a plain reader for stripped-down installs
        return _html_fallback(html)
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    metadata = trafilatura.extract_metadata(html)
    found: dict[str, Any] = {}
    if metadata is not None:
        found = {"title": metadata.title, "url": metadata.url, "outlet": metadata.sitename, "author": metadata.author}
        if metadata.date:
            found["published"] = _iso_day(metadata.date)
    paragraphs = [p.strip() for p in (text or "").split("\n") if p.strip()]
    if not paragraphs:
        return _html_fallback(html)
    return found, paragraphs


def _iso_day(value: str) -> date | None:
    try:
        return parse_day(value[:10])
    except InvalidValue:
        return None


def _html_fallback(html: str) -> tuple[dict[str, Any], list[str]]:
    from html.parser import HTMLParser

    skip = {"script", "style", "nav", "footer", "aside", "header", "form", "noscript", "figure", "button"}
    blocks = {"p", "h1", "h2", "h3", "li", "blockquote"}

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = 0
            self.current: list[str] | None = None
            self.paragraphs: list[str] = []
            self.meta: dict[str, str] = {}
            self.in_title = False
            self.title = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = {k: v or "" for k, v in attrs}
            if tag in skip:
                self.depth += 1
            elif tag == "title":
                self.in_title = True
            elif tag == "meta":
                key = values.get("property") or values.get("name") or ""
                self.meta[key.lower()] = values.get("content", "")
            elif tag in blocks and self.depth == 0:
                self.current = []

        def handle_endtag(self, tag: str) -> None:
            if tag in skip and self.depth:
                self.depth -= 1
            elif tag == "title":
                self.in_title = False
            elif tag in blocks and self.current is not None:
                paragraph = " ".join("".join(self.current).split())
                if paragraph:
                    self.paragraphs.append(paragraph)
                self.current = None

        def handle_data(self, data: str) -> None:
            if self.in_title:
                self.title += data
            elif self.current is not None and self.depth == 0:
                self.current.append(data)

    reader = Reader()
    reader.feed(html)
    reader.close()
    meta = reader.meta
    found: dict[str, Any] = {
        "title": meta.get("og:title") or " ".join(reader.title.split()) or None,
        "url": meta.get("og:url") or None,
        "outlet": meta.get("og:site_name") or None,
        "author": meta.get("author") or None,
    }
    published = meta.get("article:published_time") or meta.get("date") or ""
    if published:
        found["published"] = _iso_day(published)
    paragraphs = [p for p in reader.paragraphs if not _is_clutter(p) and p != found["title"]]
    return found, paragraphs


# -- JSON Lines ------------------------------------------------------------------------------------


def parse_jsonl(text: str, location: str, meta: ArticleMeta | None = None) -> Iterator[ArticleText | InputError]:
    """One article per line: ``text`` and optional ``title``, ``published``, ``url``, ``outlet``, ``id``."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{location}:{number}"
        try:
            yield _jsonl_article(line, where, meta)
        except InputError as error:
            yield error


def _jsonl_article(line: str, where: str, meta: ArticleMeta | None) -> ArticleText:
    record = load_json(line, where)
    if not isinstance(record, dict):
        raise InputError("each line must be a JSON object with 'text'", location=where)
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError("missing 'text'", location=where)
    fields = {}
    for key in ("title", "published", "url", "outlet", "id"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"'{key}' must be text", location=where)
        fields[key] = value.strip() if isinstance(value, str) and value.strip() else None
    published = None
    if fields["published"]:
        try:
            published = parse_day(fields["published"][:10])
        except InvalidValue as error:
            raise InputError(f"published: {error}", location=where) from None
    parsed = parse_text_article(body.replace("\r\n", "\n"), source=where, meta=meta, title=fields["title"])
    found = {
        "title": parsed.article.title,
        "published": parsed.article.published,
        "url": parsed.article.url,
        "outlet": parsed.article.outlet,
        "author": parsed.article.author,
    }
    found.update(
        {k: v for k, v in (("published", published), ("url", fields["url"]), ("outlet", fields["outlet"])) if v}
    )
    if fields["id"] is not None and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}", fields["id"]):
        raise InputError(f"id {fields['id']!r}: use letters, digits, '.', '_' and '-'", location=where)
    parsed.article = _make_article(found, parsed.article.text or body, meta, fields["id"])
    return parsed
