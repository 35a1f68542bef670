"""English extraction throughput beside bare spaCy nlp.pipe on the same texts, in one run.

    .venv/bin/python bench/throughput.py [--docs 500]

Texts: ../shared/corpus/dev, the English multilingual-dev article,
../shared/data/redocred-film/corpus and samples/corpus/en/*.txt (when
present), repeated up to --docs documents. Both sides warm up first.
Prints docs/s and words/s for each and the ratio; asserts nothing. The
ratio of CPU times is printed too: it moves less than wall-clock time when
other processes share the machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from reelgraph.extract import en
from reelgraph.model import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
SOURCES = [SHARED / "corpus" / "dev", SHARED / "corpus" / "multilingual-dev",
           SHARED / "data" / "redocred-film" / "corpus", REPO / "samples" / "corpus" / "en"]


def texts() -> list[tuple[str, str]]:
    """(source, text) of every English text the benchmark uses."""
    out = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            if folder.name == "multilingual-dev" and not path.name.startswith("en-"):
                continue
            text = path.read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n")
            out.append((str(path), text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500, help="documents per timed run (texts repeated)")
    args = ap.parse_args()
    base = texts()
    docs = [Document(source=s, text=t, language="en") for s, t in (base * (args.docs // len(base) + 1))[:args.docs]]
    words = sum(len(d.text.split()) for d in docs)
    nlp = en.nlp()
    # Warm up both: model caches, compiled patterns, gazetteers.
    list(nlp.pipe(d.text for d in docs[:20]))
    list(en.extract_many(docs[:20]))

    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe((d.text for d in docs), batch_size=en.BATCH_SIZE):
        pass
    bare, bare_cpu = time.perf_counter() - start, time.process_time() - cpu

    start, cpu = time.perf_counter(), time.process_time()
    facts = sum(len(x.facts) for x in en.extract_many(docs))
    ours, ours_cpu = time.perf_counter() - start, time.process_time() - cpu

    print(f"documents: {len(docs)} ({len(base)} distinct texts), words: {words}, facts: {facts}")
    print(f"bare spaCy nlp.pipe ({', '.join(nlp.pipe_names)}): {len(docs) / bare:8.1f} docs/s {words / bare:10.0f} words/s")
    print(f"reelgraph extract_many:            {len(docs) / ours:8.1f} docs/s {words / ours:10.0f} words/s")
    print(f"ratio extraction / bare spaCy: {bare / ours:.2f}")
    print(f"ratio of CPU times:            {bare_cpu / ours_cpu:.2f}")


if __name__ == "__main__":
    main()
