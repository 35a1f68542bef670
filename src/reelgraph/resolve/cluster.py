"""Batch resolution: many profiles at once, by blocking keys, never all pairs.

Profiles sharing a blocking key are candidate pairs; blocks larger than
MAX_BLOCK (a common surname) are compared only within a sorted window, which
keeps the cost near linear. Pairs whose names agree letter for letter (after
normalisation) are joined with union-find. Then, in this order and each
only to a single cluster: a Chinese transliteration that agrees only by its
consonants joins its clearly best match, and a lone surname joins the
cluster its related keys point at, or the only (or clearly best) one it
matches. So neither can chain two people into one.
"""

from __future__ import annotations

import logging
from array import array
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from rapidfuzz.distance import OSA

from reelgraph.resolve.compare import (EVIDENCE_CAP, SURNAME, THRESHOLD, EntityProfile, best_reading_pair,
                                       compatible, full_readings, named_after_a_place, shared_evidence)
from reelgraph.resolve.keys import (PERSONAL, TRANSLATED, Reading, blocking_keys, families, family, reading_keys,
                                    readings)

log = logging.getLogger(__name__)

MAX_BLOCK = 16
WINDOW = 8
# A lone surname or a transliteration close to several clusters joins the best only if
# it is this much closer than the next.
SURNAME_MARGIN = TIE_MARGIN = 0.02


@dataclass
class ResolveStats:
    """What a batch resolution did: for benchmarks and logs."""

    profiles: int = 0
    keys: int = 0
    windowed_blocks: int = 0
    pairs: int = 0
    merges: int = 0
    loose_merges: int = 0
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


def _pair_codes(keysets: Iterable[Iterable[str]], order: list[str], stats: ResolveStats, max_block: int):
    """Sorted unique codes a*n+b (a < b) of profiles sharing a key.

    A block larger than `max_block` (a common surname) is not compared all
    against all: its members are sorted by `order` (names surname first) and
    each is paired with the next WINDOW members, so the cost stays linear.
    """
    import numpy as np

    n = len(order)
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(keysets):
        for key in keys:
            blocks[key].append(i)
    codes = array("q")
    windowed = 0
    for key, members in blocks.items():
        m = len(members)
        if m < 2:
            continue
        if m > max_block:
            windowed += 1
            members = sorted(members, key=order.__getitem__)
            for x in range(m - 1):
                a = members[x]
                codes.extend(a * n + b if a < b else b * n + a for b in members[x + 1:x + 1 + WINDOW])
            continue
        for x in range(m - 1):
            a = members[x] * n       # members are in increasing order
            codes.extend(a + b for b in members[x + 1:])
    stats.keys += len(blocks)
    stats.windowed_blocks += windowed
    del blocks
    if windowed:
        log.info("compared %d blocks larger than %d in a sorted window of %d", windowed, max_block, WINDOW)
    unique = np.unique(np.frombuffer(codes, dtype=np.int64)) if codes else np.zeros(0, dtype=np.int64)
    stats.pairs += len(unique)
    return unique


def _order_key(rs: tuple[tuple[str, Reading], ...]) -> str:
    """Sort key within a large block: the first reading's tokens, last (surname) first."""
    return " ".join(reversed(rs[0][1].tokens)) if rs else ""


