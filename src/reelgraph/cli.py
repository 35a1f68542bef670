"""The `reelgraph` command line: parse arguments, call the library, print.

Every command is thin: the work is done by `read`, `extract`, `store`,
`query`, `export`, `evaluate`, `resolve`, `serve` and `batch`, which the
HTTP API and the Spark job call too. Those modules are imported inside each
command, so `--help` is quick and one missing piece does not break the rest.

Errors are rendered in one place (`render_error`): one line on standard
error, `reelgraph: error: PATH: problem`, never a traceback. Exit status is
2 for usage errors and 1 when something failed (for a batch: after the
files that could be read went in).
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal, Optional

import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperGroup

from reelgraph.errors import InputError, NotFoundError, ReelgraphError, StoreError, UsageError

if TYPE_CHECKING:
    from reelgraph.model import Document, Extraction

log = logging.getLogger("reelgraph.cli")

DEFAULT_DB = "sqlite:///reelgraph.db"
Lang = Optional[Literal["en", "ru", "zh"]]
TableOrJson = Literal["table", "json"]

_out = Console(soft_wrap=False)
_err = Console(stderr=True)


def render_error(err: BaseException | str, path: str | None = None) -> None:
    """The one place errors reach the user: a single line on standard error.

    `err` is an exception, or the message of one reported by another process (Spark).
    """
    if isinstance(err, (ReelgraphError, str)):
        message = str(err)
    else:   # a bug, not bad input: say what and where, keep the traceback for --debug
        log.debug("unexpected error", exc_info=err)
        message = f"internal error: {type(err).__name__}: {err}"
        if path:
            message = f"{path}: {message}"
    # Through rich, so that while a progress bar is live the line lands above it.
    _err.print(f"reelgraph: error: {' '.join(message.split())}", markup=False, highlight=False, emoji=False,
               soft_wrap=True)


class _Group(TyperGroup):
    """Turns an error from any command into one line and its exit status.

    A ReelgraphError is the user's to fix and exits with its own status; any
    other exception is a bug, reported the same way (traceback with --debug).
    """

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReelgraphError as err:
            render_error(err)
            ctx.exit(err.exit_code)
        except BrokenPipeError:
            # The reader went away (`reelgraph export ... | head`): stop quietly, as other tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(1)
        except Exception as err:  # noqa: BLE001 - the one place every error is rendered
            if type(err).__module__.startswith(("typer", "click")):
                raise               # exits, aborts and usage errors: the framework renders those
            render_error(err)
            ctx.exit(1)


app = typer.Typer(cls=_Group, name="reelgraph", no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False, rich_markup_mode=None)

def _check_db_url(value: str | None) -> str | None:
    """A --db that is no SQLAlchemy URL is a usage error, caught before anything runs."""
    if value is None:
        return None
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(value)
    except ArgumentError:
        raise typer.BadParameter(f"{value!r} is not a database URL (e.g. sqlite:///reelgraph.db)") from None
    return value


DbOption = typer.Option(DEFAULT_DB, "--db", envvar="REELGRAPH_DB", callback=_check_db_url,
                        help="SQLAlchemy URL of the store ($REELGRAPH_DB).")
LangOption = typer.Option(None, "--lang", help="Language of every input (default: detect per document).")


@app.callback()
def _main(debug: bool = typer.Option(False, "--debug", help="Log details (and tracebacks of bugs) to stderr.")) -> None:
    """Film news (English, Russian, Chinese) into a knowledge graph with evidence for every fact.

    Example: reelgraph ingest articles/ && reelgraph show "Harbor Lights"
    """
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, stream=sys.stderr,
                        format="reelgraph: %(levelname)s: %(name)s: %(message)s")


# ---------------------------------------------------------------- reading input

def _documents(paths: Iterable[str], lang: str | None, failures: list[str]) -> Iterator["Document"]:
    """Read every file the arguments name; a file that fails is reported and skipped."""
    from reelgraph.read import iter_paths, read_path

    for arg in paths:
        try:
            for path in iter_paths([arg]):
                try:
                    yield read_path(path, lang=lang)
                except InputError as err:
                    render_error(err)
                    failures.append(path)
        except InputError as err:      # a missing argument, an unreadable folder
            render_error(err)
            failures.append(arg)


def _per_document(paths: Iterable[str], lang: str | None, failures: list[str], label: str,
                  results_on_stdout: bool = False) -> Iterator[tuple["Document", "Extraction"]]:
    """Read and extract each document, with a progress bar on a terminal.

    No bar when results stream to the same terminal: they would tangle with it.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from reelgraph.extract import extract

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} done"),
               TimeElapsedColumn())
    # stdout stays untouched (it carries the results); only stderr is shared with the bar.
    show = sys.stderr.isatty() and not (results_on_stdout and sys.stdout.isatty())
    with Progress(*columns, console=_err, transient=True, disable=not show, redirect_stdout=False) as bar:
        task = bar.add_task(label, total=None)
        for doc in _documents(paths, lang, failures):
            bar.update(task, description=f"{label} {os.path.basename(doc.source)}")
            try:
                yield doc, extract(doc)
            except (InputError, StoreError) as err:
                render_error(err)
                failures.append(doc.source)
            except ReelgraphError:
                raise              # a missing model or a bad pattern file: every document would fail
            except Exception as err:   # noqa: BLE001 - one broken document must not stop a batch
                render_error(err, doc.source)
                failures.append(doc.source)
            bar.advance(task)


