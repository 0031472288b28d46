"""Derive verb classes for the reader's frames from WordNet 3.0 (``data/wordnet_verbs.csv``).

A verb no trigger table lists is read by its frame (``SentenceReader._frame``); which frame a verb can open is
told by its WordNet senses (the ``dict/`` directory of WordNet 3.0: ``index.verb`` lists a lemma's senses,
commonest first; ``data.verb`` gives each sense's lexicographer file and its hypernyms):

    giving    the first sense is one of possession (``verb.possession``: "rearm", "kit out", "bestow",
              "furnish") and neither of the first two is one of contact ("shower" is also to pelt)
    making    the first sense is one of creation (``verb.creation``: "fabricate", "churn out", "forge")
    harming   the first sense falls under kill (``kill.v.01``), injure (``injure.v.01``) or die (``die.v.01``),
              or the second does and the first is of the body, change, contact or competition: "slaughter",
              "maim", "gun down", "cripple"; not "quarter" (first: to house troops)
    striking  the first sense falls under attack (``attack.v.01``), strike or hit (a blow): "battered",
              "pummelled", "blitzed", "strafed"
    teaching  the first sense falls under teach (``teach.v.01``): "tutor", "mentor", "coach", "instruct"

Each row is ``cue,kind,value,note`` as in ``data/cues.csv`` (value: the WordNet lexicographer file or hypernym
root; a multi-word verb is written with a space, "kit out").

    python benchmarks/build_wordnet_verbs.py WORDNET_DICT_DIR [--output data/wordnet_verbs.csv]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "data" / "wordnet_verbs.csv"
LEXNAMES = {
    29: "body",
    30: "change",
    31: "cognition",
    32: "communication",
    33: "competition",
    34: "consumption",
    35: "contact",
    36: "creation",
    37: "emotion",
    38: "motion",
    39: "perception",
    40: "possession",
    41: "social",
    42: "stative",
    43: "weather",
}
STRIKE_ROOTS = ("01119187", "01410241", "01400062")  # attack.v.01, strike.v.01 (deliver a blow), hit.v.02
TEACH_ROOT = "00829125"  # teach.v.01: impart skills or knowledge to
HARM_FILES = ("body", "change", "contact", "competition")
HARM_ROOTS = {"01323976": "kill", "00069879": "injure", "00358431": "die"}  # kill.v.01, injure.v.01, die.v.01


def read_wordnet(root: Path) -> tuple[dict[str, list[str]], dict[str, tuple[str, list[str]]]]:
    """The senses of each verb lemma (synset offsets, commonest first) and each synset's lexicographer file
    and hypernyms."""
    synsets: dict[str, tuple[str, list[str]]] = {}
    for line in (root / "data.verb").read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):
            continue  # the licence header
        fields = line.partition("|")[0].split()
        words = int(fields[3], 16)
        at = 4 + 2 * words
        pointers = [fields[at + 1 + 4 * j : at + 5 + 4 * j] for j in range(int(fields[at]))]
        synsets[fields[0]] = (LEXNAMES[int(fields[1])], [p[1] for p in pointers if p[0] == "@"])
    senses: dict[str, list[str]] = {}
    for line in (root / "index.verb").read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        senses[fields[0]] = fields[-int(fields[2]) :]
    return senses, synsets


def under(offset: str, root: str, synsets: dict[str, tuple[str, list[str]]], depth: int = 0) -> bool:
    if offset == root:
        return True
    return depth <= 12 and any(under(h, root, synsets, depth + 1) for h in synsets[offset][1])


def harm_root(offset: str, synsets: dict[str, tuple[str, list[str]]], depth: int = 0) -> str | None:
    if offset in HARM_ROOTS:
        return HARM_ROOTS[offset]
    if depth > 12:
        return None
    return next((r for h in synsets[offset][1] if (r := harm_root(h, synsets, depth + 1))), None)


def rows(senses: dict[str, list[str]], synsets: dict[str, tuple[str, list[str]]]) -> list[dict[str, str]]:
    out = []
    for lemma, offsets in sorted(senses.items()):
        if not lemma.replace("_", "").replace("-", "").isalpha():
            continue
        cue = lemma.replace("_", " ")
        files = [synsets[o][0] for o in offsets]
        if files[0] == "possession" and "contact" not in files[:2]:
            out.append({"cue": cue, "kind": "giving", "value": "possession", "note": ""})
        if files[0] == "creation":
            out.append({"cue": cue, "kind": "making", "value": "creation", "note": ""})
        # the second sense only where the first is one of harm too ("cripple"; not "quarter": house troops)
        harmful = offsets[:2] if files[0] in HARM_FILES else offsets[:1]
        harm = next((r for o in harmful if (r := harm_root(o, synsets))), None)
        if harm:
            out.append({"cue": cue, "kind": "harming", "value": harm, "note": ""})
        if any(under(offsets[0], root, synsets) for root in STRIKE_ROOTS):
            out.append({"cue": cue, "kind": "striking", "value": synsets[offsets[0]][0], "note": ""})
        if under(offsets[0], TEACH_ROOT, synsets):
            out.append({"cue": cue, "kind": "teaching", "value": "teach", "note": ""})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wordnet", type=Path, help="WordNet 3.0's dict directory (index.verb, data.verb)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    table = rows(*read_wordnet(args.wordnet))
    with args.output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["cue", "kind", "value", "note"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    print(f"{len(table)} rows -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
