"""JSON output: the versioned contract scripts read. Pure functions from results to strings."""

from __future__ import annotations

import json as _json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from painmap.models import DISCLAIMER, SCHEMA_VERSION, Area, MatchResult, Muscle, RedFlagRule


def dumps(document: Any, *, indent: int | None = 2) -> str:
    return _json.dumps(document, indent=indent, ensure_ascii=False)


def match_document(result: MatchResult) -> dict[str, Any]:
    return asdict(result)


def match_json(result: MatchResult) -> str:
    return dumps(match_document(result))


def muscle_record(muscle: Muscle) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, **asdict(muscle), "disclaimer": DISCLAIMER}


def show_json(muscle: Muscle) -> str:
    return dumps(muscle_record(muscle))


def _collection(name: str, items: Iterable[Any]) -> str:
    records = [asdict(item) for item in items]
    return dumps({"schema_version": SCHEMA_VERSION, "count": len(records), name: records})


def list_json(muscles: Iterable[Muscle]) -> str:
    return _collection("muscles", muscles)


def areas_json(areas: Iterable[Area]) -> str:
    return _collection("areas", areas)


def redflags_json(rules: Iterable[RedFlagRule]) -> str:
    return _collection("rules", rules)
