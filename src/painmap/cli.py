"""The command line: parse, call the core, hand the result to a renderer, map errors to exit codes."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from painmap.errors import PainmapError, UsageError


class _Group(TyperGroup):
    """The one error boundary: every failure becomes one stderr line and an exit code."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        _guard_streams(kwargs.get("args") or (args[0] if args else None))
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except PainmapError as exc:
            _fail(str(exc), exc.exit_code)
        except typer.TyperException as exc:  # the parser's usage errors
            if type(exc).__name__ == "NoArgsIsHelpError":
                print(exc.format_message())
                sys.exit(0)
            command = _command_in(kwargs.get("args") or (args[0] if args else None))
            _fail(f"{exc.format_message()} (see 'painmap {command}--help')", getattr(exc, "exit_code", 2))
        except typer.Abort:
            _fail("aborted", 1)
        except _Stopped as stop:
            _stop(stop.cause)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        # Typer turns a broken pipe into exit 1 and Ctrl-C into a silent 130 before main() sees
        # them; catch them here (and output errors, flushed while we can still report them).
        try:
            result = super().invoke(ctx)
            if sys.stdout is not None:
                sys.stdout.flush()
            return result
        except (OSError, KeyboardInterrupt) as exc:
            raise _Stopped(exc) from None


class _Stopped(Exception):  # not an error of ours: carries one out of Typer
    def __init__(self, cause: BaseException) -> None:
        self.cause = cause


#: exit codes (documented in the README)
EXIT_OUTPUT = 3  # the answer could not be written (disk full, stdout closed) or a batch was cut short
EXIT_BROKEN_PIPE = 141  # as shells report a tool killed by SIGPIPE: the reader stopped early
EXIT_INTERRUPTED = 130


def _stop(cause: BaseException) -> None:
    if isinstance(cause, KeyboardInterrupt):
        with contextlib.suppress(Exception):
            sys.stdout.flush()  # whole lines only: the batch writer flushes after each line it ends
        _discard_stdout()
        _fail("interrupted", EXIT_INTERRUPTED)
    _discard_stdout()
    if isinstance(cause, BrokenPipeError):
        sys.exit(EXIT_BROKEN_PIPE)  # quietly: the reader (head, less...) had enough
    assert isinstance(cause, OSError)
    _fail(f"cannot write the output: {cause.strerror or cause}", EXIT_OUTPUT)


def _discard_stdout() -> None:
    # Point stdout at /dev/null so the flush at exit cannot fail a second time (Python docs, "Note
    # on SIGPIPE").
    with contextlib.suppress(OSError, AttributeError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _guard_streams(args: Any) -> None:
    """Closed standard streams and arguments that are not UTF-8: one line, never a traceback."""
    if sys.stderr is None:  # closed: errors must never fall back to stdout
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
    argv = list(args) if args is not None else sys.argv[1:]
    for number, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as lone surrogates
            _fail(f"argument {number} is not valid UTF-8 text", 2)
    if sys.stdout is None:
        _fail("standard output is closed; painmap writes its answers there", EXIT_OUTPUT)


def _command_in(args: Any) -> str:
    argv = list(args) if args is not None else sys.argv[1:]
    first = next((a for a in argv if not a.startswith("-")), None)
    return f"{first} " if first in {"match", "show", "map", "list", "areas", "redflags", "schema"} else ""


def _fail(message: str, code: int) -> None:
    _note(f"painmap: error: {' '.join(message.split())}")
    sys.exit(code)


def _note(line: str) -> None:
    """One line on stderr; dropped if stderr cannot take it (never moved to stdout)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(line, file=sys.stderr, flush=True)


app = typer.Typer(
    cls=_Group,
    name="painmap",
    help="Where does this pain come from? Ranks the muscles whose myofascial trigger points refer "
    "pain to the places you name, and says why. An aid to understanding, not a diagnosis.",
    epilog="Example: painmap match --area hip --area buttock",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _use_rich() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _emit(plain: Callable[[], str], rich: Callable[[], Any]) -> None:
    """Print a page: Rich on a terminal, plain text when piped or NO_COLOR is set."""
    if _use_rich():
        from rich.console import Console

        Console().print(rich())
    else:
        print(plain())


def _version(value: bool) -> None:
    if value:
        from painmap import __version__

        try:
            print(f"painmap {__version__}", flush=True)
        except OSError as exc:  # eager: runs while parsing, outside invoke()
            raise _Stopped(exc) from None
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Where does this pain come from?"""


_SVG = Annotated[
    str | None,
    typer.Option(
        "--svg",
        metavar="FILE",
        help="Also write a body-map picture (SVG) to FILE (a .svg name), or - for stdout.",
    ),
]
_FORCE = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]


