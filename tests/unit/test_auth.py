"""Tokens in gp_core: sign-in, renewal before expiry and after a 498, and the arcpy address forms."""

from __future__ import annotations

import pytest
import requests
import shapely

from remote_gp.gp_core import PollPolicy, Server, TokenRequired, arcpy, execute, submit
from remote_gp.gp_core.auth import RENEW_MARGIN, Credentials, TokenAuth
from remote_gp.gp_core.values import schema_of

FAST = PollPolicy(first=0.01, longest=0.05, tick=0.01)
PASSWORD = "gp-password-1"


def expire_tokens(root: str) -> None:
    requests.post(f"{root}/testing/expireTokens", data={"f": "json"}).raise_for_status()


def features_for(task):
    """One feature of the geometry type the task's input schema asks for."""
    features = schema_of(task.parameter("Input_Features"))
    shape = shapely.Point(500_000, 4_980_000)
    features.add(shape if features.geometry_type == "esriGeometryPoint" else shape.buffer(5), {"Name": "a"})
    return features


def test_a_username_and_password_are_exchanged_for_a_token(gp_server):
    server = Server(gp_server, username="gpuser", password=PASSWORD)
    task = server.task("Secure/SummarizeSync", "Summarize")
    assert execute(server, task, {"Input_Features": features_for(task)}).output("Feature_Count") == 1


def test_a_wrong_password_says_sign_in_failed_without_showing_it(gp_server):
    server = Server(gp_server, username="gpuser", password="not-the-password")
    with pytest.raises(TokenRequired) as caught:
        server.service("Secure/SummarizeSync")
    assert "Sign-in as 'gpuser' failed" in str(caught.value) and "Invalid username or password" in str(caught.value)
    assert "not-the-password" not in str(caught.value)


def test_a_secured_service_without_credentials_says_a_sign_in_is_needed(gp_server):
    with pytest.raises(TokenRequired, match="needs a sign-in"):
        Server(gp_server).service("Secure/SummarizeSync")


def test_a_given_token_that_expires_asks_for_a_new_one(gp_server):
    token = requests.post(
        f"{gp_server}/tokens/generateToken", data={"f": "json", "username": "gpuser", "password": PASSWORD}
    ).json()["token"]
    server = Server(gp_server, token=token)
    server.service("Secure/SummarizeSync")
    expire_tokens(gp_server)
    with pytest.raises(TokenRequired, match="give a new token") as caught:
        server.service("Secure/SummarizeSync")
    assert token not in str(caught.value)


def test_token_expiry_in_the_middle_of_a_job_is_survived(gp_server):
    server = Server(gp_server, username="gpuser", password=PASSWORD)
    task = server.task("Secure/BufferByVal", "BufferPoints")
    job = submit(server, task, {"Input_Features": features_for(task), "Distance": "5 meters"})
    expire_tokens(gp_server)
    assert job.wait(policy=FAST) == "esriJobSucceeded"
    expire_tokens(gp_server)
    assert len(job.output("Output_Polygons")) == 1


def test_a_token_is_renewed_before_it_expires(gp_server):
    now = [1_000_000.0]
    server = Server(gp_server)
    auth = TokenAuth(server.rest_root, server.http, credentials=Credentials("gpuser", PASSWORD), clock=lambda: now[0])
    first = auth.current()
    now[0] = auth._expires - RENEW_MARGIN - 1  # well before expiry: kept
    assert auth.current() == first
    now[0] = auth._expires - RENEW_MARGIN + 1  # about to expire: renewed
    assert auth.current() != first


def test_arcpy_username_and_password_form(gp_server):
    root = gp_server.replace("/arcgis", "/arcgis/services")
    arcpy.ImportToolbox(f"{root};Secure/BufferByVal;gpuser;{PASSWORD}", "securetools")
    features = arcpy.GetParameterValue("BufferPoints_securetools", 0)
    features.add(shapely.Point(500_000, 4_980_000), {"Name": "a"})
    result = arcpy.BufferPoints_securetools(features, "5 Meters")
    assert len(result[0]) == 1
    image = requests.get(result.getMapImageURL(0))  # a plain download works: the URL carries the token
    assert image.headers["Content-Type"] == "image/png"


def test_arcpy_token_and_referer_form(gp_server):
    token = requests.post(
        f"{gp_server}/tokens/generateToken",
        data={
            "f": "json",
            "username": "gpuser",
            "password": PASSWORD,
            "client": "referer",
            "referer": "https://app.example",
        },
    ).json()["token"]
    root = gp_server.replace("/arcgis", "/arcgis/services")
    arcpy.ImportToolbox(f"{root};Secure/SummarizeSync;token={token};https://app.example", "referred")
    features = arcpy.GetParameterValue("Summarize_referred", 0)
    features.add(shapely.box(500_000, 4_980_000, 500_010, 4_980_010), {"Name": "a"})
    assert arcpy.Summarize_referred(features)[0] == 1  # the server checks the Referer it was issued for
