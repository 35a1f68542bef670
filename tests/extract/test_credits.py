"""extract/facts.py credits: director, writer, composer, cast, producer, DoP, genre and filming location cues
on sentences we wrote (no name here comes from the scoring sets)."""

from __future__ import annotations

from reelgraph.extract.en import extract
from reelgraph.model import Document, Extraction


def run(text: str, published: str | None = "2026-03-10") -> Extraction:
    return extract(Document(source="mine.txt", text=text, language="en", published=published))


def triples(ex: Extraction) -> set[tuple]:
    """(subject name, predicate, object name or value) of every fact."""
    names = {e.id: e.name for e in ex.entities}
    return {(names[f.subject], f.predicate, names.get(f.object.entity) if f.object.entity else f.object.value)
            for f in ex.facts}


def has(ex: Extraction, subject: str, predicate: str, obj: str) -> bool:
    return (subject, predicate, obj) in triples(ex)


def genres(ex: Extraction) -> set[tuple]:
    return {(s, o) for s, p, o in triples(ex) if p == "P136"}


def test_genre_of_a_headline_title_without_determiner() -> None:
    ex = run('Finnish-Polish drama "The Glass Ferry" wins the top prize in Turku\n\n'
             'TURKU, 3 May 2026 — The jury praised the film.')
    assert has(ex, "Glass Ferry", "P136", "drama film") or has(ex, "The Glass Ferry", "P136", "drama film")


def test_genre_before_a_title_that_starts_with_the() -> None:
    ex = run('Sales agent Norvik has sold Greek director Ilias Varo\'s thriller "The Salt Hour" to Spain.')
    assert {g for _, g in genres(ex)} == {"thriller film"}


def test_genre_after_whose_and_a_year() -> None:
    ex = run('The film will be directed by Ansel Brook, whose 2018 drama "The Ninth Well" won in Tallinn.')
    assert {g for _, g in genres(ex)} == {"drama film"}


def test_genre_after_a_year_in_brackets_is_no_colour() -> None:
    ex = run('Her breakthrough came with "The Copper Years" (1974), a black-and-white drama about a miner.')
    assert {g for _, g in genres(ex)} == {"drama film"}


def test_film_noun_without_determiner_gives_no_genre() -> None:
    # 'period pic' says only that the film is set in the past: no genre without a determiner before it.
    ex = run('Italian period pic "Villa Corsi" held the top spot for a third frame.')
    assert genres(ex) == set()


def test_wartime_is_a_genre_modifier() -> None:
    ex = run('Brightwater Studios, the producer behind the wartime drama "The Far Ridge", named a new chief.')
    assert {g for _, g in genres(ex)} == {"wartime drama film"}


def test_writer_described_before_the_name() -> None:
    ex = run('"The Amber Gate" was directed by Noor Valik and was written by her brother, Teo Valik.')
    assert has(ex, "Amber Gate", "P58", "Teo Valik")
    ex = run('Shooting began on "Salt Roads" in Ghent. The screenplay is by Ana Ferro and the Belgian writer Luc Demaret.')
    assert has(ex, "Salt Roads", "P58", "Luc Demaret") and has(ex, "Salt Roads", "P58", "Ana Ferro")


def test_a_second_credit_clause_is_no_described_name() -> None:
    # "and the score is by X" starts another credit: X did not write the screenplay.
    ex = run('The screenplay of "Kite Hill" was written by Mara Oda, and the score is by Jun Sato.')
    assert has(ex, "Kite Hill", "P58", "Mara Oda")
    assert not has(ex, "Kite Hill", "P58", "Jun Sato")
