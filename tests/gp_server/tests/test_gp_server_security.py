"""The reference server's token security, checked with plain requests (not gp_core)."""

from __future__ import annotations

import json
import time

import pytest

USER = {"username": "gpuser", "password": "gp-password-1"}


def generate(http, root, **form) -> dict:
    return http.post(f"{root}/tokens/generateToken", data={"f": "json", **USER, **form}).json()


def secure_service(http, root, headers=None, **params) -> dict:
    return http.get(
        f"{root}/rest/services/Secure/SummarizeSync/GPServer", params={"f": "json", **params}, headers=headers
    ).json()


def test_a_token_for_a_valid_account_expires_when_asked(http, gp_server):
    answer = generate(http, gp_server, client="requestip", expiration=30)
    assert len(answer["token"]) > 20 and answer["ssl"] is False
    assert answer["expires"] / 1000 == pytest.approx(time.time() + 30 * 60, abs=60)


@pytest.mark.parametrize("form", [{"password": "wrong"}, {"username": ""}, {"client": "referer"}])
def test_bad_sign_ins_are_refused(http, gp_server, form):
    assert generate(http, gp_server, **form)["error"]["code"] == 400


def test_tokens_are_only_given_for_a_post(http, gp_server):
    answer = http.get(f"{gp_server}/tokens/generateToken", params={"f": "json", **USER}).json()
    assert "token" not in answer and answer["error"]["code"] == 405


def test_the_token_service_that_rest_info_names_gives_tokens_too(http, gp_server):
    """ArcGIS Server's tokenServicesUrl (``<context>/tokens/``) is the token operation itself: Esri's
    clients (the ArcGIS API for Python, the resource proxy) post to it as it is."""
    url = http.get(f"{gp_server}/rest/info", params={"f": "json"}).json()["authInfo"]["tokenServicesUrl"]
    token = http.post(url, data={"f": "json", **USER}).json()["token"]
    assert secure_service(http, gp_server, token=token)["tasks"] == ["Summarize"]


def test_secured_resources_need_a_valid_token(http, gp_server):
    assert secure_service(http, gp_server)["error"]["code"] == 499
    assert secure_service(http, gp_server, token="made-up")["error"]["code"] == 498
    token = generate(http, gp_server)["token"]
    assert secure_service(http, gp_server, token=token)["tasks"] == ["Summarize"]
    assert secure_service(http, gp_server, {"X-Esri-Authorization": f"Bearer {token}"})["tasks"] == ["Summarize"]
    assert http.get(f"{gp_server}/rest/services/Secure", params={"f": "json"}).json()["error"]["code"] == 499
    assert http.get(f"{gp_server}/rest/services/GP", params={"f": "json"}).json()["services"]  # public stays public


def test_a_referer_token_works_only_with_its_referer(http, gp_server):
    token = generate(http, gp_server, client="referer", referer="https://app.example")["token"]
    assert secure_service(http, gp_server, token=token)["error"]["code"] == 498
    assert "tasks" in secure_service(http, gp_server, {"Referer": "https://app.example"}, token=token)


def test_expired_tokens_are_invalid(http, gp_server):
    token = generate(http, gp_server)["token"]
    assert "tasks" in secure_service(http, gp_server, token=token)
    http.post(f"{gp_server}/testing/expireTokens", data={"f": "json"})
    assert secure_service(http, gp_server, token=token)["error"]["code"] == 498


def test_files_of_secured_jobs_need_the_token(http, gp_server):
    token = generate(http, gp_server)["token"]
    task = f"{gp_server}/rest/services/Secure/BufferByVal/GPServer/BufferPoints"
    points = {
        "geometryType": "esriGeometryPoint",
        "spatialReference": {"wkid": 26915},
        "features": [{"geometry": {"x": 500000, "y": 4980000}, "attributes": {"OBJECTID": 1}}],
    }
    job = http.post(
        f"{task}/submitJob",
        data={
            "f": "json",
            "token": token,
            "Input_Features": json.dumps(points),
            "Distance": json.dumps({"distance": 5, "units": "esriMeters"}),
        },
    ).json()
    status = job["jobStatus"]
    while status not in ("esriJobSucceeded", "esriJobFailed"):
        status = http.get(f"{task}/jobs/{job['jobId']}", params={"f": "json", "token": token}).json()["jobStatus"]
    assert status == "esriJobSucceeded"
    image = http.get(
        f"{task}/jobs/{job['jobId']}/results/Output_Polygons", params={"f": "json", "token": token}
    ).json()["value"]["mapImage"]
    assert "/arcgisoutput/secure/" in image["href"]
    assert http.get(image["href"]).json()["error"]["code"] == 499
    assert http.get(image["href"], params={"token": token}).headers["Content-Type"] == "image/png"
