"""Benchmark batch entity resolution on synthetic names across three scripts.

Generates people whose names are built in Russian Cyrillic from random
syllables, then written as a Latin romanisation (with the usual y/i, kh/h
variants and an occasional typo), declined Russian forms, a Chinese
transliteration by a syllable table of our own, and surname-only mentions.
Each mention is one profile; `resolve_all` groups them. For each size the
script prints wall time, time per name, peak memory (max RSS of a fresh
process per size) and pairwise precision/recall against the generated truth.

    .venv/bin/python bench/resolve.py                 # 10k, 100k and 1M names
    .venv/bin/python bench/resolve.py --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter

from reelgraph.resolve.cluster import ResolveStats, resolve_all
from reelgraph.resolve.compare import EntityProfile

CONSONANTS = "бвгдзклмнпрстфхшч"
ONSETS = list(CONSONANTS) + ["ст", "тр", "др", "гр", "кр", "бр", "пр", "вл", "сл", "зв", "ск", "св", "шт", "пл", "гл"]
VOWELS = "аоиеу"
# Chinese characters for Russian consonant+vowel syllables, in the spirit of the
# Xinhua transcription table (rows: consonants above; columns: а о и е у).
HAN_CV = {
    "б": "巴博比别布", "в": "瓦沃维韦武", "г": "加戈吉格古", "д": "达多迪杰杜", "з": "扎佐济泽祖",
    "к": "卡科基克库", "л": "拉洛利列卢", "м": "马莫米梅穆", "н": "纳诺尼涅努", "п": "帕波皮佩普",
    "р": "拉罗里列鲁", "с": "萨索西谢苏", "т": "塔托季捷图", "ф": "法福菲费富", "х": "哈霍希赫胡",
    "ш": "沙绍希舍舒", "ч": "恰乔奇切丘",
}
HAN_V = dict(zip(VOWELS, "阿奥伊叶乌"))
HAN_FINAL = dict(zip(CONSONANTS, "布夫格德兹克尔姆恩普尔斯特夫赫什奇"))
ROMAN = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "з": "z", "и": "i", "к": "k",
         "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
         "ф": "f", "х": ("kh", "h"), "ш": "sh", "ч": "ch", "ы": ("y", "i"), "й": ("y", "i")}
SURNAME_ENDS = ["ов", "ин", "ев", "енко", "ович", "ский", "ан", "ук"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables))


def _person(rng: random.Random) -> tuple[str, str]:
    given = _word(rng, rng.choice((2, 2, 3))) + rng.choice(["", "", "н", "р", "с", "л"])
    surname = _word(rng, rng.choice((2, 3))) + rng.choice(SURNAME_ENDS)
    return given, surname


def romanise(word: str, rng: random.Random) -> str:
    out = []
    for ch in word:
        r = ROMAN.get(ch, ch)
        out.append(rng.choice(r) if isinstance(r, tuple) else r)
    return "".join(out).capitalize()


def to_han(word: str) -> str:
    out, i = [], 0
    while i < len(word):
        ch = word[i]
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if ch in HAN_CV and nxt and nxt in VOWELS:
            out.append(HAN_CV[ch][VOWELS.index(nxt)])
            i += 2
        elif ch in HAN_V:
            out.append(HAN_V[ch])
            i += 1
        else:
            out.append(HAN_FINAL.get(ch, ""))
            i += 1
    return "".join(out)


def decline(word: str, surname: bool, rng: random.Random) -> str:
    """A genitive or instrumental form, as a Russian sentence would have it."""
    if word.endswith("о"):          # -енко is not declined
        return word
    if word[-1] in VOWELS:
        return word[:-1] + rng.choice(["ы", "е", "у"])
    if surname and word.endswith("ский"):
        return word[:-2] + rng.choice(["ого", "ому", "им"])
    if surname and word.endswith(("ов", "ин", "ев")):
        return word + rng.choice(["а", "ым", "у"])
    return word + rng.choice(["а", "ом", "у"])


def typo(word: str, rng: random.Random) -> str:
    """Swap one inner letter for a vowel or a neighbour: the slips news copy has."""
    if len(word) < 6:
        return word
    i = rng.randrange(2, len(word) - 1)
    return word[:i] + rng.choice("aeiou") + word[i + 1:]


def mentions(entity: int, rng: random.Random) -> list[tuple[str, str]]:
    """The (name, lang) mentions of one synthetic person."""
    given, surname = _person(rng)
    cap = str.capitalize
    forms = [
        (f"{romanise(given, rng)} {romanise(surname, rng)}", "en"),
        (f"{cap(given)} {cap(surname)}", "ru"),
        (f"{cap(decline(given, False, rng))} {cap(decline(surname, True, rng))}", "ru"),
        (f"{to_han(given)}·{to_han(surname)}", "zh"),
        (f"{romanise(given, rng)} {typo(romanise(surname, rng), rng)}", "en"),
        (romanise(surname, rng), "en"),
        (cap(surname), "ru"),
        (to_han(surname), "zh"),
    ]
    k = rng.choice((1, 2, 3, 4, 5, 6))
    picked = [forms[0]] + rng.sample(forms[1:], k - 1)
    return picked


def make_profiles(n: int, seed: int = 7) -> tuple[list[EntityProfile], list[int]]:
    """About n single-name profiles and the id of the person each one names."""
    rng = random.Random(seed)
    profiles: list[EntityProfile] = []
    truth: list[int] = []
    entity = 0
    while len(profiles) < n:
        for name, lang in mentions(entity, rng):
            profiles.append(EntityProfile(len(profiles), "Person", [name], lang, frozenset()))
            truth.append(entity)
        entity += 1
    return profiles[:n], truth[:n]


def pair_counts(groups: list[list[int]], truth: list[int]) -> tuple[int, int, int]:
    """Pairs predicted together, pairs truly together, and pairs both (from cluster sizes)."""
    def pairs(c: int) -> int:
        return c * (c - 1) // 2
    predicted = sum(pairs(len(g)) for g in groups)
    actual = sum(pairs(c) for c in Counter(truth).values())
    both = sum(pairs(c) for g in groups for c in Counter(truth[i] for i in g).values())
    return predicted, actual, both


def run_one(n: int) -> dict:
    """Generate, resolve and measure one size (run in a fresh process for a clean peak RSS)."""
    t0 = time.perf_counter()
    profiles, truth = make_profiles(n)
    gen = time.perf_counter() - t0
    warm = resolve_all(profiles[:200])        # load tables and pinyin before timing
    del warm
    stats = ResolveStats()
    t1 = time.perf_counter()
    groups = resolve_all(profiles, stats)
    took = time.perf_counter() - t1
    predicted, actual, both = pair_counts(groups, truth)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"names": n, "generate_s": round(gen, 2), "resolve_s": round(took, 2),
            "us_per_name": round(took / n * 1e6, 1), "peak_rss_mb": round(rss_mb, 1),
            "groups": len(groups), "pairs_scored": stats.pairs, "windowed_blocks": stats.windowed_blocks,
            "merges": stats.merges, "surname_merges": stats.surname_merges,
            "precision": round(both / predicted, 4) if predicted else None,
            "recall": round(both / actual, 4) if actual else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    rows = []
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True,
                             check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{row['names']:>9,} names: resolve {row['resolve_s']:>8.2f} s  {row['us_per_name']:>7.1f} us/name  "
              f"peak RSS {row['peak_rss_mb']:>7.1f} MB  pairs {row['pairs_scored']:>10,}  "
              f"windowed blocks {row['windowed_blocks']:>5}  precision {row['precision']}  recall {row['recall']}",
              flush=True)
    for prev, row in zip(rows, rows[1:]):
        growth = row["names"] / prev["names"]
        print(f"{prev['names']:,} -> {row['names']:,} names (x{growth:g}): time x{row['resolve_s'] / prev['resolve_s']:.2f}, "
              f"time per name x{row['us_per_name'] / prev['us_per_name']:.2f}, "
              f"pairs x{row['pairs_scored'] / max(1, prev['pairs_scored']):.2f}")


if __name__ == "__main__":
    main()