def _complete_area(incomplete: str) -> list[str]:
    low = incomplete.lower()
    return [a.name.lower() for a in _api().areas() if a.name.lower().startswith(low)]


def _complete_muscle(incomplete: str) -> list[str]:
    return [m.id for m in _api().muscles() if m.id.startswith(incomplete.lower())]


@app.command(
    epilog="Examples:  painmap match --area hip --area buttock  |  "
    "painmap match -a 'lower back' -a 'side of thigh' -s 'lying on my side' --json"
)
def match(
    sentence: Annotated[
        str | None,
        typer.Argument(
            metavar="[SENTENCE]",
            help="Your pain in your own words, e.g. 'my hip and buttock hurt when I lie on that side'.",
        ),
    ] = None,
    area: Annotated[
        list[str] | None,
        typer.Option("--area", "-a", help="Where it hurts (repeatable).", autocompletion=_complete_area),
    ] = None,
    symptom: Annotated[
        list[str] | None,
        typer.Option("--symptom", "-s", help="What it feels like or a diagnosis (repeatable)."),
    ] = None,
    activity: Annotated[
        list[str] | None, typer.Option("--activity", help="What brings it on or makes it worse (repeatable).")
    ] = None,
    side: Annotated[str | None, typer.Option(help="left or right.")] = None,
    limit: Annotated[int, typer.Option(help="How many muscles to list.")] = 10,
    json: Annotated[bool, typer.Option("--json", help="Print JSON to stdout.")] = False,
    svg: _SVG = None,
    force: _FORCE = False,
    batch: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help='Read JSON Lines queries ({"areas": [...], "symptoms": [...], ...}) from FILE, or - for '
            "stdin, and write one JSON result per line.",
        ),
    ] = None,
) -> None:
    """Rank the muscles whose trigger points refer pain to the areas you name."""
    if batch is not None:
        if area or symptom or activity or side or sentence:
            raise UsageError(
                "--batch reads its queries from the file: drop the sentence and --area/--symptom/--activity/--side"
            )
        _run_batch(batch)
        return
    _check_svg(svg, json)
    result = _api().match(area or (), symptom or (), activity or (), side=side, limit=limit, text=sentence)
    if svg is not None:
        _match_svg(result, svg, force)
    if svg == "-":
        pass
    elif json:
        from painmap.render.json import match_json

        print(match_json(result))
    else:
        from painmap.render import plain

        _emit(lambda: plain.match_text(result), lambda: _terminal().match_view(result))
    if not result.matches:
        _note(
            "painmap: no muscle in the dataset refers pain there or matches those words; try a broader "
            "place ('painmap areas' lists them)"
        )


@app.command(
    epilog="Examples:  painmap show gluteus-medius  |  painmap show 'glute med' --json  |  "
    "painmap show soleus --svg soleus.svg"
)
def show(
    muscle: Annotated[
        str,
        typer.Argument(
            help="Muscle id, name, alias or a close misspelling.", autocompletion=_complete_muscle
        ),
    ],
    json: Annotated[bool, typer.Option("--json", help="Print the full record as JSON.")] = False,
    no_map: Annotated[bool, typer.Option("--no-map", help="Leave out the body map.")] = False,
    svg: _SVG = None,
    force: _FORCE = False,
) -> None:
    """Print the full reference page for one muscle, with its pain pattern on a body map."""
    _check_svg(svg, json)
    record = _api().show(muscle)
    from painmap.dataset import load_dataset

    ds = load_dataset()
    if svg is not None:
        from painmap.render.svg import muscle_svg

        _write_new(svg, muscle_svg(record, ds), force)
        if svg == "-":
            return
    if json:
        from painmap.render.json import show_json

        print(show_json(record))
        return
    from painmap.render import plain

    def rich_page() -> Any:
        body_map = None
        if not no_map:
            from painmap.render.termmap import body_map_rich

            pattern = ds.patterns[record.id]
            body_map = body_map_rich(pattern.essential, pattern.spillover, ds)
        return _terminal().show_view(record, ds, body_map)

    def plain_page() -> str:
        body_map = None
        if not no_map:
            from painmap.render.termmap import body_map_text

            pattern = ds.patterns[record.id]
            body_map = body_map_text(pattern.essential, pattern.spillover, ds)
        return plain.show_text(record, ds, body_map)

    _emit(plain_page, rich_page)


