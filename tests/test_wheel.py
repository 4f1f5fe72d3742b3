"""The installed wheel carries the dataset: build it, install it into a fresh venv, run it elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("painmap-*.whl")
    return built


def test_wheel_ships_the_data(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    for data_file in ("atlas.json", "places.json", "muscles.json", "redflags.json"):
        assert f"painmap/data/{data_file}" in names


def test_installed_wheel_runs_outside_the_checkout(wheel: Path, tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PAINMAP_DATA", "PYTHONPATH"}}
    env["PAINMAP_CACHE_DIR"] = str(tmp_path / "cache")
    show = subprocess.run(
        [str(env_dir / "bin" / "painmap"), "show", "gluteus-medius"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert show.returncode == 0, show.stderr
    assert "Gluteus medius" in show.stdout
    found = subprocess.run(
        [str(python), "-m", "painmap", "match", "-a", "hip", "-a", "buttock", "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0, found.stderr
    doc = json.loads(found.stdout)
    assert (
        doc["matches"]
        and "site-packages"
        in subprocess.run(
            [str(python), "-c", "import painmap.dataset as d; print(d.data_root())"],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
    )
