"""Every answer is checked: error bodies with HTTP 200, bare error objects, web pages, broken JSON."""

import json

import pytest

from real_bodies import real_body
from remote_gp.gp_core.answers import read_json
from remote_gp.gp_core.errors import BadResponse, ServerError, TokenRequired
from remote_gp.gp_core.transport import HttpResponse

URL = "https://h/arcgis/rest/services/X/GPServer?token=SECRET"


def answer(body, status=200, content_type="application/json"):
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return HttpResponse(status, content, content_type, URL)


def test_a_token_required_body_with_http_200_is_a_token_error():
    with pytest.raises(TokenRequired) as caught:
        read_json(answer(real_body("error_499")))
    assert caught.value.code == 499
    assert "Token Required" in str(caught.value)
    assert "SECRET" not in str(caught.value)


def test_a_bare_error_object_without_the_error_wrapper_is_an_error():
    with pytest.raises(ServerError) as caught:
        read_json(answer(real_body("rest_error_400")))
    assert caught.value.code == 400
    assert "'geometry' parameter is invalid" in str(caught.value)


def test_a_web_page_instead_of_json_says_so():
    with pytest.raises(BadResponse, match="web page"):
        read_json(answer(b"<html><body>Login</body></html>", 200, "text/html"))


@pytest.mark.parametrize("content", [b'{"jobId": "j1", ', b"", b"null"])
def test_broken_or_empty_json_is_a_bad_response(content):
    with pytest.raises(
        BadResponse,
        match=r"^https://h/arcgis/rest/services/X/GPServer \(reading the description of "
        r"service 'X'\) answered (something that is not JSON \(HTTP 200\)|NoneType "
        r"JSON where an object was expected\.$)",
    ):
        read_json(answer(content))


def test_an_http_error_without_an_error_body_is_a_server_error():
    with pytest.raises(ServerError, match="502"):
        read_json(answer({}, 502))


@pytest.mark.parametrize(
    "fragment",
    [
        "GPJobIdResponse_submitJob",
        "landfire-python",
        "911Hotspot_submitJob_expected",
        "GPJobInfoWithResults_911Hotspot",
        "succeeded_job_with_results",
    ],
)
def test_job_bodies_pass_through(fragment):
    body = read_json(answer(real_body(fragment)))
    assert body["jobId"].startswith("j")


JOB_URL = "https://h/arcgis/rest/services/GP/S/GPServer/Buffer%20Points/jobs/j42"


def test_json_nested_too_deeply_is_a_bad_response_naming_server_task_and_phase():
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(BadResponse, match="nested too deeply") as caught:
        read_json(HttpResponse(200, deep, "application/json", JOB_URL))
    assert "https://h/arcgis" in str(caught.value) and "status of job j42 of task 'Buffer Points'" in str(caught.value)


@pytest.mark.parametrize("content, kind", [(b"[1, 2]", "list"), (b'"text"', "str"), (b"42", "int")])
def test_json_that_is_not_an_object_says_what_it_was(content, kind):
    with pytest.raises(BadResponse, match=f"answered {kind} JSON where an object was expected"):
        read_json(HttpResponse(200, content, "application/json", JOB_URL + "/results/out"))


def test_an_error_of_odd_types_is_still_a_server_error():
    body = {"error": {"code": True, "message": ["a"], "details": {"x": 1}}}
    with pytest.raises(ServerError) as caught:
        read_json(answer(body))
    assert caught.value.code is None and caught.value.details == ["{'x': 1}"]


def test_a_proxy_error_page_is_an_http_error():
    with pytest.raises(ServerError, match="HTTP error 502"):
        read_json(answer(b"<html>Bad Gateway</html>", 502, "text/html"))


def test_secrets_the_server_echoes_are_scrubbed():
    body = {"error": {"code": 400, "message": "token=abc&password=pw1 for s3cret", "details": ["Bearer s3cret"]}}
    with pytest.raises(ServerError) as caught:
        read_json(answer(body), secrets=["s3cret"])
    assert "abc" not in str(caught.value) and "pw1" not in str(caught.value) and "s3cret" not in str(caught.value)
