"""Score extractions against gold annotations, with the rules of shared/tools/score.py.

Matching (see contracts/gold-json.md): names compare after normalisation
(accents dropped, case-folded, punctuation to spaces, a leading "the"
dropped); a gold entity's aliases and `also` names count; a gold date
matches a predicted date that begins with it; a quantity matches within 1 %
in the same unit. Only each gold file's `scored_predicates` are scored, and
`optional` facts cost no recall and earn no false positive.

Beyond the shared scorer this reports precision/recall/F1 per predicate and
a reliability table (confidence bin -> precision), which is how the
confidences in data/ are calibrated.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reelgraph.errors import InputError
from reelgraph.model import Extraction

# Upper edges of the confidence bins of the reliability table.
BINS = (0.5, 0.7, 0.8, 0.9, 0.95, 1.0)


def norm(text: Any) -> str:
    """The scorer's name normalisation."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("'s ", " ").replace("’s ", " ")
    text = re.sub(r"[\W_]+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


class _Pred:
    """One predicted document: entity id -> its normalised names."""

    def __init__(self, obj: dict[str, Any]):
        self.names: dict[str, set[str]] = {}
        self.display: dict[str, str] = {}
        for e in obj.get("entities", []):
            self.display[e["id"]] = e.get("name", e["id"])
            names = {norm(e.get("name", ""))} | {norm(a) for a in e.get("aliases", []) or []}
            names.discard("")
            self.names[e["id"]] = names
        self.facts: list[dict[str, Any]] = obj.get("facts", [])

    def show(self, term: Any) -> str:
        if isinstance(term, dict):
            return self.display.get(term.get("entity"), str(term.get("value", term)))
        return self.display.get(term, str(term))

    def term_names(self, term: Any) -> tuple[set[str], str | None]:
        if isinstance(term, dict):
            if "entity" in term:
                return self.names.get(term["entity"], set()), None
            return set(), str(term.get("value", ""))
        return self.names.get(term, set()), None


def _gold_names(gold: dict[str, Any], name: str) -> set[str]:
    n = norm(name)
    for e in gold.get("entities", []):
        group = {norm(x) for x in [e["name"], *e.get("aliases", []), *e.get("also", [])]}
        if n in group:
            return group
    return {n}


def _number(text: Any) -> float | None:
    try:
        return float(str(text).replace(",", "").replace("_", ""))
    except ValueError:
        return None


def _term_matches(gold: dict, gterm: Any, pdoc: _Pred, pterm: Any) -> bool:
    pnames, pvalue = pdoc.term_names(pterm)
    if isinstance(gterm, dict):
        gv = str(gterm["value"])
        if pvalue is None:
            return False
        if "unit" in gterm:
            punit = pterm.get("unit") if isinstance(pterm, dict) else None
            a, b = _number(gv), _number(pvalue)
            return punit == gterm["unit"] and a is not None and b is not None and abs(a - b) <= 0.01 * abs(a)
        if re.fullmatch(r"\d{4}(-\d\d){0,2}", gv):
            return pvalue.startswith(gv)
        return norm(pvalue) == norm(gv)
    if pvalue is not None:
        return norm(pvalue) in _gold_names(gold, gterm)
    return bool(pnames & _gold_names(gold, gterm))


def _fact_matches(gold: dict, gf: dict, pdoc: _Pred, pf: dict) -> bool:
    if pf.get("predicate") != gf["p"]:
        return False
    if not _term_matches(gold, gf["s"], pdoc, {"entity": pf.get("subject")}):
        return False
    return _term_matches(gold, gf["o"], pdoc, pf.get("object", {}))


def _qualifiers_match(gold: dict, gf: dict, pdoc: _Pred, pf: dict) -> bool:
    pq = pf.get("qualifiers") or {}
    for k, gval in (gf.get("q") or {}).items():
        if k not in pq:
            return False
        pvals = pq[k] if isinstance(pq[k], list) else [pq[k]]
        if not any(_term_matches(gold, gval, pdoc, v) for v in pvals):
            return False
    return True


def _gold_text(gf: dict) -> str:
    o = gf["o"]
    return f"{gf['s']} {gf['p']} {o if isinstance(o, str) else o['value']}"


@dataclass
class Counts:
    """Fact counts from which precision, recall and F1 follow."""

    gold: int = 0
    found: int = 0
    pred: int = 0
    correct: int = 0

    def add(self, other: "Counts") -> None:
        self.gold += other.gold
        self.found += other.found
        self.pred += other.pred
        self.correct += other.correct

    def prf(self) -> tuple[float, float, float]:
        p = self.correct / self.pred if self.pred else 0.0
        r = self.found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def to_json(self) -> dict[str, Any]:
        p, r, f = self.prf()
        return {"gold": self.gold, "found": self.found, "pred": self.pred, "correct": self.correct,
                "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class DocumentScore:
    """The score of one gold document, as score.py prints it."""

    document: str
    counts: Counts
    q_total: int = 0
    q_right: int = 0
    merges_needed: int = 0
    merges_right: int = 0
    false_merges: int = 0
    predicted: bool = True
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def line(self) -> str:
        p, r, f = self.counts.prf()
        return (f"{self.document}: P={p:.3f} R={r:.3f} F1={f:.3f} qualifiers={self.q_right}/{self.q_total} "
                f"merges={self.merges_right}/{self.merges_needed} false_merges={self.false_merges}")


@dataclass
class EvaluationReport:
    """Totals, per-document and per-predicate scores, and a reliability table."""

    documents: list[DocumentScore]
    total: Counts
    per_predicate: dict[str, Counts]
    reliability: list[dict[str, Any]]   # {"low", "high", "count", "correct", "precision"}
    q_total: int = 0
    q_right: int = 0
    merges_needed: int = 0
    merges_right: int = 0
    false_merges: int = 0

    def total_line(self) -> str:
        p, r, f = self.total.prf()
        return (f"TOTAL: P={p:.3f} R={r:.3f} F1={f:.3f} facts={self.total.found}/{self.total.gold} "
                f"qualifiers={self.q_right}/{self.q_total} merges={self.merges_right}/{self.merges_needed} "
                f"false_merges={self.false_merges}")

    def render(self, verbose: bool = False) -> str:
        """Text report: the score.py lines, then per predicate and reliability tables."""
        lines = []
        for d in self.documents:
            lines.append(d.line() + ("" if d.predicted else "  (no prediction)"))
            if verbose:
                lines += [f"   missed: {m}" for m in d.missed]
                lines += [f"   wrong:  {w}" for w in d.wrong]
        lines.append(self.total_line())
        lines.append("")
        lines.append(f"{'predicate':<10} {'gold':>5} {'found':>5} {'pred':>5} {'right':>5}  {'P':>5} {'R':>5} {'F1':>5}")
        for pid in sorted(self.per_predicate, key=lambda p: (len(p), p)):
            c = self.per_predicate[pid]
            p, r, f = c.prf()
            lines.append(f"{pid:<10} {c.gold:>5} {c.found:>5} {c.pred:>5} {c.correct:>5}  {p:>5.2f} {r:>5.2f} {f:>5.2f}")
        lines.append("")
        lines.append("confidence   facts  right  precision")
        for row in self.reliability:
            prec = f"{row['precision']:.2f}" if row["count"] else "-"
            lines.append(f"{row['low']:.2f}-{row['high']:.2f}  {row['count']:>6} {row['correct']:>6}  {prec:>9}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total.to_json(), "qualifiers": {"right": self.q_right, "total": self.q_total},
                "merges": {"right": self.merges_right, "needed": self.merges_needed, "false": self.false_merges},
                "per_predicate": {k: v.to_json() for k, v in sorted(self.per_predicate.items())},
                "documents": [{"document": d.document, **d.counts.to_json(), "missed": d.missed, "wrong": d.wrong,
                               "predicted": d.predicted} for d in self.documents],
                "reliability": self.reliability}


def _score_doc(gold: dict, pobj: dict, per_pred: dict[str, Counts], bins: list[list[int]]) -> DocumentScore:
    pdoc = _Pred(pobj)
    scored = set(gold["scored_predicates"])
    required = [f for f in gold["facts"] if not f.get("optional")]
    preds = [f for f in pdoc.facts if f.get("predicate") in scored]
    found = [g for g in required if any(_fact_matches(gold, g, pdoc, p) for p in preds)]
    correct = [p for p in preds if any(_fact_matches(gold, g, pdoc, p) for g in gold["facts"])]
    with_q = [g for g in found if g.get("q")]
    q_right = [g for g in with_q
               if any(_fact_matches(gold, g, pdoc, p) and _qualifiers_match(gold, g, pdoc, p) for p in preds)]
    for g in required:
        per_pred.setdefault(g["p"], Counts()).gold += 1
    for g in found:
        per_pred[g["p"]].found += 1
    correct_ids = {id(p) for p in correct}
    for p in preds:
        c = per_pred.setdefault(p["predicate"], Counts())
        c.pred += 1
        ok = id(p) in correct_ids
        c.correct += ok
        conf = float(p.get("confidence", 0.5))
        i = next(i for i, edge in enumerate(BINS) if conf <= edge or edge == BINS[-1])
        bins[i][0] += 1
        bins[i][1] += ok
    merges_needed = merges_right = 0
    for e in gold.get("entities", []):
        group = [e["name"]] + list(e.get("aliases", []))
        if len(group) < 2:
            continue
        merges_needed += 1
        if any({norm(x) for x in group} <= names for names in pdoc.names.values()):
            merges_right += 1
    false_merges = 0
    for names in pdoc.names.values():
        hits = sum(1 for e in gold.get("entities", [])
                   if names & {norm(x) for x in [e["name"], *e.get("aliases", []), *e.get("also", [])]})
        false_merges += hits > 1
    wrong = [p for p in preds if id(p) not in correct_ids]
    return DocumentScore(
        gold["document"], Counts(len(required), len(found), len(preds), len(correct)),
        len(with_q), len(q_right), merges_needed, merges_right, false_merges,
        missed=[_gold_text(g) for g in required if g not in found],
        wrong=[f"{pdoc.show(p.get('subject'))} {p.get('predicate')} {pdoc.show(p.get('object'))}" for p in wrong])


def evaluate(gold_dir: str | os.PathLike[str], extractions: Iterable[Extraction] | Iterable[dict[str, Any]]) -> EvaluationReport:
    """Score extractions (objects or contract-shaped dicts) against every gold file in `gold_dir`.

    A prediction belongs to the gold file whose "document" equals the
    basename of its document source; a gold document without a prediction
    scores as an empty one.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(str(gold_dir), "gold folder does not exist")
    preds: dict[str, dict[str, Any]] = {}
    for ex in extractions:
        obj = ex.to_json() if isinstance(ex, Extraction) else ex
        src = (obj.get("document") or {}).get("source") or ""
        preds[os.path.basename(src)] = obj
    per_pred: dict[str, Counts] = {}
    bins = [[0, 0] for _ in BINS]
    docs, total = [], Counts()
    report = EvaluationReport(docs, total, per_pred, [])
    for path in sorted(gold_dir.glob("*.json")):
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise InputError(str(path), f"not a gold JSON file: {e}") from e
        pobj = preds.get(gold["document"])
        score = _score_doc(gold, pobj or {"entities": [], "facts": []}, per_pred, bins)
        score.predicted = pobj is not None
        docs.append(score)
        total.add(score.counts)
        report.q_total += score.q_total
        report.q_right += score.q_right
        report.merges_needed += score.merges_needed
        report.merges_right += score.merges_right
        report.false_merges += score.false_merges
    low = 0.0
    for edge, (count, right) in zip(BINS, bins):
        report.reliability.append({"low": low, "high": edge, "count": count, "correct": right,
                                   "precision": round(right / count, 4) if count else None})
        low = edge
    return report
