"""The learned recall backstop: its model file, its candidates and the facts it adds.

The sentences are ours; no name in them comes from the shared sets.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reelgraph.errors import PatternError
from reelgraph.extract import en, learned
from reelgraph.extract import facts as fact_rules
from reelgraph.extract.dates import find_dates
from reelgraph.extract.names import cluster_mentions
from reelgraph.model import Document, Term


def _context(text: str):
    """The rules' context of a text, as en._extract_parsed has it when the backstop runs."""
    spdoc = en.nlp()(text)
    sentences = en._sentences(spdoc)
    mentions = en.find_mentions(text, spdoc)
    ctx = fact_rules.find_facts(text, sentences, mentions, cluster_mentions(mentions), find_dates(text, None))
    return ctx, spdoc, sentences


def _facts(text: str) -> list[tuple[str, str, str, float]]:
    ex = en.extract(Document(source="ours.txt", text=text))
    names = {e.id: e.name for e in ex.entities}
    return [(names[f.subject], f.predicate, names.get(f.object.entity) or f.object.value, f.confidence)
            for f in ex.facts]


def _write_model(path: Path, predicates: dict) -> Path:
    path.write_text(json.dumps({"model": "en_relations", "predicates": predicates}), encoding="utf-8")
    return path


def _p57_everywhere() -> dict:
    """A model we wrote: every film-person pair in one sentence is a film and its director."""
    return {"P57": {"kind": "Person", "threshold": 0.5, "intercept": 0.0, "weights": {"how:same_sentence": 6.0},
                     "calibration": {"a": 1.0, "b": 0.0, "offsets": {}}}}


def test_shipped_model_loads_and_names_its_training():
    models = learned.model()
    assert models, "the shipped model has no predicate"
    for pid, m in models.items():
        assert m.kind == learned.KIND_OF[pid]
        assert m.weights and all(isinstance(w, float) for w in m.weights.values())
    obj = json.loads(learned.MODEL_FILE.read_text(encoding="utf-8"))
    assert obj["trained_on"]["split"].endswith("en_relations_split.toml")
    assert obj["trained_on"]["command"].startswith("reelgraph train-relations")


def test_missing_model_file_names_it(tmp_path):
    with pytest.raises(PatternError, match="nothing.json.*train-relations"):
        learned.load_model(tmp_path / "nothing.json")


@pytest.mark.parametrize("content, problem", [
    ("{not json", "not a JSON model file"),
    ('{"predicates": {"P57": {"kind": "Person", "threshold": 0.5}}}', "P57: malformed"),
    ('{"predicates": {"P57": {"kind": "Organization", "threshold": 0.5, "intercept": 0, "weights": {},'
     ' "calibration": {"a": 1, "b": 0, "offsets": {}}}}}', "kind 'Organization'"),
    ('{"predicates": {"P999": {}}}', "not a predicate the model can learn"),
    ('{"weights": {}}', "no 'predicates'"),
])
def test_malformed_model_file_names_it_and_the_problem(tmp_path, content, problem):
    bad = tmp_path / "bad_model.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(PatternError, match="bad_model.json") as err:
        learned.load_model(bad)
    assert problem in str(err.value)


def test_shipped_model_adds_a_year_the_rules_miss():
    text = '"Low Tide" (directed by Pia Lorn, 2008) follows two sisters who inherit a ferry.'
    ctx, spdoc, sentences = _context(text)
    assert not any(f.predicate == "P577" for f in ctx.found), "the rules now find it: pick another sentence"
    learned.add_facts(ctx, spdoc, sentences)
    added = [f for f in ctx.found if f.cue == learned.CUE]
    assert [(f.subject.name(), f.predicate, f.object.value) for f in added] == [("Low Tide", "P577", "2008")]
    fact = added[0]
    assert fact.evidence == sentences[0]
    assert 0.0 < fact.confidence <= learned.MAX_CONFIDENCE < 0.9
    assert ("Low Tide", "P577", "2008", fact.confidence) in _facts(text)


def test_learned_fact_is_capped_below_the_rules_bin_and_leaves_pairs_the_rules_read(tmp_path):
    models = learned.load_model(_write_model(tmp_path / "m.json", _p57_everywhere()))
    text = '"Harbor Lanterns" was directed by Tomas Vell and stars Anna Berg, whom Pia Lorn discovered.'
    ctx, spdoc, sentences = _context(text)
    ruled = {(f.subject.name(), f.predicate, f.object.name()) for f in ctx.found if not isinstance(f.object, Term)}
    learned.add_facts(ctx, spdoc, sentences, models)
    added = [(f.subject.name(), f.predicate, f.object.name(), f.confidence) for f in ctx.found if f.cue == learned.CUE]
    # The rules read the director and the star; the model we wrote speaks only of the third person
    # (wrongly, as written), capped below the rules' bin.
    assert {("Harbor Lanterns", "P57", "Tomas Vell"), ("Harbor Lanterns", "P161", "Anna Berg")} <= ruled
    assert added == [("Harbor Lanterns", "P57", "Pia Lorn", learned.MAX_CONFIDENCE)]


