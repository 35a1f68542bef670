"""`rg:date_resolution`: the qualifier saying how a fact's date got its year.

Each language finds its own date mentions and words the resolution its own
way; this module attaches the words to the facts, the same way for all three:
the date is looked for inside the fact's evidence spans, and over several
spans an explicit year wins, since the text stated it at least once. Only a
qualifier is added, so no fact is duplicated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from reelgraph.model import Fact, Term

DATE_RESOLUTION = "rg:date_resolution"


@dataclass(frozen=True)
class ResolvedDate:
    """A date mention at [start, end), the ISO values it gave, and how its year was found."""

    start: int
    end: int
    isos: frozenset[str]
    how: str | None


def note_resolutions(facts: Iterable[Fact], dates: list[ResolvedDate],
                     fallback: Callable[[str], str | None] | None = None) -> None:
    """Qualify every fact holding a date with how its year was found.

    A date no mention gave whole (a year cut from a longer date) is "explicit"
    when its year stands in the evidence, else whatever `fallback(year)` says.
    """
    for fact in facts:
        values = {t.value for t in [fact.object, *fact.qualifiers.values()] if t.datatype == "date" and t.value}
        if not values or DATE_RESOLUTION in fact.qualifiers:
            continue
        found = [d.how for span in fact.evidence for d in dates
                 if d.how and span.start <= d.start and d.end <= span.end and d.isos & values]
        if not found:
            year = min(values)[:4]
            how = "explicit" if any(year in span.text for span in fact.evidence) else \
                fallback(year) if fallback else None
            if how is None:
                continue
            found = [how]
        value = "explicit" if "explicit" in found else found[0]
        fact.qualifiers[DATE_RESOLUTION] = Term(value=value, datatype="string")