@app.command("map", epilog="Examples:  painmap map --area 'side of thigh' --area 'belt line' --svg where.svg")
def map_(
    area: Annotated[
        list[str] | None,
        typer.Option("--area", "-a", help="A place to draw (repeatable).", autocompletion=_complete_area),
    ] = None,
    svg: _SVG = None,
    force: _FORCE = False,
) -> None:
    """Draw the areas you name, so you can check you picked the right place."""
    if not area:
        raise UsageError("no area given: name at least one place to draw, e.g. --area hip")
    _check_svg(svg, False)
    from painmap.areas import resolve_areas
    from painmap.dataset import load_dataset

    ds = load_dataset()
    resolved = resolve_areas(area, ds)
    marked = _marked(resolved, ds)
    names = _place_names(resolved)
    if svg is not None:
        from painmap.render.svg import Layers, picture

        _write_new(svg, picture(f"Where it hurts: {names}", Layers(marked=marked), ds), force)
        if svg == "-":
            return
    from painmap.render.termmap import MARKED_LEGEND, body_map_rich, body_map_text

    _emit(
        lambda: f"Places: {names}\n\n" + body_map_text(0, 0, ds, marked=marked, legend=MARKED_LEGEND),
        lambda: _terminal().titled(
            f"Places: {names}", body_map_rich(0, 0, ds, marked=marked, legend=MARKED_LEGEND)
        ),
    )


def _marked(resolved: Any, ds: Any) -> tuple[tuple[int, str | None], ...]:
    """The places a person named as (cells, side code) for the pictures."""
    return tuple(
        (ds.places[a.id].mask, None if a.side is None else ("l" if a.side.value == "left" else "r"))
        for a in resolved
    )


def _place_names(areas: Any) -> str:
    return ", ".join(f"{a.side.value} {a.name.lower()}" if a.side else a.name.lower() for a in areas)


def _check_svg(path: str | None, json: bool) -> None:
    """Refuse a picture name the user will regret, before any work is done."""
    if path is None:
        return
    if path == "-":
        if json:
            raise UsageError(
                "--svg - and --json both write to stdout: give --svg a file name, or drop --json"
            )
        return
    if not path.lower().endswith(".svg"):
        raise UsageError(f"--svg writes an SVG picture: give a file name ending in .svg, not {path!r}")


def _write_new(path: str, content: str, force: bool) -> None:
    """Write a picture the user asked for: to stdout for -, else safely to a new file (files.py)."""
    if path == "-":
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return
    from painmap.files import write_new

    write_new(path, content, force)
    _note(f"painmap: wrote {path}")


@app.command("list", epilog="Examples:  painmap list  |  painmap list --region thigh --json")
def list_(
    region: Annotated[str | None, typer.Option(help="Only this region, e.g. thigh or head-and-face.")] = None,
    json: Annotated[bool, typer.Option("--json", help="Print every record as JSON.")] = False,
) -> None:
    """List the muscles painmap knows."""
    chosen = _api().muscles(region)
    from painmap.render import plain
    from painmap.render.json import list_json

    if json:
        print(list_json(chosen))
    else:
        _emit(lambda: plain.list_text(chosen), lambda: _terminal().list_view(chosen))


@app.command(epilog="Examples:  painmap areas  |  painmap areas --json | jq '.areas[].id'")
def areas(
    json: Annotated[bool, typer.Option("--json", help="Print the vocabulary as JSON.")] = False,
) -> None:
    """Show the body-area vocabulary as a tree, with the words each area answers to."""
    from painmap.dataset import load_dataset
    from painmap.render import plain
    from painmap.render.json import areas_json

    ds = load_dataset()
    all_areas = _api().areas()
    if json:
        print(areas_json(all_areas, ds))
    else:
        roots, children = ds.atlas.tree()
        _emit(
            lambda: plain.areas_text(all_areas, roots, children),
            lambda: _terminal().areas_view(all_areas, roots, children),
        )