def _exit_if_failed(failures: list[str]) -> None:
    if failures:
        raise typer.Exit(1)


# ---------------------------------------------------------------- extract / ingest

@app.command()
def extract(paths: list[str] = typer.Argument(..., metavar="PATH", help="Files, folders, or - for standard input."),
            fmt: Literal["json", "table"] = typer.Option("json", "--format", help="JSON Lines or a table of facts."),
            lang: Lang = LangOption) -> None:
    """Extract entities and facts, one JSON object per document on stdout.

    Example: reelgraph extract article.txt news/ --format json > out.jsonl
    """
    failures: list[str] = []
    for doc, extraction in _per_document(paths, lang, failures, "extracting", results_on_stdout=True):
        if fmt == "json":
            typer.echo(json.dumps(extraction.to_json(), ensure_ascii=False))
        else:
            _out.print(_extraction_table(extraction))
    _exit_if_failed(failures)


@app.command()
def ingest(paths: list[str] = typer.Argument(..., metavar="PATH", help="Files, folders, or - for standard input."),
           db: str = DbOption, lang: Lang = LangOption) -> None:
    """Extract documents and store them in the graph, one transaction each.

    Example: reelgraph ingest news/ --db sqlite:///films.db
    """
    from reelgraph.store import open_store

    failures: list[str] = []
    counts: Counter[str] = Counter()
    with open_store(db) as store:
        for doc, extraction in _per_document(paths, lang, failures, "ingesting"):
            try:
                result = store.ingest(extraction)
            except StoreError as err:      # that document's transaction was rolled back
                render_error(InputError(doc.source, str(err)))
                failures.append(doc.source)
                continue
            counts[result.status] += 1
    done = sum(counts.values())
    typer.echo(f"ingested {done} document{'' if done == 1 else 's'}: {counts['stored']} stored, "
               f"{counts['unchanged']} unchanged, {counts['replaced']} replaced, {len(failures)} failed")
    _exit_if_failed(failures)


def _extraction_table(extraction: "Extraction") -> Table:
    names = {e.id: e.name for e in extraction.entities}
    doc = extraction.document
    table = Table(title=f"{doc.source} ({doc.language}): {doc.title or ''}", title_justify="left")
    for column in ("subject", "predicate", "object", "qualifiers", "conf.", "evidence"):
        table.add_column(column, overflow="fold")

    def term(t: Any) -> str:
        if t.entity is not None:
            return names.get(t.entity, t.entity)
        return f"{t.value} {t.unit}" if t.unit else str(t.value)

    for fact in extraction.facts:
        quals = "; ".join(f"{k}={term(v)}" for k, v in fact.qualifiers.items())
        evidence = fact.evidence[0].text if fact.evidence else ""
        table.add_row(names.get(fact.subject, fact.subject), f"{fact.predicate} {fact.label}",
                      term(fact.object), quals, f"{fact.confidence:.2f}", evidence)
    return table


# ---------------------------------------------------------------- reading the graph

@app.command()
def stats(db: str = DbOption, fmt: TableOrJson = typer.Option("table", "--format")) -> None:
    """Count what the graph holds: documents, entities, facts, mentions...

    Example: reelgraph stats --format json
    """
    from reelgraph.store import open_store

    with open_store(db) as store:
        counts = store.stats()
    if fmt == "json":
        typer.echo(json.dumps(counts, ensure_ascii=False, default=str))
        return
    table = Table("what", "count")
    for key, value in counts.items():
        table.add_row(str(key), str(value))
    _out.print(table)


