"""JSON output: the versioned contract scripts read. Pure functions from results to strings."""

from __future__ import annotations

import json as _json
from collections.abc import Iterable
from typing import Any

from painmap.models import DISCLAIMER, SCHEMA_VERSION, Area, MatchResult, Muscle, RedFlagRule


def dumps(document: Any, *, indent: int | None = 2) -> str:
    return _json.dumps(document, indent=indent, ensure_ascii=False)


def to_data(obj: Any) -> Any:
    """A dataclass tree as plain dicts and lists (several times faster than dataclasses.asdict)."""
    fields = getattr(obj, "__dataclass_fields__", None)
    if fields is not None:
        return {name: to_data(getattr(obj, name)) for name in fields}
    if isinstance(obj, tuple | list) and obj and hasattr(obj[0], "__dataclass_fields__"):
        return [to_data(item) for item in obj]
    return obj  # scalars, and tuples of scalars, which json writes as lists


def match_document(result: MatchResult) -> dict[str, Any]:
    return to_data(result)  # type: ignore[no-any-return]


def match_json(result: MatchResult) -> str:
    return dumps(match_document(result))


def muscle_record(muscle: Muscle) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, **to_data(muscle), "disclaimer": DISCLAIMER}


def show_json(muscle: Muscle) -> str:
    return dumps(muscle_record(muscle))


def _collection(name: str, items: Iterable[Any]) -> str:
    records = [to_data(item) for item in items]
    return dumps({"schema_version": SCHEMA_VERSION, "count": len(records), name: records})


def list_json(muscles: Iterable[Muscle]) -> str:
    return _collection("muscles", muscles)


def areas_json(areas: Iterable[Area]) -> str:
    return _collection("areas", areas)


def redflags_json(rules: Iterable[RedFlagRule]) -> str:
    return _collection("rules", rules)
