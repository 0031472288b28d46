"""Derive extra trigger words from the CAMEO verb dictionary of PETRARCH2 (``data/cameo_triggers.csv``).

The dictionary (``CAMEO.2.0.txt`` of github.com/openeventdata/petrarch2, MIT licence, Open Event Data
Alliance) groups English verbs into blocks::

    ---  KILL   [190]  ---          a block and its default CAMEO code ([---]: none)
    MURDER [190]                    a synonym, with its own code where it differs from the block's
    SLAY {SLAYS SLAIN SLAYING}      irregular forms in braces (spaCy lemmatises them, so they are not read)
    +SHOOT_DOWN {...}               a multi-word verb (not read: the lexicon's triggers are single words)
    - * (IN GUNBATTLE)  [193]       a pattern: the verb with these words, and the code it then has

A single-word verb becomes a trigger of one of our event types when its code maps to one (``code_type``):

    19x, 183x, 202-204  attack       (use of force, bombings, mass killing; 201 mass expulsion is not)
    072                 transfer     (military aid)
    057                 agreement    (sign a formal agreement)
    062, 064            cooperation  (military cooperation, intelligence sharing)
    163                 sanction     (embargo, boycott, sanctions)

The code is the word's own, else its block's default.  Measured in session 19 and off (each added
false events on validation and train and no true one): ``--patterns``, a block with no default ([---])
gives its verbs the type at least half of its patterns (two or more) map to (``pattern_type``); ``--anchored``,
a block's verbs take a type its patterns code when the lexicon has two or more verbs of that type in the block
("transport" with "send", "ship", "transfer"); ``--deployment``, 154 (mobilise or increase forces) ->
deployment.

The conditions a word needs (``needs`` of ``data/triggers.csv``) come from the words of its block the lexicon
already has: a new word copies the rows of its type (for an attack, and of casualties) of the block's
commonest lexicon word ("slay" in the block of "kill" reads like "kill": casualties, and an attack where
weapons kill).  A block with
no lexicon word of the type gives the type's head word's conditions (``HEAD_WORDS``: "transport" needs an item
like "transfer").  Words the lexicon has keep their rows; the words of ``benchmarks/cameo_excluded.csv``
(mostly no event on ``train``, measured with ``benchmarks/cameo_trigger_precision.py`` on the table built with
``--excluded none``) are left out, and so are the words of a quarrel in words (``VERBAL``): the
guidelines' attack is armed force.  For the same reason an attack word that would take no condition needs
weapons, troops or a military word around it (``ARMED``): CAMEO's force verbs are also verbs of speech
("Brazil blasted the decision", "hammered out a compromise").

    python benchmarks/build_cameo_triggers.py CAMEO.2.0.txt [--output data/cameo_triggers.csv]
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
TRIGGERS = DATA / "triggers.csv"
OUTPUT = DATA / "cameo_triggers.csv"
EXCLUDED_FILE = Path(__file__).resolve().parent / "cameo_excluded.csv"
HEAD_WORDS = {  # the lexicon word whose conditions a new word of the type takes when its block has none
    "attack": "attack",
    "transfer": "transfer",
    "agreement": "sign",
    "cooperation": "cooperate",
    "sanction": "sanction",
    "deployment": "deploy",
}
VERBAL = frozenset({"altercate", "quarrel"})  # CAMEO's physical-conflict verbs for a row of words: no armed force
ARMED = "@arms|@personnel|@military"  # weapons, troops or a military word around the verb: armed force
SUBSUMED = {"attack": ("casualties",)}  # CAMEO codes killing and wounding as force; our scheme splits them
ANCHORS = 2  # lexicon verbs of a type a block needs before its patterns' codes of the type count
HEADER_LINE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
CODE = re.compile(r"\[([^\]]*)\]")
WORD = re.compile(r"^[A-Z][A-Z'-]*$")


def code_type(code: str | None, deployment: bool = False) -> str | None:
    """Our event type of a CAMEO code ("190", "0332", "183"), or None."""
    if not code:
        return None
    if code.startswith(("19", "183")) or code in ("202", "203", "204"):
        return "attack"
    if code.startswith("072"):
        return "transfer"
    if code.startswith("057"):
        return "agreement"
    if code.startswith(("062", "064")):
        return "cooperation"
    if code.startswith("163"):
        return "sanction"
    if deployment and code.startswith("154"):
        return "deployment"
    return None


def clean_code(text: str) -> str | None:
    """ "042:043" -> "042", ":173" -> "173", "080!" -> "080", "---" -> None."""
    for part in text.split(":"):
        digits = re.sub(r"[^0-9]", "", part)
        if digits:
            return digits
    return None


@dataclass
class Block:
    name: str
    code: str | None
    words: list[tuple[str, str | None]] = field(default_factory=list)  # (lemma, own code)
    patterns: list[str | None] = field(default_factory=list)


def parse_blocks(text: str) -> list[Block]:
    """The verb blocks of a CAMEO verb dictionary; single-word synonyms only."""
    blocks: list[Block] = []
    current: Block | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        header = HEADER_LINE.match(line)
        if header:
            current = Block(header.group(1), clean_code(header.group(2)))
            blocks.append(current)
            continue
        if current is None or line.startswith(("&", "~")):
            continue
        if line.startswith("-"):
            codes = CODE.findall(line)
            current.patterns.append(clean_code(codes[-1]) if codes else None)
            continue
        if line.startswith("+"):
            continue  # a multi-word verb
        word = re.split(r"[\s{\[;]", line, maxsplit=1)[0]
        if not WORD.match(word):
            continue
        rest = re.sub(r"\{[^}]*\}", " ", line[len(word) :])
        own = CODE.search(rest)
        current.words.append((word.lower(), clean_code(own.group(1)) if own else None))
    return blocks


def pattern_type(block: Block, deployment: bool = False) -> str | None:
    """The type at least half of a block's patterns (two or more) map to."""
    kinds = Counter(code_type(code, deployment) for code in block.patterns)
    kinds.pop(None, None)
    if not kinds:
        return None
    kind, n = kinds.most_common(1)[0]
    return kind if n >= 2 and 2 * n >= len(block.patterns) else None


