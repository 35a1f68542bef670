"""Curator rules at ingest: which must-link rule, if any, an incoming entity obeys.

A manual merge (or split) leaves must-link rules keyed on the name keys of
the names it moved. A key alone says too little: merging the alias "Smith"
into John Smith must not pull a later Anna Smith (who is also called
"Smith") into John Smith. So a rule binds an entity only when none of its
other names speaks against the rule's entity: every name is either covered
by a must-link rule to that entity, or agrees with it by name
(`compare.best_match`).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from reelgraph.resolve.compare import EntityProfile, best_match
from reelgraph.resolve.keys import family


def must_link_target(names: list[str], type: str, lang: str, rules: Iterable[Any],
                     targets: dict[int, EntityProfile], key: Callable[[str], str]) -> tuple[int, Any] | None:
    """The entity id a new entity with `names` is bound to, and the rule that binds it, or None.

    `rules` are resolution rules (with `kind`, `type`, `name_key`, `entity_id`),
    newest first; `targets` the stored profiles of the entities they point to;
    `key` the store's name key function. Rules of another type family never bind.
    """
    keys = {n: key(n) for n in names}
    mine = set(keys.values()) - {""}
    linked = [r for r in rules if r.kind == "must_link" and family(r.type) == family(type)]
    covered: dict[int, set[str]] = {}
    for r in linked:
        covered.setdefault(r.entity_id, set()).add(r.name_key)
    for r in linked:
        if r.name_key not in mine:
            continue
        others = [n for n, k in keys.items() if k and k not in covered[r.entity_id]]
        if not others:
            return r.entity_id, r
        target = targets.get(r.entity_id)
        if target is not None and best_match(EntityProfile(None, type, others, lang), [target]) is not None:
            return r.entity_id, r
    return None
