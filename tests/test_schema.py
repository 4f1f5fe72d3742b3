"""The published JSON Schemas validate real outputs, and every output kind has one."""

from __future__ import annotations

import json

import jsonschema
import pytest

from painmap.schema import Output, json_schema


@pytest.mark.parametrize("output", list(Output))
def test_every_output_has_a_schema(run, output):
    result = run("schema", output.value)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(doc)
    assert doc == json_schema(output)


def _validator(output: Output) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema(output))


def test_match_output_validates(run):
    for args in (["-a", "hip", "-a", "buttock"], ["-a", "chest", "-a", "left arm", "-s", "sweating"]):
        doc = json.loads(run("match", *args, "--json").stdout)
        _validator(Output.MATCH).validate(doc)


def test_show_output_validates(run):
    for muscle in ("gluteus-medius", "pectoralis-major-sternal", "soleus"):
        _validator(Output.SHOW).validate(json.loads(run("show", muscle, "--json").stdout))


def test_batch_lines_validate(run):
    lines = '{"areas": ["hip"]}\nnot json\n{"areas": ["calf"], "symptoms": ["cramps"]}\n'
    result = run("match", "--batch", "-", input=lines)
    validator = _validator(Output.BATCH_LINE)
    for line in result.stdout.splitlines():
        validator.validate(json.loads(line))


def test_schema_rejects_a_wrong_shape(run):
    doc = json.loads(run("match", "-a", "hip", "--json").stdout)
    doc["matches"][0]["score"] = 7
    with pytest.raises(jsonschema.ValidationError):
        _validator(Output.MATCH).validate(doc)
