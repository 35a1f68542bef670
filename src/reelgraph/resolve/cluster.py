"""Batch resolution: many profiles at once, by blocking keys, never all pairs.

Profiles sharing a blocking key are candidate pairs; blocks larger than
MAX_BLOCK say little (a common surname skeleton) and are skipped, which keeps
the cost near linear. Pairs whose full names agree are joined with
union-find. Lone surnames are attached afterwards, and only to a single
cluster: the one their related keys point at, or the only one they match.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from reelgraph.resolve.compare import (SURNAME, THRESHOLD, EVIDENCE_CAP, EntityProfile, pair_score,
                                       shared_evidence)
from reelgraph.resolve.keys import blocking_keys

log = logging.getLogger(__name__)

MAX_BLOCK = 200


@dataclass
class ResolveStats:
    """What a batch resolution did: for benchmarks and logs."""

    profiles: int = 0
    keys: int = 0
    skipped_blocks: int = 0
    pairs: int = 0
    merges: int = 0
    surname_merges: int = 0


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if ra > rb:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


def candidate_pairs(profiles: list[EntityProfile], stats: ResolveStats | None = None,
                    max_block: int = MAX_BLOCK) -> set[tuple[int, int]]:
    """Index pairs (i < j) of profiles sharing a blocking key, skipping oversized blocks."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for key in blocking_keys(p.names, p.type, p.lang):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    skipped = 0
    for key, members in blocks.items():
        if len(members) < 2:
            continue
        if len(members) > max_block:
            skipped += 1
            log.debug("skipping block %s of %d profiles", key, len(members))
            continue
        for x in range(len(members)):
            a = members[x]
            for b in members[x + 1:]:
                pairs.add((a, b) if a < b else (b, a))
    if stats is not None:
        stats.keys += len(blocks)
        stats.skipped_blocks += skipped
        stats.pairs += len(pairs)
    if skipped:
        log.info("skipped %d blocks larger than %d", skipped, max_block)
    return pairs


def resolve_all(profiles: Iterable[EntityProfile], stats: ResolveStats | None = None,
                max_block: int = MAX_BLOCK) -> list[list[int | str | None]]:
    """Group profiles into entities; returns the ids of each group (singletons included)."""
    profiles = list(profiles)
    stats = stats if stats is not None else ResolveStats()
    stats.profiles += len(profiles)
    uf = _UnionFind(len(profiles))
    surname_links: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for a, b in candidate_pairs(profiles, stats, max_block):
        pa, pb = profiles[a], profiles[b]
        p = pair_score(pa, pb)
        if not p.kind:
            continue
        shared = bool(shared_evidence(pa, pb))
        bonus = EVIDENCE_CAP if shared else 0.0
        if p.kind == SURNAME:
            if p.score + bonus >= THRESHOLD:
                # the lone-name side is whichever has no multi-token reading for this pair
                lone, full = (a, b) if _is_lone(pa) else (b, a)
                surname_links[lone].append((full, shared))
        elif p.score + bonus >= THRESHOLD and p.score >= THRESHOLD - EVIDENCE_CAP:
            if uf.union(a, b):
                stats.merges += 1
    # Attach lone names cluster by cluster, so a surname seen in three scripts acts once.
    by_cluster: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for lone, links in surname_links.items():
        by_cluster[uf.find(lone)].extend(links)
    for root, links in by_cluster.items():
        targets = {uf.find(full) for full, _ in links} - {root}
        backed = {uf.find(full) for full, shared in links if shared} - {root}
        pick = backed if backed else targets
        if len(pick) == 1 and uf.union(root, next(iter(pick))):
            stats.surname_merges += 1
    groups: dict[int, list[int | str | None]] = defaultdict(list)
    for i, p in enumerate(profiles):
        groups[uf.find(i)].append(p.id)
    return list(groups.values())


def _is_lone(p: EntityProfile) -> bool:
    """A profile whose every name is one token (a surname or a single given name)."""
    from reelgraph.resolve.keys import readings

    return all(len(r.tokens) == 1 for n in p.names for r in readings(n, p.type, p.lang))
