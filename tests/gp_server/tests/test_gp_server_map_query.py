"""The reference server's transfer limit and its result map service's query, as ArcGIS answers them,
checked over real HTTP with plain requests: GP/CopyFeaturesAsync holds at most 100 features a result
(maximumRecords), and its result map service's layers answer 250 a page (maxRecordCount)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from test_gp_server import get

UTM15 = {"wkid": 26915, "latestWkid": 26915}
OBJECTID = {"name": "OBJECTID", "type": "esriFieldTypeOID", "alias": "OBJECTID"}
LABEL = {"name": "label", "type": "esriFieldTypeString", "alias": "label", "length": 20}
WHEN = {"name": "when", "type": "esriFieldTypeDate", "alias": "when", "length": 8}
COUNT = 600
X0, Y0 = 480000.0, 4980000.0
EPOCH_MS = 1_714_982_547_285  # 2024-05-06 08:02:27.285 UTC
MAX_POLLS = 200


@pytest.fixture(scope="module")
def service(gp_server: str) -> str:
    return f"{gp_server}/rest/services/GP/CopyFeaturesAsync"


def points(count: int, fields: tuple[dict[str, Any], ...] = (OBJECTID, LABEL, WHEN)) -> dict[str, Any]:
    """`count` points with Z and M along a line; OBJECTID 1..count, a label and a date a second apart."""
    names = [f["name"] for f in fields]
    values = {"OBJECTID": lambda n: n + 1, "label": lambda n: f"p{n + 1}", "when": lambda n: EPOCH_MS + 1000 * n}
    return {
        "geometryType": "esriGeometryPoint",
        "hasZ": True,
        "hasM": True,
        "spatialReference": UTM15,
        "fields": list(fields),
        "features": [
            {
                "geometry": {"x": X0 + n, "y": Y0, "z": n / 2, "m": n / 4},
                "attributes": {name: values[name](n) for name in names},
            }
            for n in range(count)
        ],
    }


def copied(http: requests.Session, service: str, features: dict[str, Any]) -> str:
    """Run the job to its end; its result map (``MapServer/jobs/<jobId>``)."""
    task = f"{service}/GPServer/CopyFeatures"
    job = http.post(
        f"{task}/submitJob",
        data={"f": "json", "Input_Features": json.dumps(features), "returnZ": "true", "returnM": "true"},
    ).json()
    for _ in range(MAX_POLLS):
        status = get(http, f"{task}/jobs/{job['jobId']}")["jobStatus"]
        if status not in ("esriJobSubmitted", "esriJobWaiting", "esriJobExecuting"):
            break
    assert status == "esriJobSucceeded"
    return f"{service}/MapServer/jobs/{job['jobId']}"


@pytest.fixture(scope="module")
def job_map(http: requests.Session, service: str) -> str:
    return copied(http, service, points(COUNT))


def query(http: requests.Session, job_map: str, **params: Any) -> dict[str, Any]:
    return get(http, f"{job_map}/0/query", **{"where": "1=1", "outFields": "*", **params})


def ids(answer: dict[str, Any]) -> list[int]:
    return [f["attributes"]["OBJECTID"] for f in answer["features"]]


def test_the_service_says_its_limit_and_its_result_map_service(http: requests.Session, service: str) -> None:
    description = get(http, f"{service}/GPServer")
    assert (description["maximumRecords"], description["resultMapServerName"]) == (100, "CopyFeaturesAsync")
    assert description["executionType"] == "esriExecutionTypeAsynchronous"


def test_a_result_over_the_limit_comes_without_features(http: requests.Session, job_map: str) -> None:
    """As ArcGIS: 'the service will not return any features', and says so with exceededTransferLimit."""
    job = job_map.replace("/MapServer/jobs/", "/GPServer/CopyFeatures/jobs/")
    value = get(http, f"{job}/results/Output_Features", returnType="data")["value"]
    assert (value["features"], value["exceededTransferLimit"]) == ([], True)
    assert value["fields"] == [OBJECTID, LABEL, WHEN] and value["spatialReference"] == UTM15


def test_at_the_limit_a_result_holds_its_features(http: requests.Session, service: str) -> None:
    job = copied(http, service, points(100)).replace("/MapServer/jobs/", "/GPServer/CopyFeatures/jobs/")
    value = get(http, f"{job}/results/Output_Features", returnType="data")["value"]
    assert (len(value["features"]), value["exceededTransferLimit"]) == (100, False)


def test_the_layer_describes_its_page_size_and_paging(http: requests.Session, job_map: str) -> None:
    assert get(http, job_map)["maxRecordCount"] == 250
    layer = get(http, f"{job_map}/0")
    assert (layer["maxRecordCount"], layer["capabilities"]) == (250, "Map,Query,Data")
    assert layer["advancedQueryCapabilities"]["supportsPagination"] is True
    assert layer["advancedQueryCapabilities"]["supportsOrderBy"] is True
    assert layer["fields"] == [OBJECTID, LABEL, WHEN] and (layer["hasZ"], layer["hasM"]) == (True, True)


def test_a_query_answers_the_first_page_and_says_more_match(http: requests.Session, job_map: str) -> None:
    first = query(http, job_map)
    assert ids(first) == list(range(1, 251)) and first["exceededTransferLimit"] is True
    assert first["objectIdFieldName"] == "OBJECTID" and first["fields"] == [OBJECTID, LABEL, WHEN]
    assert query(http, job_map, returnCountOnly="true") == {"count": COUNT}


def test_pages_follow_one_another_to_the_last(http: requests.Session, job_map: str) -> None:
    pages = [
        query(http, job_map, orderByFields="OBJECTID ASC", resultOffset=offset, resultRecordCount=200)
        for offset in (0, 200, 400)
    ]
    assert [ids(page) for page in pages] == [list(range(1, 201)), list(range(201, 401)), list(range(401, 601))]
    assert [page["exceededTransferLimit"] for page in pages] == [True, True, False]
    beyond = query(http, job_map, resultOffset=COUNT, resultRecordCount=200)
    assert (beyond["features"], beyond["exceededTransferLimit"]) == ([], False)


def test_a_page_never_holds_more_than_the_layers_max_record_count(http: requests.Session, job_map: str) -> None:
    page = query(http, job_map, resultOffset=100, resultRecordCount=5000)
    assert ids(page) == list(range(101, 351)) and page["exceededTransferLimit"] is True


def test_pages_in_another_order(http: requests.Session, job_map: str) -> None:
    page = query(http, job_map, orderByFields="OBJECTID DESC", resultOffset=0, resultRecordCount=3)
    assert ids(page) == [600, 599, 598]
    filtered = query(http, job_map, where="OBJECTID > 595 AND OBJECTID < 600", orderByFields="label DESC")
    assert ids(filtered) == [599, 598, 597, 596]


def test_a_page_keeps_z_m_dates_and_takes_an_output_spatial_reference(http: requests.Session, job_map: str) -> None:
    page = query(http, job_map, returnZ="true", returnM="true", resultOffset=10, resultRecordCount=1)
    [feature] = page["features"]
    assert (page["hasZ"], page["hasM"]) == (True, True)
    assert feature["geometry"] == {"x": X0 + 10, "y": Y0, "z": 5.0, "m": 2.5}
    assert feature["attributes"] == {"OBJECTID": 11, "label": "p11", "when": EPOCH_MS + 10_000}
    flat = query(http, job_map, resultOffset=10, resultRecordCount=1)
    assert "hasZ" not in flat and flat["features"][0]["geometry"] == {"x": X0 + 10, "y": Y0}
    wgs84 = query(http, job_map, outSR=4326, resultOffset=10, resultRecordCount=1, returnGeometry="true")
    assert wgs84["spatialReference"]["wkid"] == 4326
    assert wgs84["features"][0]["geometry"]["x"] == pytest.approx(-93.2535, abs=1e-4)
    bare = query(http, job_map, returnGeometry="false", outFields="label", resultRecordCount=1)
    assert bare["features"] == [{"attributes": {"label": "p1"}}]


def test_an_output_without_object_ids_gets_them_on_its_layer(http: requests.Session, service: str) -> None:
    job_map = copied(http, service, points(120, fields=(LABEL,)))
    layer = get(http, f"{job_map}/0")
    assert layer["fields"] == [OBJECTID, LABEL]
    page = query(http, job_map, resultOffset=118)
    assert [f["attributes"] for f in page["features"]] == [
        {"OBJECTID": 119, "label": "p119"},
        {"OBJECTID": 120, "label": "p120"},
    ]


@pytest.mark.parametrize(
    "params, problem",
    [
        ({"resultOffset": "-1"}, "resultOffset"),
        ({"resultRecordCount": "many"}, "resultRecordCount"),
        ({"orderByFields": "height"}, "'orderByFields' parameter is invalid: height"),
        ({"where": "height > 3"}, "'where' parameter is invalid: height > 3"),
        ({"outSR": "999999"}, "'outSR' parameter is invalid"),
    ],
)
def test_a_bad_query_is_an_error_naming_the_parameter(
    http: requests.Session, job_map: str, params: dict[str, str], problem: str
) -> None:
    error = query(http, job_map, **params)["error"]
    assert error["code"] == 400 and problem in error["details"][0]


def test_only_the_jobs_layers_answer(http: requests.Session, job_map: str) -> None:
    assert get(http, f"{job_map}/1/query")["error"]["code"] == 404
    assert get(http, f"{job_map}/0/features")["error"]["code"] == 404
    other = job_map.replace("GP/CopyFeaturesAsync", "GP/BufferByVal")
    assert get(http, f"{other}/0/query")["error"]["code"] == 404
