"""The README's two set-up commands are the ones CI runs, and they need no system pip or `python`."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _first_command_under(heading: str) -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split(f"## {heading}\n", 1)[1]
    return re.search(r"```sh\n(.+?)\n```", section, re.S).group(1).strip()


def test_ci_runs_the_readme_test_command_as_written():
    command = _first_command_under("Run the tests")
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert command in lines


def test_the_set_up_commands_work_on_a_stock_debian_python():
    for heading in ("Install and run", "Run the tests"):
        command = _first_command_under(heading)
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install ")
        steps = command.split(" && ")
        # PEP 668: no pip outside the venv, and no bare `python` (Debian and Ubuntu may lack it)
        assert all(step.startswith(("python3 -m venv", ".venv/bin/")) for step in steps), steps
    assert _first_command_under("Install and run").endswith("painmap match --area hip --area buttock")