def candidate_pairs(profiles: list[EntityProfile], stats: ResolveStats | None = None,
                    max_block: int = MAX_BLOCK) -> list[tuple[int, int]]:
    """Index pairs (i < j) of profiles sharing a blocking key, skipping oversized blocks."""
    n = len(profiles)
    order = [_order_key(tuple((name, r) for name in p.names for r in readings(name, p.type, p.lang)))
             for p in profiles]
    codes = _pair_codes((blocking_keys(p.names, p.type, p.lang) for p in profiles), order,
                        stats if stats is not None else ResolveStats(), max_block)
    return [(int(c) // n, int(c) % n) for c in codes]


def resolve_all(profiles: Iterable[EntityProfile], stats: ResolveStats | None = None,
                max_block: int = MAX_BLOCK) -> list[list[int | str | None]]:
    """Group profiles into entities; returns the ids of each group (singletons included)."""
    profiles = list(profiles)
    n = len(profiles)
    stats = stats if stats is not None else ResolveStats()
    stats.profiles += n
    fams = [family(p.type) for p in profiles]
    reads = [tuple((name, r) for name in p.names for r in readings(name, p.type, p.lang)) for p in profiles]
    lone = [all(len(r.tokens) == 1 for _, r in rs) for rs in reads]
    han = [any(r.source == "zh" for _, r in rs) for rs in reads]
    keysets = (set().union(*(reading_keys(r, f) for _, r in rs for f in families(p.type))) if rs else set()
               for rs, p in zip(reads, profiles))
    codes = _pair_codes(keysets, [_order_key(rs) for rs in reads], stats, max_block)
    reads = [full_readings(rs) if f in PERSONAL else rs for rs, f in zip(reads, fams)]

    uf = _UnionFind(n)
    surname_links: dict[int, list[tuple[int, bool, float]]] = defaultdict(list)
    loose: list[tuple[int, int, float]] = []
    yearless: dict[int, set[int]] = defaultdict(set)
    for code in codes.tolist():
        a, b = divmod(code, n)
        if fams[a] != fams[b] and (not compatible(profiles[a].type, profiles[b].type)
                                   or named_after_a_place(profiles[a], profiles[b])):
            continue
        p = best_reading_pair(reads[a], reads[b], fams[a])
        if not p.kind:
            continue
        pa, pb = profiles[a], profiles[b]
        shared = bool(pa.related and pb.related and shared_evidence(pa, pb))
        bonus = EVIDENCE_CAP if shared else 0.0
        if p.kind == SURNAME:
            if p.score + bonus >= THRESHOLD and (lone[a] or lone[b]):
                lone_i, full = (a, b) if lone[a] else (b, a)
                surname_links[lone_i].append((full, shared, p.score))
        elif p.score + bonus >= THRESHOLD and p.score >= THRESHOLD - EVIDENCE_CAP:
            if p.loose:       # the Chinese side chooses
                loose.append((a, b, p.score + bonus) if han[a] else (b, a, p.score + bonus))
            elif p.yearless:  # the name without years joins only if it fits one cluster
                no_years = a if any(r.years == () and r.source == TRANSLATED for _, r in reads[a]) else b
                yearless[no_years].add(b if no_years == a else a)
            elif uf.union(a, b):
                stats.merges += 1
    del codes
    stats.loose_merges += _join_best(uf, loose, reads)
    for i, others in yearless.items():
        targets = {uf.find(o) for o in others}
        if len(targets) == 1 and uf.union(i, targets.pop()):
            stats.merges += 1
    # Attach lone names cluster by cluster, so a surname seen in three scripts acts once.
    by_cluster: dict[int, list[tuple[int, bool, float]]] = defaultdict(list)
    for lone, links in surname_links.items():
        by_cluster[uf.find(lone)].extend(links)
    for root, links in by_cluster.items():
        target = _one_target(uf, root, links)
        if target is not None and uf.union(root, target):
            stats.surname_merges += 1
    groups: dict[int, list[int | str | None]] = defaultdict(list)
    for i, p in enumerate(profiles):
        groups[uf.find(i)].append(p.id)
    return list(groups.values())


def _join_best(uf: _UnionFind, edges: list[tuple[int, int, float]],
               reads: list[tuple[tuple[str, Reading], ...]]) -> int:
    """Join each transliteration cluster to its one best match among clusters linked by skeletons.

    `edges` are (transliteration side, other side, score). A Chinese
    transliteration can be as close to two different Latin names, so it
    chooses only one partner; and a cluster chosen by several
    transliterations takes the best one and only those spelled like it
    (比科维奇 and 比柯维奇), so two people are not chained through it either.
    """
    best: dict[int, dict[int, tuple[float, int]]] = defaultdict(dict)
    for a, b, score in edges:
        ra, rb = uf.find(a), uf.find(b)
        if ra != rb and score > best[ra].get(rb, (0.0, -1))[0]:
            best[ra][rb] = (score, a)
    chosen: dict[int, list[tuple[float, int, int]]] = defaultdict(list)
    for ra in sorted(best):
        ranked = sorted(best[ra].items(), key=lambda x: -x[1][0])
        if len(ranked) > 1 and ranked[0][1][0] - ranked[1][1][0] < TIE_MARGIN:
            continue
        target, (score, a) = ranked[0]
        chosen[target].append((score, ra, a))
    joined = 0
    for target, choosers in chosen.items():
        choosers.sort(key=lambda x: (-x[0], x[1]))
        accepted = [choosers[0]]
        accepted += [c for c in choosers[1:] if _spelled_alike(reads[c[2]], reads[choosers[0][2]])]
        for _, ra, _ in accepted:
            if uf.union(ra, target):
                joined += 1
    return joined


def _spelled_alike(ra: tuple[tuple[str, Reading], ...], rb: tuple[tuple[str, Reading], ...]) -> bool:
    """Two Chinese transliterations that differ by at most one letter of their reading."""
    xs = {"".join(r.tokens) for _, r in ra if r.source == "zh"}
    ys = {"".join(r.tokens) for _, r in rb if r.source == "zh"}
    return any(OSA.distance(x, y) <= 1 for x in xs for y in ys)


def _one_target(uf: _UnionFind, root: int, links: list[tuple[int, bool, float]]) -> int | None:
    """The one cluster a lone surname belongs to: backed by evidence, else the only or clearly best match."""
    backed = {uf.find(full) for full, shared, _ in links if shared} - {root}
    if backed:
        return next(iter(backed)) if len(backed) == 1 else None
    score: dict[int, float] = {}
    for full, _, s in links:
        r = uf.find(full)
        if r != root:
            score[r] = max(score.get(r, 0.0), s)
    if not score:
        return None
    ranked = sorted(score.items(), key=lambda x: -x[1])
    if len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= SURNAME_MARGIN:
        return ranked[0][0]
    return None
