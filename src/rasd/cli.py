"""Command line: thin commands over library functions (the library raises, the CLI reports)."""

from __future__ import annotations

import json
import logging
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rasd import __version__
from rasd.config import Config
from rasd.corpus import IngestStats, ingest, process
from rasd.errors import RasdError
from rasd.export.jsonl import document_record
from rasd.sample import sample_files
from rasd.sources.formats import ReadOptions
from rasd.sources.paths import expand_inputs
from rasd.store.database import DEFAULT_DB, Store
from rasd.store.links import LinkStats

app = typer.Typer(help="rasd: a sourced, structured record of armed conflict from Arabic news.",
                  no_args_is_help=True, add_completion=False)
err = Console(stderr=True, soft_wrap=True)
out = Console()

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file of the store.")]
FieldOption = Annotated[list[str] | None, typer.Option(
    "--field", help="Map an input column to a field, e.g. --field text=content (repeatable).")]
FormatOption = Annotated[str | None, typer.Option(
    "--format", help="Force the input format: txt, html, jsonl or csv (default: by file extension).")]
MaxMbOption = Annotated[float, typer.Option("--max-mb", help="Largest article (file, JSON line) read, in MB.")]
WorkersOption = Annotated[int, typer.Option("--workers", "-w", help="Worker processes for cleaning.")]
PathsArg = Annotated[list[str], typer.Argument(help="Files, folders (recursive), globs, or - for stdin.")]


def _config(fields: list[str] | None, fmt: str | None, max_mb: float, workers: int) -> Config:
    mapping = {}
    for item in fields or []:
        key, sep, column = item.partition("=")
        if not sep or not key or not column:
            raise typer.BadParameter(f"expected FIELD=COLUMN, got {item!r}", param_hint="--field")
        mapping[key.strip()] = column.strip()
    if fmt and fmt not in ("txt", "html", "jsonl", "csv"):
        raise typer.BadParameter("must be one of txt, html, jsonl, csv", param_hint="--format")
    read = ReadOptions(max_bytes=int(max_mb * 1_000_000), fields=mapping, fmt=fmt)
    return Config(read=read, workers=max(1, workers))