@app.command()
def show(name: str = typer.Argument(..., help="A name or alias of the entity, or its numeric id."),
         db: str = DbOption, fmt: TableOrJson = typer.Option("table", "--format")) -> None:
    """Show an entity's card: type, names, facts in and out with their evidence.

    Example: reelgraph show "Harbor Lights"
    """
    from reelgraph import query
    from reelgraph.store import open_store

    with open_store(db) as store:
        if name.isdigit():
            cards = [query.entity_card(store, int(name))]
        else:
            found = query.find_entities(store, name)
            if not found:
                raise NotFoundError(f"no entity named {name!r}")
            cards = [query.entity_card(store, e["id"]) for e in found]
    if fmt == "json":
        for card in cards:
            typer.echo(json.dumps(card, ensure_ascii=False, default=str))
        return
    for card in cards:
        _print_card(card)


def _entity_label(ref: Any) -> str:
    """`Name (Type #id)` for an entity dict, or the literal of a term."""
    if not isinstance(ref, dict):
        return str(ref)
    if "entity" in ref and isinstance(ref["entity"], dict):
        return _entity_label(ref["entity"])
    if "value" in ref:
        return f"{ref['value']} {ref['unit']}" if ref.get("unit") else str(ref["value"])
    return f"{ref.get('name', '?')} ({ref.get('type', '?')} #{ref.get('id', '?')})"


def _print_facts(facts: Iterable[dict[str, Any]], heading: str | None = None) -> None:
    """Facts in the query shape, one block each: the statement, then every evidence
    sentence with its source. Blocks read at any terminal width; a wide table does not."""
    if heading:
        _out.print(heading, style="bold", markup=False, highlight=False)
    for fact in facts:
        quals = "".join(f"; {k} {_entity_label(v[0] if isinstance(v, list) else v)}"
                        for k, v in (fact.get("qualifiers") or {}).items())
        conf = fact.get("confidence")
        conf_text = f" {conf:.2f}" if isinstance(conf, (int, float)) else ""
        _out.print(f"#{fact.get('id', '')} {_entity_label(fact.get('subject'))} "
                   f"-[{fact.get('predicate', '')} {fact.get('label', '')}]-> {_entity_label(fact.get('object'))}"
                   f"{quals}  ({fact.get('status', '')}{conf_text})", markup=False, highlight=False)
        for ev in fact.get("evidence") or []:
            _out.print(f"    \u201c{ev.get('text', '')}\u201d  ({ev.get('source', '')} {ev.get('start', '')}-"
                       f"{ev.get('end', '')})", markup=False, highlight=False)


def _print_card(card: dict[str, Any]) -> None:
    """An entity card: names by language, facts out and in, the documents mentioning it."""
    _out.rule(_entity_label(card))
    for lang, those in (card.get("names") or {}).items():
        names = [those.get("canonical")] + list(those.get("aliases") or []) if isinstance(those, dict) else those
        _out.print(f"names ({lang}): " + ", ".join(str(n) for n in names if n), markup=False, highlight=False)
    for key, heading in (("facts_out", "facts about it"), ("facts_in", "facts pointing to it")):
        if card.get(key):
            _print_facts(card[key], heading)
    for doc in card.get("documents") or []:
        _out.print(f"mentioned in {doc.get('source')} ({doc.get('mentions', '?')} mentions): {doc.get('title') or ''}",
                   markup=False, highlight=False)


@app.command()
def facts(subject: Optional[str] = typer.Option(None, "--subject", help="Subject name or id."),
          predicate: Optional[str] = typer.Option(None, "--predicate", help="Property id, e.g. P161."),
          object: Optional[str] = typer.Option(None, "--object", help="Object name or id."),
          db: str = DbOption, fmt: TableOrJson = typer.Option("table", "--format"),
          limit: int = typer.Option(100, "--limit", min=1)) -> None:
    """List facts, filtered by subject, predicate and object.

    Example: reelgraph facts --predicate P161 --subject "Harbor Lights"
    """
    from reelgraph import query
    from reelgraph.store import open_store

    with open_store(db) as store:
        rows = query.list_facts(store, subject=_id_or_name(subject), predicate=predicate,
                                object=_id_or_name(object), limit=limit)
    if fmt == "json":
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
    else:
        _print_facts(rows)


def _id_or_name(value: str | None) -> int | str | None:
    return int(value) if value is not None and value.isdigit() else value


