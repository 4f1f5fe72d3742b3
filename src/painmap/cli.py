"""The command line: parse, call the core, hand the result to a renderer, map errors to exit codes."""

# No `from __future__ import annotations` here, unlike the other modules: Typer reads each
# command's parameters from their annotations at every start, and string annotations would make
# it compile and evaluate each one (~2 % of a lookup, ~10 % of --help); evaluated once as the
# module runs, they cost nothing more.

import contextlib
import os
import sys
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from painmap.errors import PainmapError, UsageError
from painmap.lasting import uncollected_import

# Importing Typer makes over ten thousand objects, module state that lives as long as the process:
# imported uncollected (as the dataset is loaded), later collections need not scan them again and
# again (~1.5 % of a lookup or a page, ~12 % of --version).
typer: Any = uncollected_import("typer")
TyperGroup: Any = uncollected_import("typer.core").TyperGroup  # type: ignore[attr-defined]


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
        except Exception as exc:  # a bug of ours: one line, not a traceback
            if os.environ.get("PAINMAP_DEBUG"):
                raise
            _fail(
                f"internal error ({type(exc).__name__}: {exc}); this is a bug in painmap, please report it"
                " with the command you ran (PAINMAP_DEBUG=1 shows where it happened)",
                EXIT_BUG,
            )
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
EXIT_BUG = 70  # an error painmap did not expect: a bug (as sysexits.h's EX_SOFTWARE)


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
    return (
        f"{first} "
        if first
        in {"match", "show", "map", "list", "areas", "redflags", "schema", "guide", "search", "serve"}
        else ""
    )


def _fail(message: str, code: int) -> None:
    _note(f"painmap: error: {' '.join(message.split())}")
    sys.exit(code)


def _note(line: str) -> None:
    """One line on stderr; dropped if stderr cannot take it (never moved to stdout)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(line, file=sys.stderr, flush=True)


def _examples(*lines: str) -> str:
    """An epilog with one example per line: Click rewraps paragraphs, except one that opens with \\b."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


app = typer.Typer(
    cls=_Group,
    name="painmap",
    help="Where does this pain come from? Ranks the muscles whose myofascial trigger points refer "
    "pain to the places you name, and says why. An aid to understanding, not a diagnosis.",
    epilog=_examples("painmap match --area hip --area buttock", "painmap show 'glute med'"),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _use_rich() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def pager_command(is_tty: bool, no_pager: bool, env: Mapping[str, str]) -> str | None:
    """The pager to send a long page through, as git chooses it, or None to print straight out.

    Only on a terminal: piped output is never paged. $PAGER wins, "less -R" is the default, and an
    empty $PAGER or "cat" means no pager.
    """
    if no_pager or not is_tty:
        return None
    command = env.get("PAGER", "less -R").strip()
    if not command or command == "cat":
        return None
    import shlex
    import shutil

    try:
        program = shlex.split(command)[0]
    except ValueError:
        return None
    return command if shutil.which(program) else None


def _emit(
    plain: Callable[[], str], rich: Callable[[], Any] | None, *, page: bool = False, no_pager: bool = False
) -> None:
    """Print a page: Rich on a terminal, plain text when piped or NO_COLOR is set (or when `rich`
    is None); through a pager when `page` asks for one and stdout is a terminal."""
    pager = pager_command(sys.stdout.isatty(), no_pager, os.environ) if page else None
    if _use_rich() and rich is not None:
        console = uncollected_import("rich.console").Console

        if pager is None:
            console().print(rich())
            return
        import io
        import shutil

        page_text = io.StringIO()
        width = shutil.get_terminal_size().columns
        console(file=page_text, force_terminal=True, width=width).print(rich())
        text = page_text.getvalue()
    else:
        text = plain() + "\n"
    if pager is None:
        sys.stdout.write(text)
    else:
        _through_pager(pager, text)


# A pager command of plain words ("less -R", the default) means to a shell just its words split at
# the spaces: it is started directly, sparing a shell's start (~2 ms) on every page. Anything a shell
# would read otherwise (quotes, $, ~, globs, pipes, NAME=value) still goes through the shell.
_PLAIN_WORDS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+,:@ ")


def _through_pager(command: str, text: str) -> None:
    import subprocess

    sys.stdout.flush()
    # As git does: quit at once when the page fits the screen, keep colours, leave the screen as is.
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    pager = None
    if _PLAIN_WORDS.issuperset(command):
        with contextlib.suppress(OSError):  # not a program the system can start itself: the shell may
            pager = subprocess.Popen(command.split(), stdin=subprocess.PIPE, env=env)
    if pager is None:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode())
        pager.stdin.close()
    except BrokenPipeError:  # the reader quit before the end: that is not an error
        pass
    pager.wait()


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
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."),
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
_HTML = Annotated[
    str | None,
    typer.Option(
        "--html",
        metavar="FILE",
        help="Also write a printable handout (one self-contained HTML page) to FILE, to take to a therapist.",
    ),
]
_FORCE = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]
_NO_PAGER = Annotated[
    bool, typer.Option("--no-pager", help="Print straight out (on a terminal the page goes through $PAGER).")
]


