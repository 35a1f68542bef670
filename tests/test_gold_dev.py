"""The English gold sets scored through evaluate.py: the product's headline figures, held by the thresholds of
issue 3 (dev F1 >= 0.92 and P >= 0.95, the team samples F1 >= 0.90, redocred-film F1 >= 0.70, and facts at
confidence >= 0.9 right >= 95 % of the time). The rules were written on these sets, so the blind sets in
samples/ are the measure of unseen text; these thresholds only keep what was reached."""

from __future__ import annotations

from pathlib import Path

import pytest

from reelgraph.evaluate import evaluate
from reelgraph.extract import extract
from reelgraph.model import Document

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _extract_folder(folder: Path, pattern: str = "*.txt") -> list:
    out = []
    for path in sorted(folder.glob(pattern)):
        text = path.read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        out.append(extract(Document(source=str(path), text=text, language="en")))
    return out


def test_dev_set_f1_and_precision() -> None:
    report = evaluate(SHARED / "gold" / "dev", _extract_folder(SHARED / "corpus" / "dev"))
    p, r, f = report.total.prf()
    assert f >= 0.92, report.render(verbose=True)
    assert p >= 0.95, report.render(verbose=True)


def test_multilingual_english_article() -> None:
    gold = SHARED / "gold" / "multilingual-dev"
    report = evaluate(gold, _extract_folder(SHARED / "corpus" / "multilingual-dev", "en-*.txt"))
    [doc] = [d for d in report.documents if d.document.startswith("en-")]
    p, r, f = doc.counts.prf()
    assert f >= 0.8 and p >= 0.9, report.render(verbose=True)


REPO = Path(__file__).resolve().parents[1]
REDOCRED = SHARED / "data" / "redocred-film"


@pytest.fixture(scope="module")
def samples_report():
    return evaluate(REPO / "samples" / "gold" / "en", _extract_folder(REPO / "samples" / "corpus" / "en"))


@pytest.fixture(scope="module")
def redocred_report():
    if not (REDOCRED / "gold").is_dir():
        pytest.skip("redocred-film not present")
    return evaluate(REDOCRED / "gold", _extract_folder(REDOCRED / "corpus"))


def test_team_samples_f1(samples_report) -> None:
    p, r, f = samples_report.total.prf()
    assert f >= 0.90 and p >= 0.93, samples_report.render()


def test_redocred_film_f1(redocred_report) -> None:
    """Wikipedia intros annotated by others."""
    p, r, f = redocred_report.total.prf()
    assert f >= 0.70 and p >= 0.85, redocred_report.render()


def test_confident_facts_are_right_95_percent_of_the_time(samples_report, redocred_report) -> None:
    dev = evaluate(SHARED / "gold" / "dev", _extract_folder(SHARED / "corpus" / "dev"))
    confident = [row for report in (dev, samples_report, redocred_report) for row in report.reliability
                 if row["low"] >= 0.9]
    count = sum(row["count"] for row in confident)
    correct = sum(row["correct"] for row in confident)
    assert count >= 100 and correct / count >= 0.95, confident
