"""Reading an answer (answers.read_json): any bytes, any status, any content type; error bodies."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, reject, strategies as st

from decoder_property import assert_typed, only_typed_errors
from json_strategies import any_json, one_of_these
from remote_gp.gp_core import BadResponse
from remote_gp.gp_core.answers import error_of, read_json
from remote_gp.gp_core.transport import HttpResponse

URL = "https://gis.example.com/arcgis/rest/services/GP/X/GPServer/Task/jobs/j1"
STATUSES = st.sampled_from(
    [200, 200, 200, 201, 204, 301, 400, 401, 403, 404, 429, 498, 499, 500, 502, 503]
) | st.integers(100, 599)
CONTENT_TYPES = st.sampled_from(["application/json", "text/plain; charset=utf-8", "text/html", "", "image/png"])


def as_bytes(value) -> bytes:
    try:
        return json.dumps(value, allow_nan=True).encode()
    except RecursionError:  # too deep for json to write here: the "deep" answers stand for it
        reject()


@st.composite
def answer_bytes(draw, bodies):
    """JSON text of bodies (mutated or not), truncated JSON, deep nesting, odd encodings, random bytes."""
    kind = draw(st.sampled_from(["body", "json", "cut", "deep", "bytes", "bom", "latin1"]))
    if kind == "body":
        return as_bytes(draw(bodies.mutated("error")))
    if kind == "json":
        return as_bytes(draw(any_json()))
    if kind == "cut":
        text = as_bytes(draw(one_of_these(bodies.every)))
        return text[: draw(st.integers(0, len(text)))]
    if kind == "deep":  # past Python's recursion limit, as the 100,000-deep body
        depth = draw(st.sampled_from([900, 5_000, 100_000]))
        return (b'{"a":' * depth if draw(st.booleans()) else b"[" * depth) + b"1" + b"]" * depth
    if kind == "bom":
        return b"\xef\xbb\xbf" + as_bytes(draw(one_of_these(bodies.every)))
    if kind == "latin1":
        return json.dumps(draw(st.text(max_size=30)), ensure_ascii=False).encode("latin-1", errors="replace")
    return draw(st.binary(max_size=200))


@given(data=st.data(), status=STATUSES, content_type=CONTENT_TYPES)
def test_any_answer_is_an_object_or_a_typed_error(bodies, data, status, content_type):
    content = data.draw(answer_bytes(bodies))
    body = only_typed_errors(lambda: read_json(HttpResponse(status, content, content_type, URL)))
    if body is not None:
        assert isinstance(body, dict)


@given(data=st.data())
def test_error_bodies_give_a_code_a_message_and_details(bodies, data):
    body = data.draw(
        bodies.mutated("error")
        | st.dictionaries(st.sampled_from(["error", "code", "message", "details", "messageCode"]), any_json())
    )
    error = only_typed_errors(lambda: error_of(body))
    assert_typed(error, tuple[int | None, str, list[str]] | None)


def test_a_body_nested_100000_deep_is_a_bad_response_not_a_recursion_error():
    content = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(BadResponse, match="nested too deeply"):
        read_json(HttpResponse(200, content, "application/json", URL))
