"""Completion in the real shells: Tab on `--area lower\\ b` gives one argument, `lower back`.

Each test starts the shell in tmux with painmap's completion script loaded and `painmap` shadowed by
a function that prints its arguments one per line, types the words, presses Tab and Enter, and
reads what the function received. (The completion scripts call the real painmap through `env`.)
Skipped, with the reason, where tmux or the shell is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

PAINMAP = Path(sys.executable).parent / "painmap"
TYPED = "painmap match --area lower\\ b"

SHELLS = {
    "bash": (
        "PS1='ready$ '\nsource {script}\npainmap() {{ printf '<%s>\\n' \"$@\"; }}\n",
        lambda rc: ["bash", "--noprofile", "--rcfile", str(rc), "-i"],
    ),
    "zsh": (
        "PS1='ready$ '\nautoload -Uz compinit && compinit -u -D\nsource {script}\n"
        "painmap() {{ printf '<%s>\\n' \"$@\"; }}\n",
        lambda rc: ["zsh", "-i"],
    ),
    "fish": (
        "function fish_prompt; echo 'ready$ '; end\nsource {script}\n"
        "function painmap; printf '<%s>\\n' $argv; end\n",
        lambda rc: ["fish", "--no-config", "-C", f"source {rc}"],
    ),
}


def _screen(tmux: list[str]) -> str:
    return subprocess.run([*tmux, "capture-pane", "-p", "-t", "t"], capture_output=True, text=True).stdout


def _wait_for(tmux: list[str], text: str, seconds: float = 20) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        screen = _screen(tmux)
        if text in screen:
            return screen
        time.sleep(0.1)
    return _screen(tmux)


@pytest.mark.parametrize("shell", sorted(SHELLS))
def test_tab_completes_a_place_of_several_words_as_one_argument(shell, tmp_path: Path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (apt-get install tmux)")
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed (apt-get install {shell})")
    if not PAINMAP.exists():
        pytest.skip(f"no painmap command beside {sys.executable}: install the package")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "_PAINMAP"))}
    env["PATH"] = f"{PAINMAP.parent}{os.pathsep}{env.get('PATH', '')}"
    env["ZDOTDIR"] = str(tmp_path)
    env["HOME"] = str(tmp_path)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    script = tmp_path / f"painmap.{shell}"
    source = subprocess.run(
        [str(PAINMAP)], env={**env, "_PAINMAP_COMPLETE": f"source_{shell}"}, capture_output=True, text=True
    )
    assert source.returncode == 0 and source.stdout.strip(), source.stderr
    script.write_text(source.stdout + "\n")
    rc_text, command = SHELLS[shell]
    rc = tmp_path / (".zshrc" if shell == "zsh" else f"rc.{shell}")
    rc.write_text(rc_text.format(script=script))
    socket_dir = Path(tempfile.mkdtemp(prefix="pmtmux"))  # short: a socket path has a length limit
    tmux = ["tmux", "-S", str(socket_dir / "s"), "-f", os.devnull]  # a tmux server of its own
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", "t", "-x", "150", "-y", "40", *command(rc)],
        env=env,
        check=True,
    )
    try:
        assert "ready$" in _wait_for(tmux, "ready$"), _screen(tmux)
        subprocess.run([*tmux, "send-keys", "-t", "t", "-l", TYPED], check=True)
        subprocess.run([*tmux, "send-keys", "-t", "t", "Tab"], check=True)
        _wait_for(tmux, "back")
        subprocess.run([*tmux, "send-keys", "-t", "t", "Enter"], check=True)
        screen = _wait_for(tmux, "<lower back>")
        assert "<lower back>" in screen, screen
        assert "<lower>" not in screen and "<back>" not in screen
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
        shutil.rmtree(socket_dir, ignore_errors=True)