@app.command(epilog="Examples:  painmap redflags  |  painmap redflags --json")
def redflags(json: Annotated[bool, typer.Option("--json", help="Print the rules as JSON.")] = False) -> None:
    """List the red-flag rules: pains that need medical care, not a muscle chart."""
    from painmap.dataset import load_dataset
    from painmap.redflags import rules as sorted_rules
    from painmap.render import plain
    from painmap.render.json import redflags_json

    rules = sorted_rules(load_dataset())
    if json:
        print(redflags_json(rules))
    else:
        _emit(lambda: plain.redflags_text(rules), lambda: _terminal().redflags_view(rules))


@app.command(epilog="Examples:  painmap schema match  |  painmap schema batch-line > batch-line.schema.json")
def schema(
    output: Annotated[str, typer.Argument(metavar="[match|show|batch-line]", help="Which output.")] = "match",
) -> None:
    """Print the JSON Schema of an output (generated from painmap's models)."""
    from painmap.render.json import dumps
    from painmap.schema import Output, json_schema

    try:
        chosen = Output(output)
    except ValueError:
        raise UsageError(f"unknown output {output!r}; choose match, show or batch-line") from None
    print(dumps(json_schema(chosen)))


def _match_svg(result: Any, path: str, force: bool) -> None:
    from painmap.dataset import load_dataset
    from painmap.render.svg import Layers, picture

    ds = load_dataset()
    marked = _marked(result.query.areas, ds)
    names = _place_names(result.query.areas) or "your symptoms"
    if result.matches:
        top = result.matches[0]
        tied = [m.name for m in result.matches if m.rank == top.rank]
        title = f"{names}: " + (f"top match {top.name}" if len(tied) == 1 else "tied: " + ", ".join(tied))
        pattern = ds.patterns[top.id]
        side = None if top.side is None else ("l" if top.side.value == "left" else "r")
        layers = Layers(
            pattern.essential, pattern.spillover, side, marked, pattern.points, warnings=result.warnings
        )
    else:
        title, layers = f"{names}: no match", Layers(marked=marked, warnings=result.warnings)
    _write_new(path, picture(title, layers, ds), force)


def _run_batch(source: str) -> None:
    import stat

    from painmap.batch import answer_arrivals, read_arrivals

    if source == "-":
        if sys.stdin is None:
            raise UsageError("--batch - reads standard input, which is closed")
        stream = sys.stdin.buffer
    else:
        try:
            stream = open(source, "rb")  # noqa: SIM115 - closed below, after the lines are read
        except OSError as exc:
            raise UsageError(f"cannot read batch file {source!r}: {exc.strerror}") from None
    with stream:
        try:
            info = os.fstat(stream.fileno())
        except (OSError, ValueError):
            info = None
        if info is not None and stat.S_ISCHR(info.st_mode) and not os.isatty(stream.fileno()):
            raise UsageError(f"the batch input {source!r} is a device, not a file or a pipe")
        size = info.st_size if info is not None and stat.S_ISREG(info.st_mode) else None
        bad = _write_batch(answer_arrivals(read_arrivals(stream)), stream, size)
    if bad:
        _note(f'painmap: {bad} bad line{"s" if bad != 1 else ""} in the batch (see their "error")')
        raise typer.Exit(2)


def _write_batch(blocks: Any, stream: Any, size: int | None) -> int:
    """Write each block of answers as whole lines and flush it at once (a client waiting on a pipe
    gets its answer); a progress bar on stderr only when it is a terminal."""
    from contextlib import closing, nullcontext

    out = sys.stdout.buffer
    bad = count = 0
    progress: Any = nullcontext()
    task = None
    if sys.stderr.isatty() and not os.environ.get("NO_COLOR"):
        from rich.console import Console
        from rich.progress import Progress

        progress = Progress(console=Console(stderr=True), transient=True)
        task = progress.add_task("answering", total=size)
    with closing(blocks), progress:
        for block in blocks:
            bad += sum(is_error for _, is_error in block)
            count += len(block)
            # one write per block: whole lines reach stdout together, so a stop never cuts one
            out.write("".join(f"{text}\n" for text, _ in block).encode("utf-8"))
            out.flush()
            if task is not None:
                progress.update(task, completed=stream.tell() if size else count)
    return bad


def _api() -> Any:
    # Imported on first use: --version, --help and completion must not load the dataset and models.
    from painmap import api

    return api


def _terminal() -> Any:
    from painmap.render import terminal

    return terminal


def main() -> None:
    """Console-script entry point (also `python -m painmap`, which completion must see as painmap)."""
    app(prog_name="painmap")
