"""Checks on the team-written sample gold in samples/: the gold itself, not the extractor.

A wrong gold file silently skews every score computed against it, so each file
is held to the contract in ../shared/contracts/gold-json.md and to the
conventions in samples/README.md.
"""
import functools
import importlib.util
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
# The development samples and the blind sets (samples/README.md), each with corpus/ and gold/.
ROOTS = (SAMPLES, SAMPLES / "blind", SAMPLES / "blind2")
SCORE_PY = REPO / ".." / "shared" / "tools" / "score.py"

SCORED = ("P57 P161 P162 P58 P86 P344 P272 P750 P495 P136 P915 P577 P1191 P5072 "
          "P2142 P166 P488 P169 P108 P276 P580 P582 P585").split()
TYPES = {"Film", "Person", "Character", "Organization", "Venue", "City",
         "Region", "Country", "Event", "Other"}
PLACES = {"City", "Region", "Country", "Venue", "Other"}
# predicate -> (subject types, object entity types or a literal kind: "date", "money", "string")
SIGNATURES = {
    "P57": ({"Film"}, {"Person"}), "P161": ({"Film"}, {"Person"}),
    "P162": ({"Film"}, {"Person"}), "P58": ({"Film"}, {"Person"}),
    "P86": ({"Film"}, {"Person"}), "P344": ({"Film"}, {"Person"}),
    "P272": ({"Film"}, {"Organization"}), "P750": ({"Film"}, {"Organization"}),
    "P495": ({"Film"}, {"Country", "Region"}), "P136": ({"Film"}, "string"),
    "P915": ({"Film"}, PLACES), "P577": ({"Film"}, "date"), "P1191": ({"Film"}, "date"),
    "P5072": ({"Film"}, {"Event"}), "P2142": ({"Film"}, "money"),
    "P166": ({"Film", "Person"}, {"Event", "Other"}),
    "P488": ({"Organization", "Event"}, {"Person"}), "P169": ({"Organization"}, {"Person"}),
    "P108": ({"Person"}, {"Organization"}), "P276": ({"Event", "Venue"}, PLACES),
    "P580": ({"Event"}, "date"), "P582": ({"Event"}, "date"), "P585": ({"Event"}, "date"),
}
QUALIFIERS = {"P161": {"P453": {"Character"}}, "P577": {"P291": {"Country", "Region"}},
              "P1191": {"P276": PLACES, "P131": {"City", "Region"}}}
DATE = re.compile(r"\d{4}(-\d\d(-\d\d)?)?")
MONEY = re.compile(r"\d+(\.\d+)?")
# Words per article for en/ru; Chinese is counted in Han characters.
LENGTHS = {"en": (150, 400), "ru": (150, 400), "zh": (250, 900)}


