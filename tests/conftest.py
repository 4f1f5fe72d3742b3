"""Shared fixtures: a CLI runner and a way to build a modified copy of the dataset."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from painmap.cli import app
from painmap.dataset import load_dataset

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the validated-dataset cache out of the user's home while testing."""
    import os

    os.environ["PAINMAP_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., object]:
    """Run painmap with arguments through Typer's CliRunner, as a pipe would (no colour)."""
    monkeypatch.setenv("NO_COLOR", "1")

    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(app, list(args), input=input)

    return invoke


@pytest.fixture
def dataset_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Copy data/ to a temporary folder, let the test change a file, point PAINMAP_DATA at it."""

    def make(
        name: str | None = None, change: Callable[[dict], object] | None = None, raw: bytes | None = None
    ) -> Path:
        target = tmp_path / "data"
        shutil.copytree(DATA, target)
        if name is not None:
            path = target / name
            if raw is not None:
                path.write_bytes(raw)
            elif change is not None:
                doc = json.loads(path.read_text())
                change(doc)
                path.write_text(json.dumps(doc))
        monkeypatch.setenv("PAINMAP_DATA", str(target))
        return target

    return make


@pytest.fixture(scope="session")
def ds():
    return load_dataset()
