"""Bad input, through the command line: one line per bad file, good files still go in."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reelgraph.cli import app
from reelgraph.read import MAX_BYTES

REPO = Path(__file__).resolve().parents[1]

GOOD_EN = ("Harbor Lights premieres in Lisbon\n\nThe drama \"Harbor Lights\", directed by Marta Quinlan, "
           "premiered on Friday at the Tivoli cinema in Lisbon. The film stars Daniel Ostrow.\n")
GOOD_RU = ("«Тихая гавань» выходит в прокат\n\n12 марта в прокат выходит драма «Тихая гавань» режиссёра "
           "Анны Веретенниковой. Главные роли исполнили Павел Сорокин и Ирина Лебедева.\n")


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def batch(tmp_path) -> tuple[Path, dict[str, str]]:
    """A folder of two good files and every kind of bad one, with the problem each must report."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text(GOOD_EN, encoding="utf-8")
    (folder / "b-cp1251.txt").write_bytes(GOOD_RU.encode("cp1251"))            # decodes: a good file
    (folder / "c-empty.txt").write_bytes(b"")
    (folder / "d-binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4)
    (folder / "e-undecodable.txt").write_bytes(b"The film opened \x81\x8d\x8f\x90\x9d here \x81\x81\x90\x90.")
    (folder / "f-nav.html").write_text("<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>")
    with open(folder / "g-huge.txt", "wb") as fh:     # sparse, made in no time
        fh.truncate(MAX_BYTES + 1024)
    (folder / "h-notes.pdf").write_bytes(b"%PDF-1.4")                           # not ours: skipped
    problems = {
        "c-empty.txt": "empty file",
        "d-binary.txt": "binary data, not text (NUL byte at 7)",
        "e-undecodable.txt": "not UTF-8 at byte 16 and no other encoding fits",
        "f-nav.html": "HTML page has no article body",
        "g-huge.txt": "file is 20.0 MB, over the 20 MB limit",
        "missing.txt": "no such file or directory",
    }
    return folder, problems


def _error_lines(stderr: str) -> dict[str, str]:
    lines = stderr.splitlines()
    assert all(line.startswith("reelgraph: error: ") for line in lines), stderr
    out = {}
    for line in lines:
        path, problem = line[len("reelgraph: error: "):].split(": ", 1)
        out[Path(path).name] = problem
    return out


def test_ingest_stores_the_good_files_and_reports_each_bad_one(batch, tmp_path):
    folder, problems = batch
    url = f"sqlite:///{tmp_path / 'g.db'}"
    result = run("ingest", str(folder), str(folder / "missing.txt"), "--db", url)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert _error_lines(result.stderr) == problems
    assert result.stdout.strip() == "ingested 2 documents: 2 stored, 0 unchanged, 0 replaced, 6 failed"

    # Nothing of the bad files is in the store: it is exactly what the good files alone give.
    alone = tmp_path / "alone"
    alone.mkdir()
    for name in ("a-good.txt", "b-cp1251.txt"):
        (alone / name).write_bytes((folder / name).read_bytes())
    url_alone = f"sqlite:///{tmp_path / 'alone.db'}"
    assert run("ingest", str(alone), "--db", url_alone).exit_code == 0
    stats = json.loads(run("stats", "--db", url, "--format", "json").stdout)
    assert stats == json.loads(run("stats", "--db", url_alone, "--format", "json").stdout)
    assert stats["documents"] == 2


def test_extract_prints_the_good_files_and_reports_each_bad_one(batch):
    folder, problems = batch
    result = run("extract", str(folder / "missing.txt"), str(folder))
    assert result.exit_code == 1
    assert _error_lines(result.stderr) == problems
    sources = [Path(json.loads(line)["document"]["source"]).name for line in result.stdout.splitlines()]
    assert sources == ["a-good.txt", "b-cp1251.txt"]
    cp1251 = json.loads(result.stdout.splitlines()[1])["document"]
    assert cp1251["text"] == GOOD_RU and cp1251["language"] == "ru"


@pytest.mark.parametrize("name", ["c-empty.txt", "d-binary.txt", "e-undecodable.txt", "f-nav.html", "g-huge.txt"])
def test_each_bad_file_alone(batch, name):
    folder, problems = batch
    result = run("extract", str(folder / name))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"reelgraph: error: {folder / name}: {problems[name]}\n"


def test_missing_path_alone():
    result = run("ingest", "no/such/file.txt", "--db", "sqlite://")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "reelgraph: error: no/such/file.txt: no such file or directory"


@pytest.mark.parametrize("args", [
    ["extract", "x.txt", "--lang", "fr"],
    ["extract", "x.txt", "--format", "xml"],
    ["export", "--format", "csv", "--db", "sqlite://"],
    ["no-such-command"],
    ["stats", "--db", "not a url"],
    ["extract"],
])
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr and result.stderr.strip()


def test_bad_input_through_the_real_entry_point(batch, tmp_path):
    exe = REPO / ".venv" / "bin" / "reelgraph"
    if not exe.exists():
        pytest.skip("no installed entry point in .venv")
    folder, problems = batch
    env = {**os.environ, "REELGRAPH_DB": f"sqlite:///{tmp_path / 'sub.db'}"}
    done = subprocess.run([str(exe), "ingest", str(folder / "c-empty.txt"), str(folder / "a-good.txt")],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert done.stderr == f"reelgraph: error: {folder / 'c-empty.txt'}: empty file\n"
    assert "1 stored" in done.stdout
