"""Importers of SIPRI, GDELT and ACLED files: rows to events on the same actors and weapons as articles.

Fixtures (tests/data/importers/, see SOURCES.md there): 21 real SIPRI rows in both the export's form and
UTF-8, and invented rows in every format, one per malformed-row case.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, SHARED, TEST_DATA
from eventgraph.backends.embedded import EventStore
from eventgraph.cli import cli
from eventgraph.gazetteer import Gazetteer
from eventgraph.importers import import_format
from eventgraph.importers.common import RowError, import_file
from eventgraph.importers.gdelt import cameo_event_type, cameo_event_types
from eventgraph.importers.sipri import weapon_category
from eventgraph.model import EventType

FIXTURES = TEST_DATA / "importers"
SIPRI_CP1252 = FIXTURES / "sipri_register_cp1252.csv"
SIPRI_UTF8 = FIXTURES / "sipri_register_utf8.csv"
SIPRI_BAD = FIXTURES / "sipri_malformed.csv"
GDELT2 = FIXTURES / "gdelt2_export.tsv"
GDELT1 = FIXTURES / "gdelt1_daily.tsv"
ACLED = FIXTURES / "acled_export.csv"


def run(runner: CliRunner, *args: str, code: int = 0):
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def select(runner: CliRunner, sparql: str) -> list[dict[str, str]]:
    output = run(runner, "query", sparql, "--format", "json").output
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(output)["results"]["bindings"]]


def imported(fmt: str, *paths: Path, chunk_rows: int = 2000) -> EventStore:
    store = EventStore()
    for path in paths:
        report = import_file(store, import_format(fmt), path, chunk_rows=chunk_rows)
        assert report.error is None, report.error
    return store


def rows(store: EventStore, sparql: str) -> list[tuple[str | None, ...]]:
    return [tuple(None if t is None else str(t.value) for t in s) for s in store.query(sparql)]


TRANSFERS_FROM_IRAN_TO_RUSSIA = """
SELECT ?item ?ordered ?delivered ?uncertain ?date ?end ?status ?by ?dataset ?hash WHERE {
  ?e a eg:Transfer ; eg:actor country:IRN ; eg:recipient country:RUS ; eg:item/rdfs:label ?item ;
     eg:status ?status ; eg:certainty eg:Reported ; eg:date ?date ; prov:wasAttributedTo/rdfs:label ?by ;
     prov:wasDerivedFrom ?dataset .
  ?dataset a eg:DataSet ; dcterms:identifier ?hash .
  OPTIONAL { ?e eg:numberOrdered ?ordered } OPTIONAL { ?e eg:numberDelivered ?delivered }
  OPTIONAL { ?e eg:uncertain ?uncertain } OPTIONAL { ?e eg:dateEnd ?end }
} ORDER BY ?item
"""


# -- SIPRI ----------------------------------------------------------------------------------------
def test_sipri_iran_to_russia_via_the_query_command(runner: CliRunner) -> None:
    first = run(runner, "import", "sipri", str(SIPRI_CP1252))
    assert first.stdout.strip() == f"{SIPRI_CP1252}: 21 rows imported, 0 skipped"
    found = {r["item"]: r for r in select(runner, TRANSFERS_FROM_IRAN_TO_RUSSIA)}
    assert {"Shahed-136", "Shahed-131", "Mohajer-6", "Fath-360"} <= set(found)
    shahed = found["Shahed-136"]
    assert (shahed["ordered"], shahed["delivered"], shahed["uncertain"]) == ("6600", "4600", "true")
    assert (shahed["date"], shahed["end"], shahed["status"].rsplit("#")[1]) == ("2022", "2024", "Ongoing")
    assert shahed["by"] == "Stockholm International Peace Research Institute"
    assert shahed["hash"].startswith("sha256:")
    assert found["Fath-360"]["status"].endswith("#Occurred") and "ordered" not in found["Fath-360"]
    assert found["Shahed-238"]["status"].endswith("#Planned")  # ordered 2023, nothing delivered yet


def test_sipri_export_form_and_utf8_form_give_the_same_events() -> None:
    facts = """SELECT ?s ?r ?i ?q ?d ?c WHERE { ?e eg:actor ?s ; eg:recipient ?r ; eg:item ?i ; eg:date ?d ;
               rdfs:comment ?c . OPTIONAL { ?e eg:quantity ?q } } ORDER BY ?s ?r ?i ?d ?c"""
    exported, converted = rows(imported("sipri", SIPRI_CP1252), facts), rows(imported("sipri", SIPRI_UTF8), facts)
    assert len(exported) == 21 and exported == converted
    assert any("Türkiye" in row[5] for row in exported)  # decoded from cp1252


def test_sipri_names_resolve_to_the_gazetteers_entities() -> None:
    store = imported("sipri", SIPRI_UTF8)
    pairs = set(
        rows(
            store,
            """SELECT ?name ?node WHERE { ?e eg:actor|eg:recipient|eg:item ?node .
                                ?node rdfs:label ?name }""",
        )
    )
    egr = "https://w3id.org/eventgraph/id/"
    expected = {
        ("Shahed-136", f"{egr}weapon/shahed-136"),  # also "Geran-2", the Russian name (gazetteer alias)
        ("Guardian (patrol boat)", f"{egr}weapon/guardian-patrol-boat"),  # Fiji's Guardian: a patrol boat
        ("Guardian (APC)", f"{egr}weapon/guardian-apc"),  # Kenya's Guardian: an APC
        ("D-30 (turbofan)", f"{egr}weapon/d-30-turbofan"),  # not the D-30 howitzer
        ("Cobra (APC)", f"{egr}weapon/cobra-apc"),
        ("Hezbollah", f"{egr}group/hezbollah"),  # SIPRI's "Hezbollah (Lebanon)*"
        ("African Union", f"{egr}org/african-union"),  # SIPRI's "African Union**"
        ("Libya HoR", f"{egr}group/libya-hor"),  # a non-state recipient the gazetteer lacks
        ("unknown supplier(s)", f"{egr}actor/unknown-supplier-s"),
        ("Unidentified sonar", f"{egr}weapon/unidentified-sonar"),
    }
    assert expected <= pairs
    assert Gazetteer.default().lookup("Geran-2").key == "shahed-136"  # what an article calls it
    categories = dict(rows(store, "SELECT ?w ?c WHERE { ?w a eg:WeaponSystem ; eg:category ?c }"))
    assert categories[f"{egr}weapon/unidentified-sonar"].endswith("/equipment")


def test_sipri_state_names_in_catalogue_order_resolve(tmp_path: Path) -> None:
    lines = SIPRI_UTF8.read_text(encoding="utf-8").splitlines()
    hwasong = next(line for line in lines if ",Hwasong-11," in line)
    path = tmp_path / "catalogue-order.csv"
    inverted = hwasong.replace("North Korea", '"Korea, North"', 1)
    path.write_text(f"{lines[0]}\n{inverted}\n", encoding="utf-8")
    found = rows(imported("sipri", path), "SELECT ?s WHERE { ?e eg:item weapon:hwasong-11 ; eg:actor ?s }")
    assert found == [("https://w3id.org/eventgraph/id/country/PRK",)]


def test_sipri_description_rules_agree_with_the_weapon_gazetteer() -> None:
    with (REPO / "data" / "weapons.csv").open(encoding="utf-8", newline="") as handle:
        sipri_rows = [r for r in csv.DictReader(handle) if r["description"].startswith("SIPRI: ")]
    assert len(sipri_rows) > 1000
    for row in sipri_rows:
        description = row["description"].removeprefix("SIPRI: ").rsplit("; supplier", 1)[0]
        assert weapon_category(description) == row["category"], (row["label"], description)
    assert weapon_category("tanker/transport aircraft") == "aircraft"  # "tank" is a word, not a prefix
    assert weapon_category("portable SAM") == "air-defence" and weapon_category("spacecraft?") == "ship"
    assert weapon_category("bayonet") is None


def test_sipri_malformed_rows_are_listed_with_their_lines(runner: CliRunner) -> None:
    result = run(runner, "import", "sipri", str(SIPRI_BAD))
    listed = result.stderr.splitlines()
    assert listed == [
        f"{SIPRI_BAD}:3: wrong field count (11 fields, expected 13 to 16)",
        f"{SIPRI_BAD}:4: bad date (year of order '20x2')",
        f"{SIPRI_BAD}:5: bad date (year of delivery '202?')",
        f"{SIPRI_BAD}:6: unknown recipient ('Narnia')",
        f"{SIPRI_BAD}:7: non-numeric number (number ordered 'about 100')",
        f"{SIPRI_BAD}:10: missing weapon designation",  # after the quoted two-line comment on lines 8-9
        f"{SIPRI_BAD}:12: mis-encoded bytes (bytes that are not valid text in the file's encoding)",
    ]
    assert result.stdout.strip() == (
        f"{SIPRI_BAD}: 3 rows imported, 7 skipped (bad date: 2, wrong field count: 1, unknown recipient: 1, "
        "non-numeric number: 1, missing weapon designation: 1, mis-encoded bytes: 1)"
    )
    comments = {r["c"] for r in select(runner, "SELECT ?c WHERE { ?e rdfs:comment ?c }")}
    assert 'New; Invented: a comment with "quotes",\nand a newline' in comments
    assert "New; café – ok" in comments


def test_importing_the_same_file_twice_adds_nothing(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, "import", "sipri", str(SIPRI_UTF8))
    quads = len(run(runner, "export", "--format", "nquads").output.splitlines())
    again = run(runner, "import", "sipri", str(SIPRI_UTF8), "--chunk-rows", "2000")
    assert again.stdout.strip() == f"{SIPRI_UTF8}: 0 rows imported (21 already in the store), 0 skipped"
    assert len(run(runner, "export", "--format", "nquads").output.splitlines()) == quads


def test_chunks_are_named_graphs_and_do_not_change_the_events() -> None:
    facts = "SELECT ?e ?p ?o WHERE { ?e eg:sourceRecord ?r ; ?p ?o } ORDER BY ?e ?p ?o"
    small, large = imported("sipri", SIPRI_UTF8, chunk_rows=5), imported("sipri", SIPRI_UTF8)
    assert rows(small, facts) == rows(large, facts)
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?e eg:sourceRecord ?r } }"
    assert len(rows(small, graphs)) == 5 and len(rows(large, graphs)) == 1  # lines 2-22 in chunks of 5


def test_acled_mapping_files_parse() -> None:
    from eventgraph.importers.acled import actor_kinds, event_types

    types = event_types()
    assert len(types) == 25 and types[("Battles", "Armed clash")] == EventType.ATTACK
    assert types[("Protests", "Peaceful protest")] is None
    assert dict(actor_kinds())["Military Forces of"].value == "military_unit"


# -- GDELT ----------------------------------------------------------------------------------------
def test_cameo_codes_map_through_the_ontology() -> None:
    table = cameo_event_types()
    assert len(table) > 300  # every code of the scheme, derived from vocabularies.ttl
    assert cameo_event_type("072") == EventType.TRANSFER
    assert cameo_event_type("074") == EventType.DEPLOYMENT
    assert cameo_event_type("190") == cameo_event_type("195") == cameo_event_type("183") == EventType.ATTACK
    assert cameo_event_type("057") == EventType.AGREEMENT
    assert cameo_event_type("163") == EventType.SANCTION
    assert cameo_event_type("062") == EventType.COOPERATION
    assert cameo_event_type("181") is None and cameo_event_type("042") is None  # abduction, consult
    assert cameo_event_type("1951") == EventType.ATTACK  # not in the scheme: walked to 195
    for bad in ("999", "X12", ""):
        with pytest.raises(RowError):
            cameo_event_type(bad)


def test_gdelt_rows_become_events_derived_from_their_articles(runner: CliRunner) -> None:
    result = run(runner, "import", "gdelt", str(GDELT2), str(GDELT1))
    out = result.stdout.splitlines()
    assert out[0] == (
        f"{GDELT2}: 7 rows imported, 8 skipped (CAMEO code of no modelled event type: 2, bad date: 1, "
        "unknown CAMEO code: 1, unknown country code: 1, wrong field count: 1, no actor: 1, "
        "mis-encoded bytes: 1)"
    )
    assert out[1] == f"{GDELT1}: 2 rows imported, 1 skipped (CAMEO code of no modelled event type: 1)"
    assert result.stderr.splitlines() == [
        f"{GDELT2}:8: bad date (SQLDATE '20241328')",
        f"{GDELT2}:9: unknown CAMEO code ('999')",
        f"{GDELT2}:10: unknown country code (Actor1CountryCode 'XYZ')",
        f"{GDELT2}:11: wrong field count (4 fields, expected 61 (GDELT 2.0), 58 or 57 (GDELT 1.0))",
        f"{GDELT2}:15: mis-encoded bytes (bytes that are not valid text in the file's encoding)",
    ]
    found = {
        r["id"]: r
        for r in select(
            runner,
            """
        SELECT ?id ?type ?actor ?target ?date ?source ?url ?lat WHERE {
          ?e eg:sourceRecord ?id ; eg:eventType/skos:notation ?type ; eg:actor/rdfs:label ?actor ;
             eg:date ?date ; prov:wasDerivedFrom ?source .
          OPTIONAL { ?e eg:recipient/rdfs:label ?target } OPTIONAL { ?source eg:url ?url }
          OPTIONAL { ?e sem:hasPlace/eg:latitude ?lat } }""",
        )
    }
    assert {k: found[k]["type"] for k in found} == {
        "900001": "transfer",
        "900002": "attack",
        "900003": "agreement",
        "900004": "sanction",
        "900007": "attack",
        "900012": "attack",
        "900014": "attack",
        "800001": "transfer",
        "800002": "attack",
    }
    nk = found["900001"]
    assert (nk["actor"], nk["target"], nk["date"], nk["url"]) == (
        "North Korea",
        "Russia",
        "2024-10-28",
        "https://example.org/news/nk-aid",
    )
    assert found["900002"]["lat"] == "49.9808"
    states = {r["actor"] for r in select(runner, "SELECT ?actor WHERE { ?e eg:sourceRecord ?id ; eg:actor ?actor }")}
    assert f"https://w3id.org/eventgraph/id/country/{Gazetteer.default().lookup('Pyongyang').key}" in states
    assert found["900012"]["actor"] == "Police" and "target" not in found["900012"]
    assert found["900014"]["url"] == 'https://example.org/news/"q"'  # raw TSV: quotes are data
    assert "/id/dataset/gdelt-" in found["800002"]["source"]  # 57 fields: no SOURCEURL, derived from the file


def test_gdelt_csv_with_a_header_as_gdeltpyr_saves_it(tmp_path: Path) -> None:
    from eventgraph.importers.gdelt import COLUMNS_BY_COUNT

    header = list(COLUMNS_BY_COUNT[61])
    header.insert(27, "CAMEOCodeDescription")
    cells = GDELT2.read_text(encoding="utf-8", errors="replace").splitlines()[0].split("\t")
    cells.insert(27, "Provide military aid, not specified below")
    path = tmp_path / "with-header.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, cells])
    store = imported("gdelt", path)
    assert rows(store, "SELECT ?id WHERE { ?e a eg:Transfer ; eg:sourceRecord ?id }") == [("900001",)]


# -- ACLED ----------------------------------------------------------------------------------------
def test_acled_rows_actors_casualties_sources_and_places(runner: CliRunner) -> None:
    result = run(runner, "import", "acled", str(ACLED))
    assert result.stdout.strip() == (
        f"{ACLED}: 3 rows imported, 6 skipped (event type not modelled: 1, bad date: 1, non-numeric number: 1, "
        "unknown event type: 1, bad coordinates: 1, wrong field count: 1)"
    )
    assert result.stderr.splitlines() == [
        f"{ACLED}:6: bad date (event_date '31 February 2024')",
        f"{ACLED}:7: non-numeric number (fatalities 'several')",
        f"{ACLED}:8: unknown event type (Battles / Dragon attack)",
        f"{ACLED}:10: bad coordinates ('north', '37.6156')",
        f"{ACLED}:11: wrong field count (4 fields, expected 31)",
    ]
    found = select(
        runner,
        """
        SELECT ?id ?type ?actor ?target ?q ?via ?by ?place ?lat ?note WHERE {
          ?e eg:sourceRecord ?id ; eg:eventType/skos:notation ?type ; eg:actor ?actor ; rdfs:comment ?note ;
             prov:wasAttributedTo/rdfs:label ?by ; sem:hasPlace ?place .
          OPTIONAL { ?e eg:recipient ?target } OPTIONAL { ?e eg:quantityValue ?q }
          OPTIONAL { ?e eg:reportedVia/rdfs:label ?via } OPTIONAL { ?place eg:latitude ?lat } }""",
    )
    egr = "https://w3id.org/eventgraph/id/"
    by_id = {(r["id"], r["type"]): r for r in found}
    shelling = by_id[("TST1", "attack")]
    assert shelling["actor"] == f"{egr}unit/armed-forces-of-russia"  # "Military Forces of Russia (2000-)"
    assert shelling["target"] == f"{egr}actor/civilians-ukraine"
    assert (shelling["place"], shelling["lat"]) == (f"{egr}place/kharkiv", "49.9808")
    assert shelling["by"] == "Armed Conflict Location & Event Data Project" and shelling["via"] == "Ukrinform"
    casualties = by_id[("TST1", "casualties")]
    assert (casualties["actor"], casualties["q"]) == (f"{egr}actor/civilians-ukraine", "2")
    strike = [r for r in found if r["id"] == "TST2"]
    assert {r["actor"] for r in strike} == {f"{egr}unit/russian-aerospace-forces"}
    assert {r["via"] for r in strike} == {"Ministry of Defence of Ukraine", "Example Local Paper"}
    assert strike[0]["note"].startswith('Invented: an air strike, "reportedly" on a depot,\nnotes')
    belarus = by_id[("TST7", "attack")]
    assert belarus["target"] == f"{egr}unit/military-forces-of-belarus-1994"
    owner = select(runner, "SELECT ?c WHERE { unit:military-forces-of-belarus-1994 eg:country ?c }")
    assert owner == [{"c": f"{egr}country/BLR"}]


# -- files that cannot be read, summaries, the graph's shape --------------------------------------
def test_unreadable_files_fail_and_the_others_still_go_in(runner: CliRunner, tmp_path: Path) -> None:
    result = run(
        runner,
        "import",
        "sipri",
        str(FIXTURES / "binary.csv"),
        str(FIXTURES / "empty.csv"),
        str(SIPRI_UTF8),
        str(tmp_path / "absent.csv"),
        code=1,
    )
    assert f"skipped: {FIXTURES / 'binary.csv'}: binary file (NUL bytes), not a CSV/TSV export" in result.stderr
    assert f"skipped: {FIXTURES / 'empty.csv'}: empty file, nothing to import" in result.stderr
    assert f"{tmp_path / 'absent.csv'}: cannot read" in result.stderr
    assert f"{SIPRI_UTF8}: 21 rows imported, 0 skipped" in result.stdout
    assert "total: 21 rows imported, 0 skipped, in 4 files" in result.stdout
    assert result.stderr.strip().endswith(
        "nothing could be imported from "
        + ", ".join(str(p) for p in (FIXTURES / "binary.csv", FIXTURES / "empty.csv", tmp_path / "absent.csv"))
    )
    assert len(select(runner, "SELECT ?e WHERE { ?e a eg:Transfer }")) == 21


def test_a_file_of_which_every_row_is_malformed_fails(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("".join(f"{n}\t20240101\tbroken\n" for n in range(25)), encoding="utf-8")
    result = run(runner, "import", "gdelt", str(path), code=1)
    listed = result.stderr.splitlines()
    assert len(listed) == 22
    assert listed[0] == f"{path}:1: wrong field count (3 fields, expected 61 (GDELT 2.0), 58 or 57 (GDELT 1.0))"
    assert listed[20] == f"{path}: ... and 5 more malformed rows"
    assert listed[21] == f"Error: nothing could be imported from {path}"


def test_a_file_in_the_wrong_format_is_refused(runner: CliRunner) -> None:
    result = run(runner, "import", "sipri", str(ACLED), code=1)
    assert "no SIPRI trade-register header" in result.stderr
    assert "not an ACLED export: no column" in run(runner, "import", "acled", str(SIPRI_UTF8), code=1).stderr


@pytest.mark.slow
def test_imported_graphs_conform_to_the_shapes(runner: CliRunner) -> None:
    run(runner, "import", "sipri", str(SIPRI_UTF8))
    run(runner, "import", "gdelt", str(GDELT2), str(GDELT1))
    run(runner, "import", "acled", str(ACLED))
    assert "no violations" in run(runner, "validate").output


def readme_example() -> tuple[str, list[str]]:
    """The query of the README's data sets section and the table it shows."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Data sets: SIPRI, GDELT, ACLED", 1)[1]
    match = re.search(r"\$ eventgraph query '(.*?)'\n(.*?)\n```", section, flags=re.S)
    assert match, "the README's data sets section shows a query and its output"
    return match[1], match[2].splitlines()


