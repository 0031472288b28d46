"""The learning-curve experiment's subsets: nested, seeded, and links to train and validation only."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from learning_curve import main, nested_subsets, subset_corpus  # noqa: E402


def test_subsets_are_nested_and_follow_the_seed() -> None:
    names = [f"{n:03d}_doc.gold.json" for n in range(40)]
    small, half, whole = nested_subsets(names, [0.1, 0.5, 1.0], seed=3)
    assert (len(small), len(half), len(whole)) == (4, 20, 40)
    assert set(small) <= set(half) <= set(whole) == set(names)
    assert small == sorted(small)
    assert nested_subsets(names, [0.5], seed=3)[0] == half
    assert nested_subsets(names, [0.5], seed=4)[0] != half


def test_subset_corpus_links_the_chosen_documents_and_all_of_validation(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for split, numbers in (("train", (1, 2, 3)), ("validation", (9,)), ("test", (7,))):
        (corpus / split).mkdir(parents=True)
        for n in numbers:
            (corpus / split / f"00{n}_a.txt").write_text("Text.\n", encoding="utf-8")
            gold = {"file": f"00{n}_a.txt", "events": []}
            (corpus / split / f"00{n}_a.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    built = subset_corpus(corpus, ["001_a.gold.json", "003_a.gold.json"], tmp_path / "sub")
    assert sorted(p.name for p in (built / "train").iterdir()) == [
        "001_a.gold.json",
        "001_a.txt",
        "003_a.gold.json",
        "003_a.txt",
    ]
    assert (built / "validation" / "009_a.txt").read_text(encoding="utf-8") == "Text.\n"
    assert not (built / "test").exists()


def test_fractions_out_of_range_are_refused(capsys) -> None:
    assert main(["--fractions", "0.5,1.5"]) == 1
    assert "--fractions" in capsys.readouterr().err
