"""Train the English relation backstop (extract/learned.py) and write it as readable JSON.

The training documents of a split file are extracted with the rules; every
candidate pair of `learned.candidates` gets a label from the gold file (the
matching of reelgraph.evaluate), only for predicates the gold file scores.
One logistic regression per predicate is fitted on all candidates; its
out-of-fold scores (folds by document) on the pairs the rules left alone
give a Platt calibration and the threshold that maximises F1 of rules plus
model over the training documents. The held-out documents are never read.

scikit-learn is needed here only; the written model is plain JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reelgraph.errors import InputError, PatternError
from reelgraph.evaluate import _fact_matches, _Pred
from reelgraph.extract import en, learned
from reelgraph.extract import facts as fact_rules
from reelgraph.extract.dates import DateMention
from reelgraph.extract.names import Cluster
from reelgraph.model import Document

log = logging.getLogger(__name__)

SPLIT_FILE = learned.MODEL_FILE.with_name("en_relations_split.toml")
# Inverse regularisation strengths tried; the one with the best out-of-fold log loss is kept.
C_GRID = (0.1, 0.3, 1.0, 3.0)
FOLDS = 5
# Thresholds tried per predicate (calibrated probability); NEVER leaves a predicate off.
THRESHOLDS = tuple(round(0.3 + 0.05 * i, 2) for i in range(12))
NEVER = 1.01
# A feature must occur in this many training documents to get a weight.
MIN_DOCUMENTS = 2
# A predicate with fewer positives the rules missed cannot be calibrated for what it would add: left off.
MIN_MISSED_POSITIVES = 3
SAME_SENTENCE = learned.SAME_SENTENCE


@dataclass
class SplitSet:
    """One corpus of a split: where its texts and gold files are, and which documents go where."""

    name: str
    corpus: Path
    gold: Path
    train: list[str]
    held_out: list[str]


def read_split(path: str | Path) -> list[SplitSet]:
    """The sets of a split file (see data/models/en_relations_split.toml); PatternError when malformed."""
    path = Path(path)
    try:
        obj = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PatternError(str(path), None, "split file missing") from None
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise PatternError(str(path), None, f"not a TOML split file: {e}") from e
    root = (path.parent / obj.get("root", ".")).resolve()
    out = []
    for n, spec in enumerate(obj.get("set", []), 1):
        try:
            s = SplitSet(str(spec["name"]), root / spec["corpus"], root / spec["gold"],
                         [str(x) for x in spec["train"]], [str(x) for x in spec.get("held_out", [])])
        except (KeyError, TypeError) as e:
            raise PatternError(str(path), None, f"set {n}: needs name, corpus, gold, train ({e!r})") from e
        if set(s.train) & set(s.held_out):
            raise PatternError(str(path), None, f"set {s.name}: {sorted(set(s.train) & set(s.held_out))} "
                                                f"both trained on and held out")
        out.append(s)
    if not out:
        raise PatternError(str(path), None, "no [[set]] with training documents")
    return out


@dataclass
class Row:
    """One candidate seen as one predicate: its features and gold label (None: an optional fact)."""

    document: str
    predicate: str
    features: list[str]
    label: int | None
    ruled: bool              # the rules already relate this pair (with any predicate): not scored at run time
    fact: tuple              # what makes rows one fact (document, predicate, candidate key)
    gold_found: frozenset[int]   # indices of the required gold facts it matches


@dataclass
class DocumentCounts:
    """The rules' score of one training document, and which gold facts they found."""

    gold: int
    pred: int
    correct: int
    found: set[int] = field(default_factory=set)
    by_predicate: dict[str, int] = field(default_factory=dict)    # required gold facts per scored predicate


def _names(obj: Cluster | str) -> dict[str, Any]:
    if isinstance(obj, str):
        return {"name": obj, "aliases": []}
    return {"name": obj.name(), "aliases": sorted(set(obj.surfaces()) | set(obj.extra_aliases))}