def test_no_learned_fact_under_modality(tmp_path):
    models = learned.load_model(_write_model(tmp_path / "m.json", _p57_everywhere()))
    said = 'Anna Berg directs "Harbor Lanterns", a drama about a lighthouse keeper.'
    rumoured = 'Anna Berg is rumoured to direct "Harbor Lanterns", a drama about a lighthouse keeper.'
    for text, expected in ((said, 1), (rumoured, 0)):
        ctx, spdoc, sentences = _context(text)
        ctx.found.clear()     # whatever the rules say: only the backstop is under test
        learned.add_facts(ctx, spdoc, sentences, models)
        assert len([f for f in ctx.found if f.cue == learned.CUE]) == expected, text


def test_features_hold_no_entity_text():
    text = ('Pia Lorn is a Danish film director. "Low Tide" (2008), starring Anna Berg and Tomas Vell, was '
            'produced by Greyline Pictures in Aarhus and released on 3 May 2008.')
    ctx, spdoc, sentences = _context(text)
    cands = learned.candidates(ctx, spdoc, sentences)
    assert {c.kind for c in cands} >= {"Person", "Organization", "date"}
    words = {"pia", "lorn", "low", "tide", "anna", "berg", "tomas", "vell", "greyline", "pictures", "aarhus",
             "danish", "may", "2008", "3"}
    for c in cands:
        for f in c.features:
            assert not words & set(f.lower().replace(":", " ").replace("_", " ").replace("|", " ").split()), f


def _company_everywhere() -> dict:
    """A model we wrote: every film-company pair in one sentence is a film and its production company."""
    return {"P272": {"kind": "Organization", "threshold": 0.5, "intercept": 0.0, "weights": {"how:same_sentence": 6.0},
                     "calibration": {"a": 1.0, "b": 0.0, "offsets": {}}}}


def test_a_company_owning_the_named_company_is_no_candidate(tmp_path):
    models = learned.load_model(_write_model(tmp_path / "m.json", _company_everywhere()))
    text = 'The film "Salt Road" was financed by Harbor Media Group\'s Greengrass Television and released by Netflix.'
    ctx, spdoc, sentences = _context(text)
    objects = {c.object.name() for c in learned.candidates(ctx, spdoc, sentences) if c.kind == "Organization"}
    assert {"Greengrass Television", "Netflix"} <= objects
    assert "Harbor Media Group" not in objects
    ctx.found.clear()
    learned.add_facts(ctx, spdoc, sentences, models)
    added = {(f.subject.name(), f.predicate, f.object.name()) for f in ctx.found if f.cue == learned.CUE}
    assert ("Salt Road", "P272", "Harbor Media Group") not in added
    assert ("Salt Road", "P272", "Greengrass Television") in added


def test_shipped_model_adds_no_owning_company():
    facts = _facts('The series "Salt Road" was produced by Endemol USA in association with '
                   "Harbor Media Group's Greengrass Television.")
    assert ("Salt Road", "P272", "Greengrass Television") in [f[:3] for f in facts]
    assert not [f for f in facts if f[2] == "Harbor Media Group"]


def test_a_possessive_director_is_no_company(tmp_path):
    # "Mara Vell's 'Blue Canal'": the rules read the owner as the director; no model makes her its company.
    models = learned.load_model(_write_model(tmp_path / "m.json", _company_everywhere()))
    text = 'The festival opens with Mara Vell\'s "Blue Canal", a drama about two sisters, and Kelpie Films\' "Dry Dock".'
    ctx, spdoc, sentences = _context(text)
    assert ("Blue Canal", "P57", "Mara Vell") in {(f.subject.name(), f.predicate, f.object.name()) for f in ctx.found if not isinstance(f.object, Term)}
    cands = learned.candidates(ctx, spdoc, sentences)
    assert not [c for c in cands if c.kind == "Organization" and c.object.type == "Person"]
    learned.add_facts(ctx, spdoc, sentences, models)
    added = {(f.predicate, f.object.name()) for f in ctx.found if f.cue == learned.CUE}
    assert ("P272", "Kelpie Films") in added
    assert not [o for p, o in added if o == "Mara Vell"]


def test_a_trade_paper_is_no_company_candidate(tmp_path):
    models = learned.load_model(_write_model(tmp_path / "m.json", _company_everywhere()))
    text = 'Variety said the film "Salt Road" was financed by Netflix, and Screen Daily agreed.'
    ctx, spdoc, sentences = _context(text)
    objects = {c.object.name() for c in learned.candidates(ctx, spdoc, sentences) if c.kind == "Organization"}
    assert objects == {"Netflix"}
    ctx.found.clear()
    learned.add_facts(ctx, spdoc, sentences, models)
    assert {f.object.name() for f in ctx.found if f.cue == learned.CUE} == {"Netflix"}
