"""What the cells start from, made once, straight on the reference server (no hostile world, no
gp_core): the input files (points, polygons, a DEM, a text file), a succeeded buffer job (results,
map image), a succeeded slope job (a raster to download), and the raster's size and digest."""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import requests
import shapefile

from gp_server.hooks import await_run

from .terms import BUFFER, PASSWORD, SLOPE, USERNAME

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
import demo_data

TIMEOUT = 60
STATUS_REQUESTS = 3
"""Each status request moves a reference job at most one step on: Executing, then (once its run has
ended) Succeeded."""


@dataclass(frozen=True)
class Prepared:
    data: Path
    buffer_job: str
    slope_job: str
    slope: tuple[int, str]
    """Size and SHA-256 of the slope raster."""
    token: str
    """The token used here: a secret like any other."""


def prepare(root: str, folder: Path) -> Prepared:
    demo_data.make_points(folder / "towers.shp")
    _make_parcels(folder / "parcels.shp")
    demo_data.make_dem(folder / "dem.tif")
    (folder / "notes.txt").write_text("Notes for an upload.\n")
    with requests.Session() as http:
        token = _json(
            http.post(
                f"{root}/tokens/generateToken",
                data={"username": USERNAME, "password": PASSWORD, "client": "requestip", "f": "json"},
                timeout=TIMEOUT,
            )
        )["token"]
        http.headers["X-Esri-Authorization"] = f"Bearer {token}"
        buffer_job = _finished(
            http,
            _task_url(root, BUFFER),
            {"Input_Features": json.dumps(_towers()), "Distance": json.dumps({"distance": 5, "units": "esriMeters"})},
        )
        slope_url = _task_url(root, SLOPE)
        with open(folder / "dem.tif", "rb") as dem:
            item = _json(
                http.post(
                    slope_url.rsplit("/", 1)[0] + "/uploads/upload",
                    data={"f": "json"},
                    files={"file": ("dem.tif", dem, "image/tiff")},
                    timeout=TIMEOUT,
                )
            )["item"]["itemID"]
        slope_job = _finished(http, slope_url, {"Input_DEM": json.dumps({"itemID": item})})
        raster = _json(
            http.get(f"{slope_url}/jobs/{slope_job}/results/Output_Slope", params={"f": "json"}, timeout=TIMEOUT)
        )
        content = http.get(raster["value"]["url"], timeout=TIMEOUT).content
    return Prepared(folder, buffer_job, slope_job, (len(content), hashlib.sha256(content).hexdigest()), token)


def _make_parcels(path: Path) -> None:
    """A 20 m square around each tower, as a polygon shapefile (clockwise rings, as shapefiles have them)."""
    with shapefile.Writer(str(path), shapeType=shapefile.POLYGON) as writer:
        writer.field("Name", "C", size=50)
        for name, x, y in demo_data.TOWERS:
            writer.poly([[(x - 10, y - 10), (x - 10, y + 10), (x + 10, y + 10), (x + 10, y - 10), (x - 10, y - 10)]])
            writer.record(name)
    path.with_suffix(".prj").write_text(demo_data.esri_wkt())


def _task_url(root: str, address: tuple[str, str]) -> str:
    return f"{root}/rest/services/{address[0]}/GPServer/{address[1]}"


def _towers() -> dict:
    return {
        "geometryType": "esriGeometryPoint",
        "spatialReference": {"wkid": demo_data.EPSG},
        "fields": [{"name": "Name", "type": "esriFieldTypeString", "length": 50}],
        "features": [{"geometry": {"x": x, "y": y}, "attributes": {"Name": name}} for name, x, y in demo_data.TOWERS],
    }


def _finished(http: requests.Session, task_url: str, form: dict[str, str]) -> str:
    job = _json(http.post(f"{task_url}/submitJob", data={**form, "f": "json"}, timeout=TIMEOUT))["jobId"]
    for _ in range(STATUS_REQUESTS):
        status = _json(http.get(f"{task_url}/jobs/{job}", params={"f": "json"}, timeout=TIMEOUT))["jobStatus"]
        if status == "esriJobSucceeded":
            return job
        await_run(f"{task_url}/jobs/{job}")
    raise RuntimeError(f"Job {job} of {task_url} did not succeed: {status}")


def _json(answer: requests.Response) -> dict:
    answer.raise_for_status()
    body = answer.json()
    if "error" in body:
        raise RuntimeError(f"{answer.url}: {body['error']}")
    return body
