"""Long pages on a terminal: paged the way git does, never when piped; help and list read well."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios

import pytest
import typer.main

from painmap import api
from painmap.cli import app, pager_command

# A pager that marks every line it is handed, so a test can see the page went through it.
MARKING_PAGER = "sed s/^/PAGED:/"


def _in_terminal(*args: str, columns: int = 100, pager: str | None = MARKING_PAGER) -> str:
    """Run painmap with stdin, stdout and stderr on a pseudo-terminal `columns` wide; return the screen."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "COLUMNS", "LINES", "PAGER"}}
    env["TERM"] = "xterm"
    if pager is not None:
        env["PAGER"] = pager
    proc = subprocess.Popen(
        [sys.executable, "-m", "painmap", *args], stdin=child, stdout=child, stderr=child, env=env
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the terminal's other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert proc.wait(timeout=60) == 0
    return b"".join(chunks).decode()


@pytest.mark.parametrize("command", [["show", "gluteus-medius"], ["list"], ["areas"]])
def test_long_pages_go_through_the_pager_on_a_terminal(command):
    screen = _in_terminal(*command)
    lines = [line for line in screen.splitlines() if line.strip()]
    assert len(lines) > 50
    assert all(line.startswith("PAGED:") for line in lines)


def test_a_pager_of_plain_words_is_started_without_a_shell_and_gets_the_page():
    # "tr a-z A-Z" is split into its words and started directly; MARKING_PAGER (a ^) needs the shell
    screen = _in_terminal("show", "gluteus-medius", pager="tr a-z A-Z")
    assert "GLUTEUS MEDIUS" in screen and "Gluteus medius" not in screen


@pytest.mark.parametrize("command", [["show", "gluteus-medius"], ["areas"]])
def test_no_pager_prints_straight_out(command):
    screen = _in_terminal(*command, "--no-pager")
    assert screen.strip() and "PAGED:" not in screen


def test_piped_output_is_never_paged():
    env = {**os.environ, "PAGER": MARKING_PAGER}
    env.pop("NO_COLOR", None)
    out = subprocess.run(
        [sys.executable, "-m", "painmap", "list"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "gluteus-medius" in out and "PAGED:" not in out


def test_the_pager_is_chosen_as_git_chooses_it():
    assert pager_command(False, False, {"PAGER": "less"}) is None  # piped
    assert pager_command(True, True, {"PAGER": "less"}) is None  # --no-pager
    assert pager_command(True, False, {"PAGER": ""}) is None
    assert pager_command(True, False, {"PAGER": "cat"}) is None
    assert pager_command(True, False, {"PAGER": "no-such-pager-anywhere -x"}) is None
    assert pager_command(True, False, {"PAGER": MARKING_PAGER}) == MARKING_PAGER
    expected = "less -R" if shutil.which("less") else None
    assert pager_command(True, False, {}) == expected


@pytest.mark.parametrize("columns", [30, 80])  # too narrow for the table: plain lines; the table
def test_list_never_cuts_a_muscle_id(columns):
    screen = _in_terminal("list", "--no-pager", columns=columns)
    words = set(re.sub(r"\x1b\[[0-9;]*m", "", screen).replace("│", " ").split())
    missing = [m.id for m in api.muscles() if m.id not in words]
    assert not missing


def test_every_example_is_on_a_line_of_its_own(run):
    group = typer.main.get_command(app)
    for name in group.commands:
        help_text = run(name, "--help").stdout
        examples = help_text.split("Examples:", 1)[1].strip().splitlines()
        assert examples, name
        assert all(line.strip().startswith("painmap ") for line in examples), (name, examples)
        assert " | painmap" not in help_text


def test_short_version_flag(run):
    assert run("-V").stdout == run("--version").stdout
    assert run("-V").stdout.startswith("painmap ")
