"""resolve.graph: a translated title joins its entity by shared relations, and only then."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from reelgraph.errors import PatternError
from reelgraph.model import Term
from reelgraph.resolve import explain
from reelgraph.resolve.graph import evidence_rules
from reelgraph.store.schema import entities, names

RELEASE = Term(value="2023-05-04", datatype="date")
PREMIERE = Term(value="2023-04-20", datatype="date")

EN = ("Glass River, directed by Petra Novak, stars Ivan Horvat. It opens on 4 May 2023. "
      "It premiered at Aurora Hall on 20 April 2023.")


def english(build, title: str = "Glass River"):
    text = EN.replace("Glass River", title)
    return build(f"en/{title}.txt", text,
                 [("e1", "Film", title, []), ("e2", "Person", "Petra Novak", []),
                  ("e3", "Person", "Ivan Horvat", []), ("e4", "Venue", "Aurora Hall", [])],
                 [("e1", "P57", "director", "e2", {}, 0.9, "directed by Petra Novak"),
                  ("e1", "P161", "cast member", "e3", {}, 0.9, "stars Ivan Horvat"),
                  ("e1", "P577", "publication date", RELEASE, {}, 0.8, "opens on 4 May 2023"),
                  ("e1", "P1191", "date of first performance", PREMIERE, {"P276": "e4"}, 0.8,
                   "premiered at Aurora Hall on 20 April 2023")])


def russian(build, title: str = "Стеклянная река", release: bool = True, venue: str = "Северное сияние"):
    text = (f"Фильм «{title}» режиссёра Петры Новак с Иваном Хорватом выходит 4 мая 2023 года. "
            f"Премьера прошла в зале «{venue}» 20 апреля 2023 года.")
    facts = [("e1", "P57", "director", "e2", {}, 0.9, "режиссёра Петры Новак"),
             ("e1", "P161", "cast member", "e3", {}, 0.9, "с Иваном Хорватом"),
             ("e1", "P1191", "date of first performance", PREMIERE, {"P276": "e4"}, 0.8,
              f"Премьера прошла в зале «{venue}»")]
    if release:
        facts.append(("e1", "P577", "publication date", RELEASE, {}, 0.8, "выходит 4 мая 2023 года"))
    return build(f"ru/{title}.txt", text,
                 [("e1", "Film", title, []), ("e2", "Person", "Петра Новак", ["Петры Новак"]),
                  ("e3", "Person", "Иван Хорват", ["Иваном Хорватом"]), ("e4", "Venue", venue, [])],
                 facts, lang="ru")


def _entity_of(store, name: str) -> int:
    with store.read() as conn:
        ids = {r.entity_id for r in conn.execute(sa.select(names.c.entity_id).where(names.c.name == name))}
    assert len(ids) == 1, (name, ids)
    return ids.pop()


def test_translated_title_joins_by_director_cast_and_date(store, articles) -> None:
    store.ingest(english(articles["build"]))
    store.ingest(russian(articles["build"]))
    assert _entity_of(store, "Стеклянная река") == _entity_of(store, "Glass River")
    # then the venue of that film's premiere on that date, though its name is a translation
    assert _entity_of(store, "Северное сияние") == _entity_of(store, "Aurora Hall")
    out = explain(store, "Glass River", "Стеклянная река")
    assert out["verdict"] == "one entity"
    reasons = [x for r in out["recorded"] if r["name"] == "Стеклянная река" for x in r["reasons"]]
    assert any(x.startswith("graph evidence:") and "same P57" in x and "same P161" in x for x in reasons), reasons


def test_same_people_but_another_title_in_the_same_script_stays_apart(store, articles) -> None:
    # one director's next film with the same actor: the names, in one script, disagree
    store.ingest(english(articles["build"]))
    store.ingest(english(articles["build"], "Winter Orchard"))
    assert _entity_of(store, "Winter Orchard") != _entity_of(store, "Glass River")


def test_a_sequel_stays_apart(store, articles) -> None:
    store.ingest(english(articles["build"]))
    store.ingest(russian(articles["build"], "Стеклянная река 2", venue="Орион"))
    assert _entity_of(store, "Стеклянная река 2") != _entity_of(store, "Glass River")


def test_director_and_one_actor_alone_are_not_enough(store, articles) -> None:
    build = articles["build"]
    store.ingest(build("en/a.txt", "Glass River, directed by Petra Novak, stars Ivan Horvat.",
                       [("e1", "Film", "Glass River", []), ("e2", "Person", "Petra Novak", []),
                        ("e3", "Person", "Ivan Horvat", [])],
                       [("e1", "P57", "director", "e2", {}, 0.9, "directed by Petra Novak"),
                        ("e1", "P161", "cast member", "e3", {}, 0.9, "stars Ivan Horvat")]))
    store.ingest(build("ru/b.txt", "Фильм «Лёд» режиссёра Петры Новак с Иваном Хорватом.",
                       [("e1", "Film", "Лёд", []), ("e2", "Person", "Петра Новак", ["Петры Новак"]),
                        ("e3", "Person", "Иван Хорват", ["Иваном Хорватом"])],
                       [("e1", "P57", "director", "e2", {}, 0.9, "режиссёра Петры Новак"),
                        ("e1", "P161", "cast member", "e3", {}, 0.9, "с Иваном Хорватом")], lang="ru"))
    assert _entity_of(store, "Лёд") != _entity_of(store, "Glass River")
    assert _entity_of(store, "Иван Хорват") == _entity_of(store, "Ivan Horvat")


def test_either_order_gives_one_film(store, articles) -> None:
    store.ingest(russian(articles["build"]))
    store.ingest(english(articles["build"]))
    assert _entity_of(store, "Стеклянная река") == _entity_of(store, "Glass River")
    with store.read() as conn:
        films = conn.execute(sa.select(sa.func.count()).select_from(entities).where(entities.c.type == "Film"))
        assert films.scalar_one() == 1


def test_bad_rules_file_names_the_file(tmp_path) -> None:
    bad = tmp_path / "graph_evidence.toml"
    bad.write_text('min_weight = 3.0\nmin_predicates = 2\ntypes = ["Film"]\n[weights]\nP57x = 1.0\n', encoding="utf-8")
    with pytest.raises(PatternError, match="graph_evidence.toml"):
        evidence_rules(bad)
