"""evaluate.py: the rules of shared/tools/score.py, per-predicate scores and the reliability table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reelgraph.errors import InputError
from reelgraph.evaluate import evaluate, norm

SCORE_PY = Path(__file__).resolve().parents[1] / ".." / "shared" / "tools" / "score.py"

GOLD = {
    "document": "harbour.txt", "language": "en",
    "scored_predicates": ["P57", "P161", "P577", "P2142"],
    "entities": [{"name": "Harbour Lights", "type": "Film", "aliases": []},
                 {"name": "Tomas Varga", "type": "Person", "aliases": ["Varga"]},
                 {"name": "Lena Ostrova", "type": "Person", "aliases": []},
                 {"name": "Mira Solberg", "type": "Person", "aliases": []},
                 {"name": "Kai", "type": "Character", "aliases": ["Captain Kai"]}],
    "facts": [{"s": "Harbour Lights", "p": "P57", "o": "Tomas Varga"},
              {"s": "Harbour Lights", "p": "P161", "o": "Lena Ostrova", "q": {"P453": "Kai"}},
              {"s": "Harbour Lights", "p": "P161", "o": "Mira Solberg"},
              {"s": "Harbour Lights", "p": "P577", "o": {"value": "2026-03"}},
              {"s": "Harbour Lights", "p": "P2142", "o": {"value": "21600000", "unit": "USD"}},
              {"s": "Harbour Lights", "p": "P136", "o": {"value": "drama"}, "optional": True}],
}

PRED = {
    "document": {"source": "some/dir/harbour.txt"},
    "entities": [{"id": "e1", "type": "Film", "name": "The Harbour Lights", "aliases": []},
                 {"id": "e2", "type": "Person", "name": "Tomás Varga", "aliases": ["Varga"]},
                 {"id": "e3", "type": "Person", "name": "Lena Ostrova", "aliases": []},
                 {"id": "e4", "type": "Character", "name": "Captain Kai", "aliases": []},
                 {"id": "e5", "type": "Person", "name": "Piet Dankers", "aliases": []}],
    "facts": [
        {"subject": "e1", "predicate": "P57", "object": {"entity": "e2"}, "confidence": 0.95},
        {"subject": "e1", "predicate": "P161", "object": {"entity": "e3"}, "qualifiers": {"P453": {"entity": "e4"}},
         "confidence": 0.92},
        {"subject": "e1", "predicate": "P161", "object": {"entity": "e5"}, "confidence": 0.6},
        {"subject": "e1", "predicate": "P577", "object": {"value": "2026-03-14", "datatype": "date"}, "confidence": 0.85},
        {"subject": "e1", "predicate": "P2142", "object": {"value": "21650000", "datatype": "quantity", "unit": "USD"},
         "confidence": 0.85},
        {"subject": "e1", "predicate": "P915", "object": {"entity": "e3"}, "confidence": 0.5},
    ],
}


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "harbour.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return folder


def test_norm_is_the_scorers() -> None:
    assert norm("The Harbour Lights") == "harbour lights"
    assert norm("Tomás  Varga!") == "tomas varga"


def test_counts_follow_the_matching_rules(gold_dir: Path) -> None:
    report = evaluate(gold_dir, [PRED])
    t = report.total
    # found: director (accent-free), Lena with role, the date by prefix, money within 1 %; Mira missed
    assert (t.gold, t.found, t.pred, t.correct) == (5, 4, 5, 4)   # P915 is not scored here
    assert (report.q_right, report.q_total) == (1, 1)
    assert report.documents[0].missed == ["Harbour Lights P161 Mira Solberg"]
    assert report.documents[0].wrong == ["The Harbour Lights P161 Piet Dankers"]
    assert report.per_predicate["P161"].gold == 2 and report.per_predicate["P161"].correct == 1


def test_reliability_table_bins_confidence(gold_dir: Path) -> None:
    report = evaluate(gold_dir, [PRED])
    rows = {(r["low"], r["high"]): r for r in report.reliability}
    assert rows[(0.5, 0.7)]["count"] == 1 and rows[(0.5, 0.7)]["precision"] == 0.0
    assert rows[(0.9, 0.95)]["count"] == 2 and rows[(0.9, 0.95)]["precision"] == 1.0


def test_render_and_json_agree_with_the_shared_scorer(gold_dir: Path, tmp_path: Path) -> None:
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text(json.dumps(PRED) + "\n", encoding="utf-8")
    report = evaluate(gold_dir, [PRED])
    shared = subprocess.run([sys.executable, str(SCORE_PY), "--gold", str(gold_dir), "--pred", str(pred_path)],
                            capture_output=True, text=True, check=True).stdout.strip().splitlines()
    text = report.render(verbose=True)
    assert shared[-1] in text.splitlines()
    assert shared[0] in text.splitlines()
    assert "missed: Harbour Lights P161 Mira Solberg" in text
    assert report.to_json()["total"]["f1"] == pytest.approx(0.8, abs=1e-3)


def test_a_document_without_prediction_scores_empty(gold_dir: Path) -> None:
    report = evaluate(gold_dir, [])
    assert report.total.found == 0 and not report.documents[0].predicted


def test_missing_gold_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate(tmp_path / "nope", [])
