"""The command line: parse, call the core, hand the result to a renderer, map errors to exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from painmap import api
from painmap.errors import PainmapError, UsageError


class _Group(TyperGroup):
    """The one error boundary: every failure becomes one stderr line and an exit code."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
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
        except KeyboardInterrupt:
            sys.exit(130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        sys.exit(code if isinstance(code, int) else 0)


def _command_in(args: Any) -> str:
    argv = list(args) if args is not None else sys.argv[1:]
    first = next((a for a in argv if not a.startswith("-")), None)
    return f"{first} " if first in {"match", "show", "map", "list", "areas", "redflags", "schema"} else ""


def _fail(message: str, code: int) -> None:
    print(f"painmap: error: {' '.join(message.split())}", file=sys.stderr)
    sys.exit(code)


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

        print(f"painmap {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Where does this pain come from?"""


_SVG = Annotated[
    str | None, typer.Option("--svg", metavar="FILE", help="Also write a body-map picture (SVG) to FILE.")
]
_FORCE = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]


def _complete_area(incomplete: str) -> list[str]:
    low = incomplete.lower()
    return [a.name.lower() for a in api.areas() if a.name.lower().startswith(low)]


def _complete_muscle(incomplete: str) -> list[str]:
    return [m.id for m in api.muscles() if m.id.startswith(incomplete.lower())]


@app.command(
    epilog="Examples:  painmap match --area hip --area buttock  |  "
    "painmap match -a 'lower back' -a 'side of thigh' -s 'lying on my side' --json"
)
def match(
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
        if area or symptom or activity or side:
            raise UsageError(
                "--batch reads its queries from the file: drop --area/--symptom/--activity/--side"
            )
        _run_batch(batch)
        return
    try:
        result = api.match(area or (), symptom or (), activity or (), side=side, limit=limit)
    except PainmapError as exc:
        if exc.warnings:
            _warn_before_failing(exc, json)
        raise
    if svg is not None:
        _match_svg(result, svg, force)
    if json:
        from painmap.render.json import match_json

        print(match_json(result))
    else:
        from painmap.render import plain

        _emit(lambda: plain.match_text(result), lambda: _terminal().match_view(result))
    if not result.matches:
        print(
            "painmap: no muscle in the dataset refers pain to those areas; try a broader area "
            "('painmap areas' lists them)",
            file=sys.stderr,
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
    record = api.show(muscle)
    from painmap.dataset import load_dataset

    ds = load_dataset()
    if svg is not None:
        from painmap.render.svg import muscle_svg

        _write_new(svg, muscle_svg(record, ds), force)
    if json:
        from painmap.render.json import show_json

        print(show_json(record))
        return
    from painmap.render import plain

    def rich_page() -> Any:
        body_map = None
        if not no_map:
            from painmap.render.termmap import body_map_rich

            body_map = body_map_rich(record.primary_zones, record.spillover_zones, ds)
        return _terminal().show_view(record, ds, body_map)

    def plain_page() -> str:
        body_map = None
        if not no_map:
            from painmap.render.termmap import body_map_text

            body_map = body_map_text(record.primary_zones, record.spillover_zones, ds)
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
    from painmap.areas import common_side, resolve_areas
    from painmap.dataset import load_dataset

    ds = load_dataset()
    resolved = resolve_areas(area, ds)
    ids = [a.id for a in resolved]
    names = _place_names(resolved)
    if svg is not None:
        from painmap.render.svg import areas_svg

        side = common_side(resolved)
        _write_new(svg, areas_svg(f"Where it hurts: {names}", ids, ids, (), ds, side=side), force)
    from painmap.render.termmap import body_map_rich, body_map_text

    _emit(
        lambda: f"Areas: {names}\n\n" + body_map_text(ids, (), ds),
        lambda: _terminal().titled(f"Areas: {names}", body_map_rich(ids, (), ds)),
    )


def _place_names(areas: Any) -> str:
    return ", ".join(f"{a.side.value} {a.name.lower()}" if a.side else a.name.lower() for a in areas)


def _write_new(path: str, content: str, force: bool) -> None:
    """Write a file the user asked for, never replacing an existing one without --force."""
    import os

    target = os.path.abspath(path)
    if os.path.isdir(target):
        raise UsageError(f"{path!r} is a folder: give a file name such as pain.svg")
    if os.path.exists(target) and not force:
        raise UsageError(f"{path!r} already exists: pass --force to replace it, or choose another name")
    temporary = f"{target}.{os.getpid()}.tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(temporary, target)
    except OSError as exc:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise UsageError(f"cannot write {path!r}: {exc.strerror}") from None
    print(f"painmap: wrote {path}", file=sys.stderr)


@app.command("list", epilog="Examples:  painmap list  |  painmap list --region thigh --json")
def list_(
    region: Annotated[str | None, typer.Option(help="Only this region, e.g. thigh or head-and-face.")] = None,
    json: Annotated[bool, typer.Option("--json", help="Print every record as JSON.")] = False,
) -> None:
    """List the muscles painmap knows."""
    chosen = api.muscles(region)
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
    all_areas = api.areas()
    if json:
        print(areas_json(all_areas))
    else:
        children = dict(ds.children)
        _emit(
            lambda: plain.areas_text(all_areas, children), lambda: _terminal().areas_view(all_areas, children)
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
    from painmap.render.svg import areas_svg

    ids = [a.id for a in result.query.areas]
    names = _place_names(result.query.areas)
    if result.matches:
        top = result.matches[0]
        title = f"{names}: top match {top.name}"
        picture = areas_svg(
            title,
            ids,
            top.primary_zones,
            top.spillover_zones,
            load_dataset(),
            side=result.query.side,
            warnings=result.warnings,
        )
    else:
        picture = areas_svg(
            f"{names}: no match",
            ids,
            (),
            (),
            load_dataset(),
            side=result.query.side,
            warnings=result.warnings,
        )
    _write_new(path, picture, force)


def _warn_before_failing(exc: PainmapError, json: bool) -> None:
    """A query that fails (an unknown place) still shows the red flags its words set off.

    As text they go to stdout as usual, before the error line on stderr. With --json stdout stays
    empty (a script reads a whole result or nothing), so the one stderr line names the most urgent
    warning after the error.
    """
    if json:
        first = exc.warnings[0]
        count = len(exc.warnings)
        more = f" (and {count - 1} more)" if count > 1 else ""
        raise UsageError(
            f"{exc}; but the words set off a red flag{more}: {first.urgency.value.upper()}: "
            f"{first.title}: {first.advice}"
        ) from None
    from painmap.render import plain

    _emit(lambda: plain.warnings_text(exc.warnings), lambda: _terminal().warnings_group(exc.warnings))


def _run_batch(source: str) -> None:
    from painmap.batch import batch_json_lines

    if source == "-":
        stream = sys.stdin.buffer
    else:
        try:
            stream = open(source, "rb")  # noqa: SIM115 - closed below, after the lines are read
        except OSError as exc:
            raise UsageError(f"cannot read batch file {source!r}: {exc.strerror}") from None
    bad = 0
    out = sys.stdout
    with stream:
        for text, is_error in batch_json_lines(stream):
            bad += is_error
            out.write(text + "\n")
    out.flush()
    if bad:
        print(
            f'painmap: {bad} bad line{"s" if bad != 1 else ""} in the batch (see their "error")',
            file=sys.stderr,
        )
        raise typer.Exit(2)


def _terminal() -> Any:
    from painmap.render import terminal

    return terminal


def main() -> None:
    """Console-script entry point (also `python -m painmap`, which completion must see as painmap)."""
    app(prog_name="painmap")
