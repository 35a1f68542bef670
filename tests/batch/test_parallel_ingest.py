"""Four `reelgraph ingest` processes on overlapping folders, at once, into one PostgreSQL store.

The store lets one writer in at a time (an advisory lock) and knows a text by
its hash, so the graph has the counts one process ingesting the same folders
gives: nothing duplicated, nothing lost. (tests/store/test_concurrency.py has
threads of one process on two hand-built extractions; this is separate
processes on real articles, each with its own models and connections.)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reelgraph.store import open_store

REPO = Path(__file__).resolve().parents[2]
# Six of our own English sample articles; each folder shares files with two others.
ARTICLES = sorted((REPO / "samples" / "corpus" / "en").glob("*.txt"))[:6]
FOLDERS = [(0, 1, 2), (1, 2, 3), (3, 4, 5), (4, 5, 0)]


def _ingest(paths: list[Path], db: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "reelgraph", "ingest", *map(str, paths), "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(proc: subprocess.Popen) -> str:
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err
    return out


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_four_processes_on_overlapping_folders_count_as_one(db_url, tmp_path):
    assert len(ARTICLES) == 6
    folders = []
    for i, members in enumerate(FOLDERS):
        folder = tmp_path / f"folder{i}"
        folder.mkdir()
        for m in members:
            shutil.copy(ARTICLES[m], folder / ARTICLES[m].name)
        folders.append(folder)

    one = f"sqlite:///{tmp_path / 'one.db'}"
    _finish(_ingest(folders, one))
    outputs = [_finish(p) for p in [_ingest([folder], db_url) for folder in folders]]

    # Each text is stored once whichever process got there first; the rest find it unchanged.
    stored = sum(int(re.search(r"(\d+) stored", out).group(1)) for out in outputs)
    assert stored == len(ARTICLES)
    with open_store(one) as s1, open_store(db_url) as s4:
        assert s4.stats() == s1.stats()
        assert s1.stats()["documents"] == len(ARTICLES)