@pytest.mark.slow
def test_the_readme_query_spans_an_article_and_sipri(runner: CliRunner) -> None:
    """The seed article and SIPRI name the same M-1978 170mm, and weapons of the same category."""
    sparql, shown = readme_example()
    run(runner, "ingest", str(REPO / "data" / "examples"))
    run(runner, "import", "sipri", str(SIPRI_UTF8))
    assert run(runner, "query", sparql).stdout.splitlines() == shown
    assert "Hwasong-11" in shown[2] and "ballistic missiles" in shown[2]


# -- the full shared samples ----------------------------------------------------------------------
SAMPLES = SHARED / "data"


@pytest.mark.slow
@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared samples (../shared/data/) are not on this machine")
def test_the_full_shared_samples_import(runner: CliRunner) -> None:
    sipri = SAMPLES / "sipri" / "sipri_subset_orders_or_deliveries_2022plus.utf8.csv"
    gdelt = [
        SAMPLES / "gdelt" / name
        for name in (
            "gdelt2_events_sample_2017.csv",
            "gdelt2_export_20241029231500_slice.tsv",
            "gdelt1_rows_loum-geoutils.tsv",
        )
    ]
    acled = SAMPLES / "acled" / "acled_ukraine_2024-02_PyNetworkFriction_sample.csv"
    assert run(runner, "import", "sipri", str(sipri)).stdout.strip() == f"{sipri}: 2828 rows imported, 0 skipped"
    out = run(runner, "import", "gdelt", *map(str, gdelt)).stdout
    assert "total: 74 rows imported, 949 skipped, in 3 files" in out
    out = run(runner, "import", "acled", str(acled)).stdout
    assert out.strip() == f"{acled}: 153 rows imported, 2 skipped (event type not modelled: 2)"
    items = {r["item"] for r in select(runner, TRANSFERS_FROM_IRAN_TO_RUSSIA)}
    assert {"Shahed-136", "Shahed-131", "Mohajer-6", "Fath-360"} <= items
    if "transfers" in cli.commands:
        listing = run(runner, "transfers", "--from", "Iran", "--to", "Russia").output
        for item in ("Shahed-136", "Shahed-131", "Mohajer-6", "Fath-360"):
            assert item in listing


def test_coordinates_are_checked_the_same_for_every_importer() -> None:
    from eventgraph.importers.common import ad_hoc, at_coordinates
    from eventgraph.model import EntityKind

    place = ad_hoc("Kupiansk, Kharkiv", EntityKind.PLACE)
    located = at_coordinates(place, "49.71", "37.61", required=True)
    assert (located.latitude, located.longitude) == (49.71, 37.61)
    assert at_coordinates(place, "", None, required=False) == place  # GDELT leaves some features unplaced
    with pytest.raises(RowError, match="bad coordinates: 'north', '37.61'"):
        at_coordinates(place, "north", "37.61", required=True)
    for latitude, longitude in (("91", "0"), ("0", "-180.5"), ("nan", "0"), ("inf", "0")):
        with pytest.raises(RowError, match="bad coordinates"):
            at_coordinates(place, latitude, longitude, required=False)