def _labelled(name: str, doc: Document, spdoc, gold: dict[str, Any]) -> tuple[list[Row], DocumentCounts]:
    doc, ctx, sentences = en.rules_context(doc, spdoc)
    cands = learned.candidates(ctx, spdoc, sentences)
    en._short_forms(doc.text, ctx.clusters)
    scored = set(gold["scored_predicates"])
    facts = gold["facts"]
    required = [i for i, g in enumerate(facts) if not g.get("optional")]
    # The rules' own score: which gold facts they found, how many facts they stated.
    rules = _Pred(fact_rules.build_extraction(doc, ctx).to_json())
    preds = [p for p in rules.facts if p["predicate"] in scored]
    counts = DocumentCounts(len(required), len(preds),
                            sum(1 for p in preds if any(_fact_matches(gold, g, rules, p) for g in facts)),
                            {i for i in required if any(_fact_matches(gold, facts[i], rules, p) for p in preds)})
    for i in required:
        if facts[i]["p"] in scored:
            counts.by_predicate[facts[i]["p"]] = counts.by_predicate.get(facts[i]["p"], 0) + 1
    rows = []
    for c in cands:
        subject = {"id": "s", **_names(c.subject)}
        if isinstance(c.object, DateMention):
            pdoc, obj = _Pred({"entities": [subject]}), {"value": c.object.iso, "datatype": "date"}
        else:
            pdoc, obj = _Pred({"entities": [subject, {"id": "o", **_names(c.object)}]}), {"entity": "o"}
        for pid in learned.PREDICATES[c.kind]:
            if pid not in scored:
                continue
            pf = {"predicate": pid, "subject": "s", "object": obj}
            hits = [i for i, g in enumerate(facts) if g["p"] == pid and _fact_matches(gold, g, pdoc, pf)]
            req = frozenset(i for i in hits if not facts[i].get("optional"))
            label = 1 if req else (None if hits else 0)
            rows.append(Row(name, pid, c.features, label, bool(c.ruled), (name, pid, *c.key()), req))
    return rows, counts


def training_rows(sets: list[SplitSet]) -> tuple[list[Row], dict[str, DocumentCounts]]:
    """Extract every training document with the rules and label its candidates from gold."""
    from reelgraph.read import read_path

    rows: list[Row] = []
    counts: dict[str, DocumentCounts] = {}
    nlp = en.nlp()
    for s in sets:
        for name in s.train:
            text_path, gold_path = s.corpus / f"{name}.txt", s.gold / f"{name}.json"
            try:
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                raise InputError(str(gold_path), f"not a gold JSON file: {e}") from e
            doc = read_path(text_path, lang="en")
            doc_rows, doc_counts = _labelled(f"{s.name}/{name}", doc, nlp(doc.text), gold)
            rows += doc_rows
            counts[f"{s.name}/{name}"] = doc_counts
    return rows, counts


