"""The installed wheel carries the dataset: build it, install it into a fresh venv, run it elsewhere.

Offline on purpose (it passes with PIP_NO_INDEX=1): the wheel is built without build isolation by the
hatchling the test extras install, and the new venv gets only the wheel (--no-deps); it finds
painmap's dependencies in the test environment's site-packages through a .pth file, which adds those
folders without running their .pth files, so the checkout's editable install stays out of sight.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.xdist_group("wheel")

ROOT = Path(__file__).resolve().parents[1]
OFFLINE = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
BUILD_WHEEL = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [*BUILD_WHEEL, "-w", str(out), str(ROOT)],
        env=OFFLINE,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    (found,) = out.glob("painmap-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False, clear=True)
    python = env_dir / "bin" / "python"
    ours = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    theirs = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(ours) / "test-environment.pth").write_text("\n".join(sorted(theirs)) + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        env=OFFLINE,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return env_dir


def _outside(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PAINMAP_DATA", "PYTHONPATH"}}
    env["PAINMAP_CACHE_DIR"] = str(tmp_path / "cache")
    return env


def test_wheel_ships_the_data(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    for data_file in ("atlas.json", "places.json", "muscles.json", "redflags.json"):
        assert f"painmap/data/{data_file}" in names


def test_installed_wheel_runs_outside_the_checkout(installed: Path, tmp_path: Path):
    python = installed / "bin" / "python"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _outside(tmp_path)
    show = subprocess.run(
        [str(installed / "bin" / "painmap"), "show", "gluteus-medius"],
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
    assert json.loads(found.stdout)["matches"]


def test_the_installed_copy_is_the_one_that_runs(installed: Path, tmp_path: Path):
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import painmap.dataset as d; print(d.data_root())"],
        cwd=tmp_path,
        env=_outside(tmp_path),
        capture_output=True,
        text=True,
    )
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed)
