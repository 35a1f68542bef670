"""The Spark job (`batch/spark.py`) on local[2] against the single-machine path.

The comparison is over the JSON Lines export of two stores, by names and
evidence spans, never by database ids: one loaded by the Spark job, one by
`reelgraph ingest` of the same folders.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reelgraph.batch.spark import ENTITY_BITS, document_profiles, load, run_batch
from reelgraph.cli import app
from reelgraph.model import Extraction
from reelgraph.resolve.cluster import resolve_all
from reelgraph.store import open_store

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"

pytestmark = pytest.mark.spark

# The samples in every language, and the shared English dev article.
FOLDERS = [str(REPO / "samples" / "corpus"), str((SHARED / "corpus" / "dev").resolve())]


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory, graph_summary) -> dict[str, Any]:
    """The single-machine path: `reelgraph ingest` of both folders into SQLite."""
    url = f"sqlite:///{tmp_path_factory.mktemp('single') / 'graph.db'}"
    result = CliRunner().invoke(app, ["ingest", *FOLDERS, "--db", url])
    assert result.exit_code == 0, result.stderr
    with open_store(url) as store:
        return graph_summary(store)


@pytest.fixture(scope="module")
def batch(spark: Any, tmp_path_factory: pytest.TempPathFactory, graph_summary) -> dict[str, Any]:
    """The Spark job over the same folders, one run each, loading one SQLite store."""
    root = tmp_path_factory.mktemp("batch")
    url = f"sqlite:///{root / 'graph.db'}"
    outputs, results = [], []
    for i, folder in enumerate(FOLDERS):
        outputs.append(root / f"out{i}")
        results.append(run_batch(folder, str(outputs[-1]), db_url=url, spark=spark))
    with open_store(url) as store:
        summary = graph_summary(store)
    return {"url": url, "outputs": outputs, "results": results, "summary": summary}


def _output_lines(folder: Path) -> list[str]:
    """The JSON Lines output, part files in order (they hold the documents in reading order)."""
    return [line for part in sorted(folder.glob("part-*")) for line in part.read_text(encoding="utf-8").splitlines()]


def test_spark_job_gives_the_graph_of_reelgraph_ingest(batch, single, assert_same_graph):
    assert [r.failed for r in batch["results"]] == [[], []]
    assert sum(r.documents for r in batch["results"]) == sum(single["documents"].values())
    assert sum(r.stored.get("stored", 0) for r in batch["results"]) == sum(single["documents"].values())
    assert len(single["facts"]) > 100           # a real graph, not two empty ones
    assert_same_graph(batch["summary"], single)


def test_output_is_the_contract_json_lines_in_reading_order(batch):
    lines = _output_lines(batch["outputs"][0])
    sources = [json.loads(line)["document"]["source"] for line in lines]
    assert len(lines) == batch["results"][0].documents
    languages = {json.loads(line)["document"]["language"] for line in lines}
    assert languages == {"en", "ru", "zh"}
    # `reelgraph ingest` walks folders depth first with names sorted; so does the job.
    assert sources == sorted(sources, key=lambda s: s.split("/"))
    for line in lines[:5]:
        Extraction.from_json(json.loads(line))       # parses as the contract's shape


def test_loading_the_output_files_gives_the_same_graph(batch, single, db_url, graph_summary, assert_same_graph):
    """The written JSON Lines are complete: loaded on their own (SQLite and PostgreSQL), same graph."""
    lines = [line for out in batch["outputs"] for line in _output_lines(out)]
    counts = load(lines, db_url)
    assert counts == {"stored": len(lines)}
    with open_store(db_url) as store:
        assert_same_graph(graph_summary(store), single)


def test_clusters_are_those_of_resolve_all_over_every_profile(batch):
    """Components found by joins, resolved one per task, give what one `resolve_all` over all gives."""
    out = batch["outputs"][0]
    extractions = [Extraction.from_json(json.loads(line)) for line in _output_lines(out)]
    profiles = [p for n, ex in enumerate(extractions) for p, _ in document_profiles(ex, n)]
    want = sorted(sorted(g) for g in resolve_all(profiles))
    assert batch["results"][0].clusters == len(want)
    assert len(want) < len(profiles)            # something was merged across documents

    names = {(n << ENTITY_BITS) | i: (ex.document.source, e.id)
             for n, ex in enumerate(extractions) for i, e in enumerate(ex.entities)}
    want_multi = sorted(sorted(names[g] for g in group) for group in want if len(group) > 1)
    got = [json.loads(line) for part in sorted((out / "_clusters").glob("part-*"))
           for line in part.read_text(encoding="utf-8").splitlines()]
    got_multi = sorted(sorted((m["source"], m["entity"]) for m in c["members"]) for c in got)
    assert got_multi == want_multi
    assert any(len({source for source, _ in group}) > 1 for group in got_multi)


ARTICLES = {
    "a-premiere.txt": "The comedy \"Paper Boats\", directed by Lena Marchetti, premiered in Vienna on Friday.\n",
    "sub/b-interview.txt": "Director Lena Marchetti says \"Paper Boats\" took three years to make.\n",
    "page.html": ("<html><head><title>Ferry Tales opens</title></head><body><article><h1>Ferry Tales opens</h1>"
                  "<p>The drama \"Ferry Tales\", directed by Jonas Aberg, opened in Oslo cinemas this week. "
                  "The film stars Maja Lund and Ole Brenna, and it was shot over twelve weeks on the coast.</p>"
                  "</article></body></html>\n"),
    "broken.txt": "\x00\x01\x02 not text",
    ".hidden/skipped.txt": "Director Lena Marchetti is not read from a hidden folder.\n",
    "notes.csv": "not a document,1,2\n",
}


def test_parquet_output_reports_a_bad_file_and_loads_the_rest(spark, tmp_path, db_url):
    import pyarrow.parquet as pq

    folder = tmp_path / "in"
    for name, text in ARTICLES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch(str(folder), str(out), fmt="parquet", db_url=db_url, spark=spark)
    assert [(source, "binary data" in problem) for source, problem in result.failed] == [
        (str(folder / "broken.txt"), True)]
    table = pq.read_table(out).to_pylist()
    assert sorted(r["source"] for r in table) == sorted(str(folder / n) for n in ("a-premiere.txt", "page.html",
                                                                                   "sub/b-interview.txt"))
    assert result.documents == 3 and result.stored == {"stored": 3}
    assert set(result.seconds) == {"extract", "write", "resolve", "load"}
    page = next(r for r in table if r["source"].endswith("page.html"))
    assert page["title"] == "Ferry Tales opens" and page["language"] == "en"
    assert json.loads(page["extraction"])["document"]["source"] == page["source"]
    with open_store(db_url) as store:
        assert store.stats()["documents"] == 3


def test_unknown_format_and_missing_input_are_usage_and_input_errors(spark, tmp_path):
    from reelgraph.errors import InputError, UsageError

    with pytest.raises(UsageError, match="parquet"):
        run_batch(str(tmp_path), str(tmp_path / "out"), fmt="csv", spark=spark)
    with pytest.raises(InputError, match="no such file"):
        run_batch(str(tmp_path / "nowhere"), str(tmp_path / "out"), spark=spark)