def _fit_predicate(rows: list[Row]) -> dict[str, Any] | None:
    """Weights, calibration and out-of-fold calibrated probabilities of one predicate's rows."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.model_selection import GroupKFold

    rows = [r for r in rows if r.label is not None]
    y = np.array([r.label for r in rows])
    docs = sorted({r.document for r in rows})
    if y.sum() < 3 or len(docs) < 2 or y.sum() == len(y):
        return None
    seen: dict[str, set[str]] = {}
    for r in rows:
        for f in r.features:
            seen.setdefault(f, set()).add(r.document)
    keep = {f for f, d in seen.items() if len(d) >= MIN_DOCUMENTS}
    vec = DictVectorizer()
    X = vec.fit_transform([{f: 1.0 for f in r.features if f in keep} for r in rows])
    groups = np.array([docs.index(r.document) for r in rows])
    folds = list(GroupKFold(n_splits=min(FOLDS, len(docs))).split(X, y, groups))

    def oof(c: float) -> np.ndarray:
        out = np.zeros(len(rows))
        for tr, te in folds:
            if y[tr].min() == y[tr].max():
                out[te] = 0.0 if y[tr].max() == 0 else 1.0
                continue
            m = LogisticRegression(C=c, max_iter=2000, random_state=0).fit(X[tr], y[tr])
            out[te] = m.decision_function(X[te])
        return out

    best = None
    for c in C_GRID:
        scores = oof(c)
        loss = log_loss(y, [learned.sigmoid(s) for s in scores], labels=[0, 1])
        if best is None or loss < best[0]:
            best = (loss, c, scores)
    _, c, scores = best
    # Platt calibration on the candidates the model meets at run time: pairs the rules left alone. Each
    # way a pair meets across sentences (which no rule looks for) gets its own offset: the rules
    # left different leftovers of each (a biography's person with a film: often right; a person in
    # a sentence without a film: seldom).
    missed = np.array([not r.ruled for r in rows])
    modes = [m for m in learned.HOW if m != SAME_SENTENCE]
    how = np.array([[1.0 if m in r.features else 0.0 for m in modes] for r in rows])
    Z = np.column_stack([scores, how])
    if y[missed].sum() < MIN_MISSED_POSITIVES or y[missed].sum() == missed.sum():
        return {"C": c, "rows": rows, "skipped": f"{int(y[missed].sum())} positives the rules missed"}
    platt = LogisticRegression(C=10.0, max_iter=1000).fit(Z[missed], y[missed])
    a, *offs = (float(v) for v in platt.coef_[0])
    b = float(platt.intercept_[0])
    # A way no candidate the rules missed took has no evidence: no offset.
    offsets = {m: round(o, 4) for m, o, n in zip(modes, offs, how[missed].sum(axis=0)) if n}
    if a <= 0:
        return {"C": c, "rows": rows, "skipped": "its scores do not rank the candidates the rules missed"}
    final = LogisticRegression(C=c, max_iter=2000, random_state=0).fit(X, y)
    weights = {f: round(float(w), 4) for f, w in zip(vec.get_feature_names_out(), final.coef_[0]) if abs(w) >= 1e-3}
    return {"C": c, "intercept": round(float(final.intercept_[0]), 4), "weights": dict(sorted(weights.items())),
            "a": round(a, 4), "b": round(b, 4), "offsets": offsets, "rows": rows,
            "oof": [learned.sigmoid(a * s + b + sum(offsets.get(m, 0.0) * x for m, x in zip(modes, h)))
                    for s, h in zip(scores, how)]}


def _f1(counts: dict[str, DocumentCounts], facts: list[dict[str, Any]], thresholds: dict[str, float]) -> float:
    """F1 over the training documents of the rules plus the model's facts above their predicate's threshold."""
    gold = sum(c.gold for c in counts.values())
    pred = sum(c.pred for c in counts.values())
    correct = sum(c.correct for c in counts.values())
    found = {(d, i) for d, c in counts.items() for i in c.found}
    for f in facts:
        if f["p"] >= thresholds.get(f["predicate"], NEVER) and not f["ruled"] and f["label"] is not None:
            pred += 1
            correct += f["label"]
            found |= {(f["document"], i) for i in f["gold_found"]}
    p = correct / pred if pred else 0.0
    r = len(found) / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def choose_thresholds(counts: dict[str, DocumentCounts], facts: list[dict[str, Any]],
                      predicates: list[str]) -> dict[str, float]:
    """Per-predicate thresholds maximising the training F1 of rules plus model (coordinate ascent
    over out-of-fold probabilities of the pairs the rules left alone); NEVER leaves a predicate off."""
    thresholds = {p: NEVER for p in predicates}
    for _ in range(3):
        for pid in predicates:
            options = [NEVER, *reversed(THRESHOLDS)]      # ties go to the higher threshold
            thresholds[pid] = max(options, key=lambda t: (_f1(counts, facts, {**thresholds, pid: t}), -options.index(t)))
    return thresholds


def _reliability(probs: list[float], labels: list[int]) -> list[dict[str, Any]]:
    edges = (0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
    out, low = [], 0.0
    for edge in edges:
        inside = [y for p, y in zip(probs, labels) if low <= p < edge or (edge == 1.0 and p == 1.0)]
        out.append({"low": low, "high": edge, "count": len(inside), "right": sum(inside),
                    "precision": round(sum(inside) / len(inside), 3) if inside else None})
        low = edge
    return out


def train(split: str | Path = SPLIT_FILE, out: str | Path = learned.MODEL_FILE) -> dict[str, Any]:
    """Fit the backstop on the split's training documents and write the model JSON to `out`; returns it."""
    sets = read_split(split)
    rows, counts = training_rows(sets)
    model: dict[str, Any] = {}
    facts: dict[tuple, dict[str, Any]] = {}
    checks: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    for pid in sorted(learned.KIND_OF):
        fit = _fit_predicate([r for r in rows if r.predicate == pid])
        if fit is None:
            log.info("%s: too few examples to learn", pid)
            continue
        if "skipped" in fit:
            log.info("%s: left off (%s)", pid, fit["skipped"])
            skipped[pid] = fit["skipped"]
            continue
        model[pid] = fit
        mine: dict[tuple, dict[str, Any]] = {}
        for r, p in zip(fit["rows"], fit["oof"]):
            f = mine.setdefault(r.fact, {"predicate": pid, "document": r.document, "p": 0.0, "label": r.label,
                                         "gold_found": r.gold_found, "ruled": r.ruled})
            f["p"] = max(f["p"], p)
        facts.update(mine)
        checks[pid] = {"all": _reliability(fit["oof"], [r.label for r in fit["rows"]]),
                       "rules_missed": _reliability([p for r, p in zip(fit["rows"], fit["oof"]) if not r.ruled],
                                                    [r.label for r in fit["rows"] if not r.ruled])}
    thresholds = choose_thresholds(counts, list(facts.values()), sorted(model))
    f1_rules = _f1(counts, [], {})
    f1_both = _f1(counts, list(facts.values()), thresholds)
    n_docs = sum(len(s.train) for s in sets)
    obj = {
        "model": "en_relations",
        "about": "Logistic regression per predicate over candidate (film, object) pairs; "
                 "probability = sigmoid(a * (intercept + sum of the weights of the present features) + b). "
                 "Built by reelgraph.learn.relations; read by reelgraph.extract.learned.",
        "trained_on": {
            "split": shown_path(split),
            "documents": n_docs,
            "sets": {s.name: len(s.train) for s in sets},
            "command": f"reelgraph train-relations --split {shown_path(split)} --out {shown_path(out)}",
            "date": dt.date.today().isoformat(),
            "candidates": sum(1 for r in rows if r.label is not None),
            "left_off": skipped,
            "training_f1": {"rules": round(f1_rules, 4), "rules_and_model": round(f1_both, 4)},
        },
        "predicates": {
            pid: {"kind": learned.KIND_OF[pid], "threshold": thresholds[pid],
                  "calibration": {"a": fit["a"], "b": fit["b"], "offsets": fit["offsets"]}, "intercept": fit["intercept"],
                  "training": {"C": fit["C"], "rows": len(fit["rows"]),
                               "positives": sum(r.label for r in fit["rows"]),
                               "rules_missed_positives": sum(r.label for r in fit["rows"] if not r.ruled),
                               "out_of_fold_reliability": checks[pid]},
                  "weights": fit["weights"]}
            for pid, fit in model.items()
        },
    }
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(obj, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return obj


def shown_path(path: str | Path) -> str:
    """A path as written in the model: relative to the package's repository checkout when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(learned.MODEL_FILE.resolve().parents[4]))
    except ValueError:
        return str(path)


__all__ = ["SPLIT_FILE", "SplitSet", "choose_thresholds", "read_split", "shown_path", "train", "training_rows"]
