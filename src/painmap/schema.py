"""JSON Schemas of painmap's outputs, generated from the models (never written by hand)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from painmap.models import SCHEMA_VERSION, BatchError, BatchResult, MatchResult, MuscleRecord


class Output(StrEnum):
    MATCH = "match"
    SHOW = "show"
    BATCH_LINE = "batch-line"


def json_schema(output: Output) -> dict[str, Any]:
    from painmap.constraints import adapter

    target: Any = {
        Output.MATCH: MatchResult,
        Output.SHOW: MuscleRecord,
        Output.BATCH_LINE: BatchResult | BatchError,
    }[output]
    schema = adapter(target).json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"painmap/{output.value}/v{SCHEMA_VERSION}",
        "title": f"painmap {output.value} output, schema_version {SCHEMA_VERSION}",
        **schema,
    }
