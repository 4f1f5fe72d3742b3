"""JSON output: the versioned contract scripts read. Pure functions from results to strings."""

from __future__ import annotations

import json as _json
from collections.abc import Iterable

from painmap.models import DISCLAIMER, SCHEMA_VERSION, Area, MatchResult, Muscle, RedFlagRule


def match_json(result: MatchResult) -> str:
    return result.model_dump_json(indent=2)


def muscle_record(muscle: Muscle) -> dict[str, object]:
    return {"schema_version": SCHEMA_VERSION, **muscle.model_dump(mode="json"), "disclaimer": DISCLAIMER}


def show_json(muscle: Muscle) -> str:
    return _json.dumps(muscle_record(muscle), indent=2, ensure_ascii=False)


def list_json(muscles: Iterable[Muscle]) -> str:
    records = [m.model_dump(mode="json") for m in muscles]
    return _json.dumps({"schema_version": SCHEMA_VERSION, "count": len(records), "muscles": records},
                       indent=2, ensure_ascii=False)


def areas_json(areas: Iterable[Area]) -> str:
    records = [a.model_dump(mode="json") for a in areas]
    return _json.dumps({"schema_version": SCHEMA_VERSION, "count": len(records), "areas": records},
                       indent=2, ensure_ascii=False)


def redflags_json(rules: Iterable[RedFlagRule]) -> str:
    records = [r.model_dump(mode="json") for r in rules]
    return _json.dumps({"schema_version": SCHEMA_VERSION, "count": len(records), "rules": records},
                       indent=2, ensure_ascii=False)