def _fail(exc: RasdError, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {exc}")
    return typer.Exit(code)


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
         version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    if version:
        out.print(f"rasd {__version__}")
        raise typer.Exit()


def _run_ingest(paths: list[str | Path], db: Path, config: Config, quiet: bool = False) -> IngestStats:
    with Store(db) as store, Progress(
        TextColumn("[bold]ingest"), BarColumn(bar_width=None), TextColumn("{task.fields[articles]} articles"),
        TextColumn("{task.fields[rate]}/s"), TimeElapsedColumn(), console=err, disable=quiet, transient=False,
    ) as progress:
        task = progress.add_task("ingest", total=len(paths), articles=0, rate="-")
        started = time.perf_counter()
        files_done: set[str] = set()

        def on_batch(batch: list, stats: IngestStats) -> None:
            files_done.update(d.path for d in batch)
            rate = stats.articles / max(1e-6, time.perf_counter() - started)
            progress.update(task, completed=len(files_done), articles=stats.articles, rate=f"{rate:,.0f}")

        return ingest(paths, store, config, on_batch)


def _print_ingest(stats: IngestStats, db: Path) -> None:
    parts = ", ".join(f"{n} {status}" for status, n in sorted(stats.by_status.items()))
    err.print(f"{stats.articles} articles read ({parts or 'none'}); {stats.new} new in {db}, "
              f"{stats.articles - stats.new} already stored; {stats.duplicates} near/exact copies linked")


@app.command("ingest")
def ingest_cmd(paths: PathsArg, db: DbOption = Path(DEFAULT_DB), field: FieldOption = None,
               fmt: FormatOption = None, max_mb: MaxMbOption = 20.0, workers: WorkersOption = 1,
               batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 500) -> None:
    """Read, clean and store articles; running it again on the same files adds nothing."""
    config = replace(_config(field, fmt, max_mb, workers), batch_size=max(1, batch_size))
    try:
        inputs = expand_inputs(paths)
        stats = _run_ingest(inputs, db, config)
    except RasdError as exc:
        raise _fail(exc) from exc
    _print_ingest(stats, db)


@app.command("extract")
def extract_cmd(paths: PathsArg, field: FieldOption = None, fmt: FormatOption = None,
                max_mb: MaxMbOption = 20.0, workers: WorkersOption = 1) -> None:
    """Print one JSON object per input article (JSONL) without a database."""
    config = _config(field, fmt, max_mb, workers)
    try:
        inputs = expand_inputs(paths)
        for batch in process(inputs, config):
            for doc in batch:
                sys.stdout.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")
    except RasdError as exc:
        raise _fail(exc) from exc
    except BrokenPipeError:
        sys.stderr.close()


def _table(title: str, headers: tuple[str, ...], rows: list[tuple]) -> Table:
    table = Table(title=title, title_justify="left")
    for i, h in enumerate(headers):
        table.add_column(h, justify="right" if i == len(headers) - 1 else "left", no_wrap=True,
                         overflow="ellipsis")
    for row in rows:
        table.add_row(*(str(v) for v in row))
    return table


@app.command("status")
def status_cmd(db: DbOption = Path(DEFAULT_DB)) -> None:
    """What the store holds: articles by status, source and month."""
    if not db.exists():
        raise _fail(RasdError(f"no database at {db} (run `rasd ingest` first)"))
    try:
        with Store(db, read_only=True) as store:
            counts = store.counts()
    except RasdError as exc:
        raise _fail(exc) from exc
    dups, copies = counts["duplicates"][0]
    out.print(f"[bold]{db}[/]: {sum(n for _, n in counts['status'])} articles, {counts['sentences'][0][0]} "
              f"sentences, {dups} linked as near/exact copies, {copies} input copies seen")
    out.print(_table("By status", ("status", "articles"), counts["status"]))
    if counts["reason"]:
        out.print(_table("Why not ok", ("status", "reason", "articles"), counts["reason"]))
    out.print(_table("By source", ("source", "articles"), counts["source"]))
    out.print(_table("By month published (ok articles)", ("month", "articles"), counts["month"]))


@app.command("search")
def search_cmd(query: Annotated[str, typer.Argument(help="Arabic text to find (spelling-normalised).")],
               db: DbOption = Path(DEFAULT_DB),
               limit: Annotated[int, typer.Option(help="Most sentences shown.")] = 20) -> None:
    """Sentences in the store that contain QUERY, with their article and offsets."""
    if not db.exists():
        raise _fail(RasdError(f"no database at {db} (run `rasd ingest` first)"))
    with Store(db, read_only=True) as store:
        rows = store.search(query, limit)
    if not rows:
        err.print("no sentence matches")
        raise typer.Exit(1)
    for doc_id, title, published, start, end, text in rows:
        out.print(f"[bold]{doc_id}[/] [{start}:{end}] {published or 'undated'} — {title or ''}", highlight=False)
        out.print(f"    {text}", highlight=False)


@app.command("demo")
def demo_cmd(db: DbOption = Path("rasd-demo.duckdb")) -> None:
    """Ingest the built-in sample corpus and show what rasd made of it."""
    files = sample_files()
    config = Config()
    stats = _run_ingest(files, db, config)
    _print_ingest(stats, db)
    with Store(db, read_only=True) as store:
        rows = store.query(
            """SELECT a.source_id, coalesce(a.title, ''), coalesce(a.dateline, ''),
                      coalesce(CAST(a.published AS VARCHAR), ''),
                      (SELECT count(*) FROM sentences s WHERE s.doc_id = a.doc_id),
                      CASE WHEN a.duplicate_of IS NOT NULL THEN 'copy of ' || o.source_id
                           WHEN a.status <> 'ok' THEN a.status || ': ' || a.reason ELSE '' END
               FROM articles a LEFT JOIN articles o ON o.doc_id = a.duplicate_of ORDER BY a.path, a.record""")
    table = Table(title="The sample, as rasd read it", title_justify="left", box=box.SIMPLE_HEAD)
    for header, width in (("article", 14), ("headline", 24), ("dateline", 9), ("published", 10),
                          ("sent.", 5), ("note", 16)):
        table.add_column(header, no_wrap=True, overflow="ellipsis", min_width=min(width, 10), max_width=width)
    for row in rows:
        table.add_row(*(str(v) for v in row))
    out.print(table)
    with Store(db, read_only=True) as store:
        top = store.top_entities(limit=12)
    out.print("Most mentioned: " + "; ".join(f"{name_en or name_ar} ({kind}, {n})"
                                              for kind, _, name_en, name_ar, n, _ in top), highlight=False)
    with Store(db, read_only=True) as store:
        events = store.query(
            """SELECT e.type, coalesce(e.actor_name, '?'), coalesce(e.target_name, ''),
                      coalesce(e.location_name, ''), coalesce(CAST(e.date AS VARCHAR), ''),
                      coalesce(e.speaker_name, ''), record->>'$.evidence.text'
               FROM events e WHERE e.modality = 'asserted' AND e.type IN ('ASSAULT', 'FIGHT', 'SEIZE')
               ORDER BY e.confidence DESC, e.doc_id, e.idx LIMIT 8""")
    table = Table(title="Violent events found (most confident first)", title_justify="left", box=box.SIMPLE_HEAD)
    for header, width in (("type", 8), ("actor", 22), ("target", 14), ("place", 18), ("date", 10),
                          ("according to", 20), ("evidence", 40)):
        table.add_column(header, no_wrap=True, overflow="ellipsis", min_width=min(width, 8), max_width=width)
    for row in events:
        table.add_row(*(str(v) for v in row))
    out.print(table)
    from rasd.link.show import events_table
    from rasd.store.links import link_store, stored_events

    with Store(db) as store:
        _print_link(link_store(store), db)
        contested = stored_events(store, contested=True, limit=8)
    if contested:
        out.print(events_table(contested, "Where the sources disagree"))
        out.print(f"See one side by side: [bold]rasd event {contested[0]['id']} --db {db}[/]")
    out.print(f"Next: [bold]rasd status --db {db}[/], [bold]rasd entities --db {db}[/], "
              f"[bold]duckdb {db} \"SELECT type, count(*) FROM events GROUP BY 1\"[/], "
              f"[bold]rasd search 'غارات' --db {db}[/], or [bold]rasd extract {files[0]}[/]")


@app.command("eval")
def eval_cmd(
        gold: Annotated[Path, typer.Option(help="Gold file in the seed schema (JSONL of event/claim lines).")],
        docs: Annotated[list[str], typer.Option(help="Articles: a folder of .txt, or JSONL of {id, text, published}.")],
        verbose: Annotated[bool, typer.Option("--list", help="List missed gold lines and unmatched events.")] = False,
) -> None:
    """Score extracted events against a gold file (lenient and strict type, event and claim level)."""
    from rasd.evaluate import evaluate
    from rasd.evaluate.score import format_report

    if not gold.exists():
        raise _fail(RasdError(f"no gold file at {gold}"))
    typer.echo(format_report(evaluate(gold, docs), verbose))


events_app = typer.Typer(help="Linked events in the store (`rasd events --contested`), and the event classifier "
                              "(`rasd events build`).")
app.add_typer(events_app, name="events")


@events_app.callback(invoke_without_command=True)
def events_cmd(ctx: typer.Context, db: DbOption = Path(DEFAULT_DB),
               contested: Annotated[bool, typer.Option(help="Only events whose sources contradict each other.")]
               = False,
               limit: Annotated[int, typer.Option(help="How many.")] = 30,
               jsonl: Annotated[bool, typer.Option("--jsonl", help="Print JSON lines instead of a table.")] = False
               ) -> None:
    """Events reported two or more times, contested and best-sourced first."""
    if ctx.invoked_subcommand is not None:
        return
    from rasd.link.show import events_table
    from rasd.store.links import stored_events

    with _linked_store(db) as store:
        events = stored_events(store, contested, limit)
    if jsonl:
        for ev in events:
            sys.stdout.write(json.dumps(ev, ensure_ascii=False) + "\n")
        return
    if not events:
        err.print("no contested events" if contested else "no event has two reports yet")
        return
    out.print(events_table(events, "Contested events" if contested else "Events with several reports"))
    out.print(f"Next: [bold]rasd event {events[0]['id']} --db {db}[/]")


def _linked_store(db: Path) -> Store:
    if not db.exists():
        raise _fail(RasdError(f"no database at {db} (run `rasd run` or `rasd ingest` then `rasd link --db`)"))
    store = Store(db)  # migrates an older store so that it has the linking tables
    return store


@app.command("event")
def event_cmd(event_id: Annotated[str, typer.Argument(help="An event id from `rasd events` or `rasd link`.")],
              db: DbOption = Path(DEFAULT_DB),
              jsonl: Annotated[bool, typer.Option("--jsonl", help="Print the event as JSON.")] = False) -> None:
    """One real-world event: its reports side by side, the values the sources disagree on highlighted."""
    from rasd.link.show import event_view
    from rasd.store.links import stored_event

    with _linked_store(db) as store:
        ev = stored_event(store, event_id)
    if ev is None:
        err.print(f"no event {event_id} in {db}")
        raise typer.Exit(1)
    if jsonl:
        sys.stdout.write(json.dumps(ev, ensure_ascii=False) + "\n")
        return
    out.print(event_view(ev))


def _print_link(stats: LinkStats, db: Path) -> None:
    out.print(f"linked {stats.reports:,} reports from {stats.articles:,} new articles "
              f"(against {stats.known_reports:,} linked before) in {stats.seconds:.1f} s: "
              f"{stats.changed_events:,} events changed; the store has {stats.multi_report_events:,} events with "
              f"two or more reports, {stats.contested_events:,} contested. "
              f"Next: [bold]rasd events --contested --db {db}[/]", highlight=False)


@app.command("link")
def link_cmd(paths: Annotated[list[str] | None, typer.Argument(
                 help="Articles to extract and link without a database (files, folders, globs, -).")] = None,
             db: Annotated[Path | None, typer.Option("--db", help="Link the articles of this store instead.")] = None,
             jsonl: Annotated[bool, typer.Option("--jsonl", help="Print one JSON object per linked event.")] = False,
             field: FieldOption = None, fmt: FormatOption = None, max_mb: MaxMbOption = 20.0,
             workers: Annotated[int, typer.Option("--workers", "-w", help="Processes for extracting and linking.")]
             = 2) -> None:
    """Find the reports that tell one real-world event, how many sources confirm it, and where they disagree.

    With PATHS, articles are extracted and linked in memory; with --db, the store's articles not linked
    before are linked (incrementally) and the result kept in the store."""
    from rasd.link import link_records, linked_events
    from rasd.link.show import events_table
    from rasd.store.links import link_store, stored_events

    if bool(paths) == (db is not None):
        raise _fail(RasdError("give either PATHS to link, or --db to link a store"))
    try:
        if db is not None:
            with _linked_store(db) as store:
                stats = link_store(store, workers)
                events = stored_events(store) if jsonl else []
            if not jsonl:
                _print_link(stats, db)
        else:
            config = _config(field, fmt, max_mb, workers)
            records = (document_record(doc) for batch in process(expand_inputs(paths or []), config) for doc in batch)
            events = list(linked_events(link_records(records, workers)))
    except RasdError as exc:
        raise _fail(exc) from exc
    if jsonl:
        for ev in events:
            sys.stdout.write(json.dumps(ev, ensure_ascii=False) + "\n")
    elif db is None:
        out.print(events_table(events, f"{len(events)} events with several reports"))


@app.command("run")
def run_cmd(paths: PathsArg, db: DbOption = Path(DEFAULT_DB), field: FieldOption = None, fmt: FormatOption = None,
            max_mb: MaxMbOption = 20.0,
            workers: Annotated[int, typer.Option("--workers", "-w", help="Processes for reading and linking.")]
            = 2) -> None:
    """Ingest articles, then link their events with what the store holds (`rasd ingest` + `rasd link --db`)."""
    from rasd.store.links import link_store

    config = _config(field, fmt, max_mb, workers)
    try:
        stats = _run_ingest(expand_inputs(paths), db, config)
        _print_ingest(stats, db)
        with Store(db) as store:
            _print_link(link_store(store, workers), db)
    except RasdError as exc:
        raise _fail(exc) from exc


@events_app.command("build")
def events_build_cmd() -> None:
    """Retrain the shipped event classifier from the labelled sentences in knowledge/data/events/."""
    from rasd.extract.train_events import train

    info = train()
    typer.echo(json.dumps(info, indent=1))


@app.command("entities")
def entities_cmd(db: DbOption = Path(DEFAULT_DB),
                 kind: Annotated[str | None, typer.Option(help="actor, person, place or org.")] = None,
                 limit: Annotated[int, typer.Option(help="How many.")] = 30) -> None:
    """The most mentioned actors, people and places in the store."""
    if not db.exists():
        raise _fail(RasdError(f"no database at {db} (run `rasd ingest` first)"))
    with Store(db, read_only=True) as store:
        rows = store.top_entities(kind, limit)
    table = Table(title="Most mentioned entities", title_justify="left", box=box.SIMPLE_HEAD)
    for header in ("kind", "id", "English", "Arabic", "mentions", "articles"):
        table.add_column(header, no_wrap=True, overflow="ellipsis", max_width=28)
    for row in rows:
        table.add_row(*(str(v) if v is not None else "" for v in row))
    out.print(table)


gazetteer_app = typer.Typer(help="Places: add GeoNames dumps or OCHA administrative tables.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("add")
def gazetteer_add_cmd(
        path: Annotated[Path, typer.Argument(help="GeoNames dump (SY.txt), OCHA admN .tsv or OCHA .geojson.")],
        alternates: Annotated[Path | None, typer.Option(help="GeoNames alternateNamesV2.txt (Arabic names).")] = None,
) -> None:
    """Import places into the user gazetteer (replacing an earlier import of the same file)."""
    from rasd.knowledge.gazetteer import add_gazetteer

    try:
        target, count = add_gazetteer(path, alternates)
    except RasdError as exc:
        raise _fail(exc) from exc
    out.print(f"{count} places from {path.name} saved to {target}")


ner_app = typer.Typer(help="The statistical name finder (CRF).", no_args_is_help=True)
app.add_typer(ner_app, name="ner")


@ner_app.command("train")
def ner_train_cmd(
        conll: Annotated[Path, typer.Option(help="CoNLL file: token and tag per line, blank line between sentences.")],
        model: Annotated[Path, typer.Option(help="Where to write the model.")] = Path("ner.crfsuite"),
        held_out: Annotated[float, typer.Option(help="Share of sentences kept out of training to score on.")] = 0.1,
) -> None:
    """Train a CRF name finder on any CoNLL file and report precision/recall/F1 on a held-out part."""
    from rasd.extract.ner import Tagger, builtin_gazetteers, evaluate, read_conll, split, train

    if not conll.exists():
        raise _fail(RasdError(f"no such file: {conll}"))
    sentences = list(read_conll(conll))
    gaz = builtin_gazetteers()
    train_part, test_part = split(sentences, held_out) if held_out > 0 else (sentences, [])
    train(train_part, model, gaz)
    out.print(f"trained on {len(train_part)} sentences → {model}")
    if test_part:
        scores = evaluate(Tagger(model, gaz), test_part)
        rows = [(k, f"{v.precision:.3f}", f"{v.recall:.3f}", f"{v.f1:.3f}", v.gold) for k, v in scores.items()]
        out.print(_table(f"Held-out ({len(test_part)} sentences)", ("type", "precision", "recall", "F1", "gold"), rows))


@ner_app.command("build")
def ner_build_cmd() -> None:
    """Rebuild the shipped model from rasd's own sentences (knowledge/data/ner); run after editing them."""
    from rasd.extract.ner import MODEL_PATH, build_builtin_model

    info = build_builtin_model()
    out.print(f"{MODEL_PATH}: {info['sentences']} sentences, held-out F1 {info['held_out_f1']}")
