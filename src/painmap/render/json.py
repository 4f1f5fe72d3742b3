"""JSON output: the versioned contract scripts read. Pure functions from results to strings."""

from __future__ import annotations

import json as _json
from collections.abc import Iterable
from typing import Any

from painmap.atlas import Place
from painmap.dataset import Dataset
from painmap.models import DISCLAIMER, SCHEMA_VERSION, MatchResult, Muscle, RedFlagRule


def dumps(document: Any, *, indent: int | None = 2) -> str:
    """JSON text of a document that may hold painmap's dataclasses at any depth."""
    import orjson  # writes dataclasses, tuples and str enums itself, ~15x faster than json

    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2 if indent else 0).decode()
    except orjson.JSONEncodeError:
        # orjson refuses text that is not UTF-8 (a lone surrogate echoed from a batch line); the
        # standard library writes it as an escape, which the batch then reports as a bad line.
        return _json.dumps(document, indent=indent, ensure_ascii=False, default=_fields)


def _fields(obj: Any) -> dict[str, Any]:
    # Called by the json encoder for each dataclass it meets: one shallow dict each, the encoder
    # walks the rest (tuples become lists, str enums their values). Far cheaper than asdict().
    fields = getattr(obj, "__dataclass_fields__", None)
    if fields is None:
        raise TypeError(f"cannot write a {type(obj).__name__} as JSON")
    return {name: getattr(obj, name) for name in fields}


def match_document(result: MatchResult) -> dict[str, Any]:
    """The top level of `match --json` as a dict; nested results stay dataclasses until written."""
    return _fields(result)


def match_json(result: MatchResult) -> str:
    return dumps(match_document(result))


def muscle_record(muscle: Muscle) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, **_fields(muscle), "disclaimer": DISCLAIMER}


def show_json(muscle: Muscle) -> str:
    return dumps(muscle_record(muscle))


def _collection(name: str, items: Iterable[Any]) -> str:
    records = list(items)
    return dumps({"schema_version": SCHEMA_VERSION, "count": len(records), name: records})


def list_json(muscles: Iterable[Muscle]) -> str:
    return _collection("muscles", muscles)


def areas_json(places: Iterable[Place], ds: Dataset) -> str:
    _, children = ds.atlas.tree()
    parent = {c: p for p, cs in children.items() for c in cs}
    records = [
        {
            "id": p.id,
            "name": p.name,
            "synonyms": p.synonyms,
            "lateral": p.lateral,
            "within": parent.get(p.id),
            "cells": ds.atlas.names(p.mask),
        }
        for p in places
    ]
    return _collection("areas", records)


def redflags_json(rules: Iterable[RedFlagRule]) -> str:
    return _collection("rules", rules)
