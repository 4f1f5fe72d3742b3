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
    return f"{first} " if first in {"match", "show", "map", "list", "areas", "redflags", "schema", "guide"} else ""


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
    yes: Annotated[
        list[str] | None,
        typer.Option(
            "--yes", metavar="ID", help='Answer yes to a question from --json\'s "questions" (repeatable).'
        ),
    ] = None,
    no: Annotated[
        list[str] | None, typer.Option("--no", metavar="ID", help="Answer no to a question (repeatable).")
    ] = None,
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
        if area or symptom or activity or side or sentence or yes or no:
            raise UsageError(
                "--batch reads its queries from the file: drop the sentence and"
                " --area/--symptom/--activity/--side/--yes/--no"
            )
        _run_batch(batch)
        return
    result = api.match(
        area or (),
        symptom or (),
        activity or (),
        side=side,
        limit=limit,
        text=sentence,
        yes=yes or (),
        no=no or (),
        questions=5 if json else 0,
    )
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
            "painmap: no muscle in the dataset refers pain there or matches those words; try a broader "
            "place ('painmap areas' lists them)",
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
    from painmap.areas import resolve_areas
    from painmap.dataset import load_dataset

    ds = load_dataset()
    resolved = resolve_areas(area, ds)
    marked = _marked(resolved, ds)
    names = _place_names(resolved)
    if svg is not None:
        from painmap.render.svg import Layers, picture

        _write_new(svg, picture(f"Where it hurts: {names}", Layers(marked=marked), ds), force)
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
        layers = Layers(pattern.essential, pattern.spillover, side, marked, pattern.points, warnings=result.warnings)
    else:
        title, layers = f"{names}: no match", Layers(marked=marked, warnings=result.warnings)
    _write_new(path, picture(title, layers, ds), force)


@app.command(epilog="Examples:  painmap guide  |  painmap   (alone, on a terminal)")
def guide() -> None:
    """Find the muscles step by step: say where it hurts, answer a few questions, try the self-checks."""
    from painmap.guide import run_guide

    try:
        run_guide(lambda result, path: _match_svg(result, path, False))
    except KeyboardInterrupt:
        print("\npainmap: stopped", file=sys.stderr)
        raise typer.Exit(130) from None


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
    if len(sys.argv) == 1 and sys.stdin.isatty() and sys.stdout.isatty():
        sys.argv.append("guide")  # a person at a terminal, not a script: the guided mode
    app(prog_name="painmap")