@functools.lru_cache(maxsize=1)
def _scorer_module():
    spec = importlib.util.spec_from_file_location("shared_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_scorer():
    """The shared score.py as a module, so the gold is checked with its own rules."""
    if not SCORE_PY.is_file():
        pytest.skip(f"shared scorer not found at {SCORE_PY}")
    return _scorer_module()


GOLD_FILES = sorted(p for root in ROOTS for p in root.glob("gold/*/*.json"))


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")


@pytest.mark.parametrize("root", ROOTS, ids=lambda r: r.name)
def test_every_article_has_gold_and_back(root: Path):
    texts = {p.relative_to(root / "corpus").with_suffix("") for p in root.glob("corpus/*/*.txt")}
    golds = {p.relative_to(root / "gold").with_suffix("") for p in root.glob("gold/*/*.json")}
    assert texts and texts == golds
    assert {p.parts[0] for p in texts} <= {"en", "ru", "zh"}
    if root == SAMPLES:
        assert {p.parts[0] for p in texts} == {"en", "ru", "zh"}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_file(path: Path):
    norm = load_scorer().norm
    lang = path.parent.name
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["document"] == path.stem + ".txt"
    assert gold["language"] == lang
    assert gold["scored_predicates"] == SCORED
    assert set(gold) <= {"document", "language", "note", "scored_predicates", "entities", "facts"}

    text = read_text(path.parents[2] / "corpus" / lang / gold["document"])
    title, _, body = text.partition("\n")
    assert title.strip() and body.strip(), "title on line 1, then the article"
    low, high = LENGTHS[lang]
    size = len(re.findall(r"[\u4e00-\u9fff]", body)) if lang == "zh" else len(body.split())
    assert low <= size <= high, f"article length {size} outside {low}-{high}"

    types, seen = {}, {}
    for e in gold["entities"]:
        assert set(e) <= {"name", "type", "aliases", "also"}
        assert e["type"] in TYPES, e
        assert e["name"] not in types, f"entity listed twice: {e['name']}"
        types[e["name"]] = e["type"]
        forms = [norm(x) for x in [e["name"], *e["aliases"]]]
        assert len(set(forms)) == len(forms), f"aliases of {e['name']!r} repeat a form"
        for alias in e["aliases"]:
            assert alias in text, f"alias {alias!r} of {e['name']!r} not in text"
        if lang == "ru":  # nominative name may be absent if a case form is there
            assert e["name"] in text or any(a in text for a in e["aliases"]), e["name"]
        else:
            assert e["name"] in text, f"entity name {e['name']!r} not in text"
        for name in [e["name"], *e["aliases"], *e.get("also", [])]:
            key = norm(name)
            assert key, name
            assert seen.setdefault(key, e["name"]) == e["name"], \
                f"{name!r} of {e['name']!r} normalizes like a name of {seen[key]!r}"

    keys = set()
    for f in gold["facts"]:
        assert set(f) <= {"s", "p", "o", "q", "optional"}, f
        assert f["p"] in SCORED, f
        subjects, objects = SIGNATURES[f["p"]]
        assert types.get(f["s"]) in subjects, f"subject of {f}"
        check_object(f, objects, types)
        for key, value in (f.get("q") or {}).items():
            allowed = QUALIFIERS.get(f["p"], {})
            assert key in allowed, f"qualifier {key} on {f}"
            assert isinstance(value, str) and types.get(value) in allowed[key], f"qualifier of {f}"
        dedup = json.dumps([f["s"], f["p"], f["o"], f.get("q")], sort_keys=True, ensure_ascii=False)
        assert dedup not in keys, f"duplicate fact {f}"
        keys.add(dedup)


def check_object(fact: dict, objects, types: dict) -> None:
    o = fact["o"]
    if objects == "date":
        assert isinstance(o, dict) and set(o) == {"value"} and DATE.fullmatch(o["value"]), fact
    elif objects == "money":
        assert isinstance(o, dict) and set(o) == {"value", "unit"}, fact
        assert MONEY.fullmatch(o["value"]) and re.fullmatch(r"[A-Z]{3}", o["unit"]), fact
    elif objects == "string":
        assert isinstance(o, dict) and set(o) == {"value"} and o["value"].strip(), fact
    else:
        assert isinstance(o, str) and types.get(o) in objects, f"object of {fact}"


def prediction_from_gold(gold: dict) -> dict:
    """An extraction (contract shape) that states exactly the required gold facts."""
    ids = {e["name"]: f"e{i}" for i, e in enumerate(gold["entities"], 1)}

    def term(value):
        return {"entity": ids[value]} if isinstance(value, str) else dict(value)

    entities = [{"id": ids[e["name"]], "type": e["type"], "name": e["name"],
                 "aliases": e["aliases"], "mentions": []} for e in gold["entities"]]
    facts = [{"subject": ids[f["s"]], "predicate": f["p"], "object": term(f["o"]),
              "qualifiers": {k: term(v) for k, v in (f.get("q") or {}).items()},
              "confidence": 1.0, "evidence": []}
             for f in gold["facts"] if not f.get("optional")]
    return {"document": {"source": gold["document"]}, "entities": entities, "facts": facts}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_scores_itself_perfectly(path: Path):
    """The gold read back as a prediction must score 1.0 with no false merge under score.py."""
    score = load_scorer()
    gold = json.loads(path.read_text(encoding="utf-8"))
    result = score.score_doc(gold, prediction_from_gold(gold))
    assert result["found"] == result["gold"] and result["correct"] == result["pred"], result
    assert result["q_right"] == result["q_total"]
    assert result["merges_right"] == result["merges_needed"]
    assert result["false_merges"] == 0