@app.command()
def search(text: str = typer.Argument(..., help="Words to look for, any case, accents optional."),
           db: str = DbOption, fmt: TableOrJson = typer.Option("table", "--format"),
           limit: int = typer.Option(20, "--limit", min=1)) -> None:
    """Search entity names and documents.

    Example: reelgraph search "quinlan"
    """
    from reelgraph import query
    from reelgraph.store import open_store

    with open_store(db) as store:
        found = query.search(store, text, limit=limit)
    if fmt == "json":
        typer.echo(json.dumps(found, ensure_ascii=False, default=str))
        return
    entities = Table("id", "type", "name", title="entities", title_justify="left")
    for e in found.get("entities", []):
        entities.add_row(str(e.get("id", "")), str(e.get("type", "")), str(e.get("name", "")))
    documents = Table("id", "source", "title", title="documents", title_justify="left")
    for d in found.get("documents", []):
        documents.add_row(str(d.get("id", "")), str(d.get("source", "")), str(d.get("title") or ""))
    _out.print(entities)
    if documents.row_count:
        _out.print(documents)


# ---------------------------------------------------------------- export / evaluate

@app.command()
def export(fmt: Literal["jsonl", "csv", "jsonld", "ttl"] = typer.Option(..., "--format"),
           output: Optional[str] = typer.Option(None, "-o", "--output", help="File (folder for csv); default stdout."),
           db: str = DbOption) -> None:
    """Write the whole graph as JSON Lines, CSV nodes/edges, JSON-LD or Turtle.

    Example: reelgraph export --format ttl -o graph.ttl
    """
    if fmt == "csv" and not output:
        raise UsageError("export --format csv writes a folder of files: give it with -o DIR")
    from reelgraph.export import EXPORTERS
    from reelgraph.store import open_store

    with open_store(db) as store:
        if fmt == "csv":
            EXPORTERS[fmt](store, output)    # type: ignore[arg-type]
        elif output:
            with open(output, "w", encoding="utf-8", newline="\n") as fh:
                EXPORTERS[fmt](store, fh)
        else:
            EXPORTERS[fmt](store, sys.stdout)
            sys.stdout.flush()


@app.command()
def evaluate(gold: str = typer.Option(..., "--gold", help="Folder of gold annotations (*.json)."),
             paths: list[str] = typer.Argument(..., help="Documents to extract, or .jsonl extraction output."),
             verbose: bool = typer.Option(False, "-v", "--verbose", help="Show every missed and extra fact."),
             lang: Lang = LangOption) -> None:
    """Score extraction against gold annotations: precision, recall, F1.

    Example: reelgraph evaluate --gold ../shared/gold/dev ../shared/corpus/dev
    """
    from reelgraph.evaluate import evaluate as run_evaluate
    from reelgraph.model import Extraction

    if not os.path.isdir(gold):
        raise UsageError(f"--gold {gold}: not a folder")
    failures: list[str] = []
    extractions: list[Extraction] = []
    documents = [p for p in paths if not p.endswith(".jsonl")]
    for path in (p for p in paths if p.endswith(".jsonl")):
        extractions.extend(_load_jsonl(path))
    extractions.extend(x for _, x in _per_document(documents, lang, failures, "extracting"))
    report = run_evaluate(gold, extractions)
    typer.echo(report.render(verbose))
    _exit_if_failed(failures)


@app.command("train-relations")
def train_relations(split: Optional[str] = typer.Option(None, "--split", help="Split file naming the training documents "
                                                        "(default: the shipped data/models/en_relations_split.toml)."),
                    out: Optional[str] = typer.Option(None, "--out", help="Model JSON to write "
                                                      "(default: the shipped data/models/en_relations.json).")) -> None:
    """Train the English learned relation backstop on a split's training documents (needs scikit-learn).

    Example: reelgraph train-relations --split src/reelgraph/data/models/en_relations_split.toml --out model.json
    """
    try:
        from reelgraph.learn import relations
        from reelgraph.extract import learned
        import sklearn  # noqa: F401 - a training-only dependency: say so before any work
    except ImportError as err:
        raise UsageError(f"train-relations needs scikit-learn (pip install -e '.[train]'): {err}") from err
    split = split or str(relations.SPLIT_FILE)
    out = out or str(learned.MODEL_FILE)
    model = relations.train(split, out)
    info = model["trained_on"]
    on = ", ".join(f"{p}>={m['threshold']:.2f}" for p, m in model["predicates"].items() if m["threshold"] <= 1.0) or "none"
    typer.echo(f"train-relations: {info['documents']} documents, {info['candidates']} labelled candidates; "
               f"on: {on}; training F1 rules {info['training_f1']['rules']:.3f} -> "
               f"with model {info['training_f1']['rules_and_model']:.3f}; wrote {out}")


def _load_jsonl(path: str) -> Iterator["Extraction"]:
    from reelgraph.model import Extraction

    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        yield Extraction.from_json(json.loads(line))
                    except (ValueError, KeyError, TypeError) as err:
                        raise InputError(path, f"line {n} is not an extraction: {err}") from err
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from err


