"""extract: companies, distributors, people in organisations and countries of origin, on sentences we wrote."""

from __future__ import annotations

from reelgraph.extract.en import extract
from reelgraph.model import Document, Extraction


def run(text: str, published: str | None = "2026-03-10") -> Extraction:
    return extract(Document(source="mine.txt", text=text, language="en", published=published))


def triples(ex: Extraction) -> set[tuple[str, str, str]]:
    """(subject name, predicate, object name or value) of every fact."""
    names = {e.id: e.name for e in ex.entities}
    return {(names[f.subject], f.predicate, names.get(f.object.entity) if f.object.entity else f.object.value)
            for f in ex.facts}


def types(ex: Extraction) -> dict[str, str]:
    return {e.name: e.type for e in ex.entities}


# ---- typing ------------------------------------------------------------------

def test_a_demonym_is_no_company() -> None:
    ex = run('ASTANA, 3 March 2026 — Georgian and Kazakh producers on Monday signed an agreement to co-produce '
             '"Amber Caravan," a desert epic, with a budget of 90 million yuan, the largest ever for a Kazakh '
             "co-production.")
    assert "Organization" not in {t for name, t in types(ex).items() if name == "Kazakh"}


def test_a_name_after_a_kind_of_company_is_a_company() -> None:
    ex = run('Her last film, "Salt Meadow," was released in Finland that spring by the distributor Vallo Kerttu.')
    assert types(ex)["Vallo Kerttu"] == "Organization"
    assert ("Salt Meadow", "P750", "Vallo Kerttu") in triples(ex)


def test_docs_ends_a_company_name() -> None:
    ex = run('"The Slate Quarry," a documentary about Welsh miners, was produced by Anna Penhale for Trelowarren Docs.')
    assert ("Slate Quarry", "P272", "Trelowarren Docs") in triples(ex)


def test_a_company_name_beats_a_street_inside_it_and_an_s_possessive() -> None:
    ex = run('Marsh Lane Pictures will release the thriller "Low Water" in May. '
             "Marsh Lane Pictures' chairman, Edwin Tarrow, said the film was the company's biggest bet.")
    assert ("Marsh Lane Pictures", "P488", "Edwin Tarrow") in triples(ex)


def test_a_producers_company_after_an_s_possessive_and_a_city() -> None:
    ex = run('The drama "Blue Harbour" was produced by Andreas\' Lisbon company Maré Alta Filmes.')
    assert ("Blue Harbour", "P272", "Maré Alta Filmes") in triples(ex)
    assert ("Blue Harbour", "P272", "Andreas") not in triples(ex)   # the owner is no company
