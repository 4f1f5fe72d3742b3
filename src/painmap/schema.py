"""JSON Schemas of painmap's outputs, generated from the models (never written by hand)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal

from painmap.models import (
    _STRICT,
    DISCLAIMER,
    SCHEMA_VERSION,
    MatchResult,
    Muscle,
    RedFlagWarning,
    _data,
)

if TYPE_CHECKING:
    from pydantic import Field


class Output(StrEnum):
    MATCH = "match"
    SHOW = "show"
    BATCH_LINE = "batch-line"


# Whole output documents, as the renderers in render/json.py write them: models for the schema only.


@_data
class BatchResult(MatchResult):
    """One line of `match --batch` output for a good query: the match result and its line number."""

    line: Annotated[int, Field(ge=1)]


@_data
class BatchError:
    """One line of `match --batch` output for a bad query."""

    __pydantic_config__ = _STRICT
    schema_version: Literal[2] = SCHEMA_VERSION
    line: Annotated[int, Field(ge=1)]
    error: str
    warnings: Annotated[
        tuple[RedFlagWarning, ...],
        Field(description="Red flags the line's words set off even though the query failed."),
    ] = ()


@_data
class MuscleRecord(Muscle):
    """`show --json`: a muscle's full record, versioned, with the disclaimer."""

    schema_version: Literal[2] = SCHEMA_VERSION
    disclaimer: str = DISCLAIMER


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