Row = dict[str, str]


def derive(
    blocks: Iterable[Block],
    triggers: list[Row],
    excluded: Iterable[tuple[str, str]] = (),
    patterns: bool = False,
    deployment: bool = False,
    anchored: bool = False,
) -> list[Row]:
    """The rows (lemma, pos, type, needs, note) CAMEO adds to the lexicon's triggers.

    ``patterns``: a block without a default code takes the type most of its patterns map to;
    ``anchored``: a block's verbs take each type its patterns code (with some object) that the lexicon already
    reads in two or more verbs of the block ("transport" in the block of "send", "ship", "transfer", whose
    patterns code 072 with weapons as object).  A new word copies the rows of the type (and, for an attack, of
    casualties) of the block's commonest lexicon profile."""
    known: dict[str, list[tuple[str, str]]] = {}
    for row in triggers:
        if row["pos"] == "VERB":
            known.setdefault(row["lemma"], []).append((row["type"], row["needs"]))
    skip = set(excluded)
    out: dict[tuple[str, str, str], Row] = {}
    for block in blocks:
        default = block.code
        fallback = pattern_type(block, deployment) if patterns and default is None else None
        members = [w for w, _ in block.words if w in known]
        coded = {code_type(code, deployment) for code in block.patterns} - {None}
        for word, own in block.words:
            kind = code_type(own or default, deployment) or (fallback if own is None else None)
            kinds = {kind} if kind else set()
            how = f"[{own or default}]" if kind and (own or default) else "[patterns]"
            if not kinds and anchored and own is None:
                kinds = {k for k in coded if sum(any(t == k for t, _ in known[m]) for m in members) >= ANCHORS}
                how = "[patterns, lexicon]"
            for kind in sorted(kinds):
                if word in known or (word, kind) in skip or word in VERBAL:
                    continue
                having = [tuple(known[m]) for m in members if any(t == kind for t, _ in known[m])]
                if having:
                    profile = Counter(having).most_common(1)[0][0]
                    like = next(m for m in members if tuple(known[m]) == profile)
                else:
                    like = HEAD_WORDS[kind]
                    profile = tuple(r for r in known[like] if r[0] == kind)
                for t, needs in profile:
                    if t not in (kind, *SUBSUMED.get(kind, ())):
                        continue
                    if t == "attack" and not needs:
                        needs = ARMED  # "blasted the decision", "hammered out a compromise": words, not force
                    note = f"CAMEO {block.name} {how}, like {like}"
                    row = {"lemma": word, "pos": "VERB", "type": t, "needs": needs, "note": note}
                    out.setdefault((word, "VERB", t), row)
    return sorted(out.values(), key=lambda r: r["lemma"])  # stable: a word keeps its rows' order (the first holds)


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def render(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, ["lemma", "pos", "type", "needs", "note"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cameo", type=Path, help="the local copy of CAMEO.2.0.txt")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--triggers", type=Path, default=TRIGGERS)
    parser.add_argument("--excluded", type=Path, default=EXCLUDED_FILE, help="lemma,type rows to leave out")
    parser.add_argument("--patterns", action="store_true", help="a block with no default code: its patterns' type")
    parser.add_argument("--deployment", action="store_true", help="map 154 (increase forces) to deployment")
    parser.add_argument("--anchored", action="store_true", help="pattern codes the lexicon confirms in the block")
    args = parser.parse_args(argv)
    blocks = parse_blocks(args.cameo.read_text(encoding="utf-8", errors="replace"))
    excluded = [(r["lemma"], r["type"]) for r in read_rows(args.excluded)] if args.excluded.exists() else []
    rows = derive(blocks, read_rows(args.triggers), excluded, args.patterns, args.deployment, args.anchored)
    args.output.write_text(render(rows), encoding="utf-8")
    print(f"{len(rows)} rows -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