# ---------------------------------------------------------------- curation

def _entity_id(store: Any, ref: str) -> int:
    """An entity given by numeric id or by a name that only one entity has."""
    from reelgraph import query

    if ref.isdigit():
        return int(ref)
    found = query.find_entities(store, ref)
    if not found:
        raise NotFoundError(f"no entity named {ref!r}")
    if len(found) > 1:
        listed = ", ".join(_entity_label(e) for e in found)
        raise UsageError(f"{ref!r} names {len(found)} entities: {listed}; give the id instead")
    return int(found[0]["id"])


ActorOption = typer.Option(None, "--actor", help="Who made the change, for the audit log (default: cli:$USER).")


def _actor(actor: str | None) -> str:
    if actor:
        return actor
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):   # no user name in a bare container
        return "cli"


@app.command()
def why(name1: str, name2: str, db: str = DbOption) -> None:
    """Explain whether two names are one entity, and why.

    Example: reelgraph why "Marta Quinlan" "Марта Куинлан"
    """
    from reelgraph.resolve import explain
    from reelgraph.store import open_store

    with open_store(db) as store:
        reasons = explain(store, name1, name2)
    typer.echo(json.dumps(reasons, ensure_ascii=False, indent=2, default=str))


@app.command()
def merge(keep: str = typer.Argument(..., help="Entity to keep: name or id."),
          other: str = typer.Argument(..., help="Entity merged into it: name or id."),
          db: str = DbOption, actor: Optional[str] = ActorOption) -> None:
    """Merge entity OTHER into entity KEEP (recorded in the audit log, undoable).

    Example: reelgraph merge "Marta Quinlan" 42
    """
    from reelgraph.store import open_store

    with open_store(db) as store:
        keep_id, other_id = _entity_id(store, keep), _entity_id(store, other)
        if keep_id == other_id:
            raise UsageError(f"{keep!r} and {other!r} are the same entity #{keep_id}")
        audit_id = store.merge_entities(keep_id, other_id, _actor(actor))
    typer.echo(f"merged entity #{other_id} into #{keep_id} (audit entry {audit_id})")


@app.command()
def split(entity: str = typer.Argument(..., help="Entity to split: name or id."),
          names: list[str] = typer.Argument(..., help="Names that move to a new entity."),
          db: str = DbOption, actor: Optional[str] = ActorOption) -> None:
    """Move some names (and their mentions and facts) of an entity to a new one.

    Example: reelgraph split 42 "Harbor Lights (2024)"
    """
    from reelgraph.store import open_store

    with open_store(db) as store:
        entity_id = _entity_id(store, entity)
        new_id = store.split_entity(entity_id, list(names), _actor(actor))
    typer.echo(f"moved {', '.join(map(repr, names))} from entity #{entity_id} to new entity #{new_id}")


# ---------------------------------------------------------------- serve / batch

@app.command()
def serve(db: str = DbOption, host: str = typer.Option("127.0.0.1", "--host"),
          port: int = typer.Option(8000, "--port", min=1, max=65535)) -> None:
    """Serve the HTTP API and the web UI over the store.

    Example: reelgraph serve --db sqlite:///films.db --port 8000
    """
    import uvicorn

    from reelgraph.serve.api import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")


@app.command()
def batch(input: str = typer.Argument(..., help="File or folder of documents."),
          output: str = typer.Argument(..., help="Folder the extractions are written to."),
          engine: Literal["spark"] = typer.Option("spark", "--engine"),
          master: str = typer.Option("local[2]", "--master", help="Spark master URL."),
          fmt: Literal["jsonl", "parquet"] = typer.Option("jsonl", "--format"),
          db: Optional[str] = typer.Option(None, "--db", envvar="REELGRAPH_DB", callback=_check_db_url,
                                           help="Also load the result into this store."),
          lang: Lang = LangOption) -> None:
    """Extract and resolve a large collection on Spark, then load it.

    Example: reelgraph batch --engine spark news/ out/ --master local[2] --format parquet
    """
    from reelgraph.batch.spark import run_batch

    result = run_batch(input, output, master=master, fmt=fmt, db_url=db, lang=lang)
    for source, problem in result.failed:     # the job's problems may already name their file
        render_error(problem if problem.startswith(f"{source}: ") else f"{source}: {problem}")
    stored = ", ".join(f"{n} {status}" for status, n in sorted(result.stored.items())) or "nothing stored"
    typer.echo(f"batch: {result.documents} documents, {result.clusters} clusters, {stored}, "
               f"{len(result.failed)} failed")
    _exit_if_failed([s for s, _ in result.failed])