def _complete_area(incomplete: str) -> list[str]:
    low = incomplete.lower()
    return [a.name.lower() for a in _api().areas() if a.name.lower().startswith(low)]


def _complete_muscle(incomplete: str) -> list[str]:
    return [m.id for m in _api().muscles() if m.id.startswith(incomplete.lower())]


def _bash_keeps_completions_whole() -> None:
    """Make bash insert "lower back" as one argument, escaped as `lower\\ back`.

    zsh and fish quote what they insert; bash inserts each candidate as it stands, and Typer's bash
    class writes candidates raw. Typer has no public hook for this and re-registers its own shell
    classes on every run, so its bash class's formatting is wrapped in place (only in a process
    that bash started to complete a word); tests/test_completion.py runs the real shells.
    """
    import re

    from typer._completion_classes import BashComplete

    raw = BashComplete.format_completion

    def escaped(self: BashComplete, item: Any) -> str:
        return re.sub(r"([^\w@%+=:,./-])", r"\\\1", raw(self, item))

    BashComplete.format_completion = escaped  # type: ignore[method-assign]


if os.environ.get("_PAINMAP_COMPLETE") == "complete_bash":
    _bash_keeps_completions_whole()


@app.command(
    epilog=_examples(
        "painmap match --area hip --area buttock",
        "painmap match 'my hip and buttock hurt when I lie on that side'",
        "painmap match -a 'lower back' -a 'side of thigh' -s 'lying on my side' --json",
        "painmap match -s 'tennis elbow'",
        "painmap match --batch queries.jsonl",
    )
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
    html: _HTML = None,
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
        if html is not None:
            raise UsageError("--html writes one handout for one query; it cannot be used with --batch")
        if area or symptom or activity or side or sentence or yes or no:
            raise UsageError(
                "--batch reads its queries from the file: drop the sentence and"
                " --area/--symptom/--activity/--side/--yes/--no"
            )
        _run_batch(batch)
        return
    _check_svg(svg, json)
    try:
        result = _api().match(
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
    except PainmapError as exc:
        if exc.warnings:
            _warn_before_failing(exc, json)
        raise
    if svg is not None:
        _match_svg(result, svg, force)
    if html is not None:
        from painmap.render.html import match_html

        _write_handout(
            html, force, lambda ds, made, version: match_html(result, ds, made=made, version=version)
        )
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
    epilog=_examples(
        "painmap show gluteus-medius",
        "painmap show 'glute med' --json",
        "painmap show SCM",
        "painmap show hamstrings",
        "painmap show soleus --svg soleus.svg",
    )
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
    html: _HTML = None,
    force: _FORCE = False,
    no_pager: _NO_PAGER = False,
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
    if html is not None:
        from painmap.render.html import show_html

        _write_handout(
            html, force, lambda ds, made, version: show_html(record, ds, made=made, version=version)
        )
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

    _emit(plain_page, rich_page, page=True, no_pager=no_pager)


@app.command("map", epilog=_examples("painmap map --area 'side of thigh' --area 'belt line' --svg where.svg"))
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
    from painmap.render.page import place_names
    from painmap.render.svg import marked_places

    marked = marked_places(resolved, ds)
    names = place_names(resolved)
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


@app.command(epilog=_examples("painmap search 'tennis elbow'", "painmap search jaw --json"))
def search(
    words: Annotated[
        list[str], typer.Argument(help="Any words: a muscle, a place, a condition or a symptom.")
    ],
    json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Find muscles, places, conditions and symptoms by any word."""
    found = _api().search(" ".join(words))
    if json:
        from painmap.render.json import dumps

        print(dumps({"schema_version": 2, **found}))
        return
    lines = []
    for title, items in found.items():
        if not items:
            continue
        lines.append(title.capitalize() + ":")
        for item in items:
            if "id" in item:
                lines.append(f"  {item['name']} [{item['id']}]  (matched {item['why']!r})")
            else:
                lines.append(f"  {item['text']}  (painmap show {item['muscle']})")
    print("\n".join(lines) if lines else f"Nothing found for {' '.join(words)!r}.")


@app.command(
    "list",
    epilog=_examples("painmap list", "painmap list --region thigh --json", "painmap list --region hip"),
)
def list_(
    region: Annotated[
        str | None,
        typer.Option(
            help="Only this region (thigh, head-and-face...) or the muscles lying at a place (hip, calf)."
        ),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print every record as JSON.")] = False,
    no_pager: _NO_PAGER = False,
) -> None:
    """List the muscles painmap knows."""
    chosen = _api().muscles(region)
    from painmap.render import plain
    from painmap.render.json import list_json

    if json:
        print(list_json(chosen))
    else:
        from shutil import get_terminal_size

        # A table that cannot give the id column its full width would cut ids: plain lines then.
        fits = _terminal().list_fits(chosen, get_terminal_size().columns) if _use_rich() else False
        _emit(
            lambda: plain.list_text(chosen),
            (lambda: _terminal().list_view(chosen)) if fits else None,
            page=True,
            no_pager=no_pager,
        )


@app.command(epilog=_examples("painmap areas", "painmap areas --json | jq '.areas[].id'"))
def areas(
    json: Annotated[bool, typer.Option("--json", help="Print the vocabulary as JSON.")] = False,
    no_pager: _NO_PAGER = False,
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
            page=True,
            no_pager=no_pager,
        )


@app.command(epilog=_examples("painmap redflags", "painmap redflags --json"))
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


@app.command(epilog=_examples("painmap schema match", "painmap schema batch-line > batch-line.schema.json"))
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


@app.command(epilog="Examples:  painmap serve  |  painmap serve --port 0 --open")
def serve(
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port to listen on; 0 picks a free one.")
    ] = 8765,
    host: Annotated[
        str, typer.Option(help="Address to bind; anything but loopback is reachable by others.")
    ] = "127.0.0.1",
    open_: Annotated[bool, typer.Option("--open", help="Open the page in a web browser.")] = False,
) -> None:
    """Serve the body map as a local web page: tap where it hurts, watch the ranking change."""
    from painmap.web.server import serve as run

    run(host, port, open_)


def _match_svg(result: Any, path: str, force: bool) -> None:
    from painmap.dataset import load_dataset
    from painmap.render.svg import match_picture

    _write_new(path, match_picture(result, load_dataset()), force)


def _write_handout(path: str, force: bool, page: Callable[[Any, str, str], str]) -> None:
    """Write an HTML handout stamped with today's date and this version (the one place --html writes)."""
    from datetime import date

    from painmap import __version__
    from painmap.dataset import load_dataset

    _write_new(path, page(load_dataset(), date.today().isoformat(), __version__), force)


@app.command(epilog=_examples("painmap guide", "painmap   (alone, on a terminal)"))
def guide() -> None:
    """Find the muscles step by step: say where it hurts, answer a few questions, try the self-checks."""
    from painmap.guide import run_guide

    try:
        run_guide(lambda result, path: _match_svg(result, path, False))
    except KeyboardInterrupt:
        _note("\npainmap: stopped")
        raise typer.Exit(130) from None


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
    return uncollected_import("painmap.api")


def _terminal() -> Any:
    return uncollected_import("painmap.render.terminal")


def main() -> None:
    """Console-script entry point (also `python -m painmap`, which completion must see as painmap)."""
    if len(sys.argv) == 1 and sys.stdin.isatty() and sys.stdout.isatty():
        sys.argv.append("guide")  # a person at a terminal, not a script: the guided mode
    every = app.registered_commands
    app.registered_commands = _named_first(sys.argv[1:])
    try:
        app(prog_name="painmap")
    finally:
        app.registered_commands = every


def _named_first(argv: list[str]) -> list[Any]:
    """The commands Typer needs to build for this run: Typer builds a parser for each command it is
    given before it parses (~2 ms each), so when the first argument names a command, that one alone.
    Otherwise (the group's own help, an unknown command, a shell completing a word) all of them."""
    from typer.main import get_command_name

    every = app.registered_commands
    if not argv or os.environ.get("_PAINMAP_COMPLETE"):
        return every
    named = [c for c in every if (c.name or get_command_name(getattr(c.callback, "__name__", ""))) == argv[0]]
    return named or every
