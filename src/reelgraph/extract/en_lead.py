"""Facts of encyclopedic leads and filmographies (Wikipedia-style prose).

Called by `facts.find_facts` after the clause cues, with the shared Context:
adds facts about the article's subject that the clause cues miss.
"""

from __future__ import annotations

from reelgraph.extract.facts import Context


def lead_facts(ctx: Context, sentences: list[tuple[int, int]]) -> None:
    """Add the lead's subject facts to ctx.found (none yet)."""
    return None
