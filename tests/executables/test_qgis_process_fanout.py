"""remotegp:fanout in qgis_process.bin from the installed zip: ten towers in chunks of two are five
jobs of BufferPoints, all in flight on the reference server at once, merged into one GeoPackage."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from osgeo import ogr

from gp_server.hooks import job_order
from harness import FromInput, Step, algorithm_id, write_model

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
import demo_data


def test_chunks_of_a_layer_run_as_jobs_all_in_flight_and_merge(installed, gp_server, tmp_path):
    towers = demo_data.make_points(tmp_path / "towers.shp")
    results = installed.run_algorithm(
        "remotegp:fanout",
        ALGORITHM=algorithm_id("GP/BufferByVal", "BufferPoints"),
        INPUT=towers,
        CHUNK_SIZE=2,
        PARAMETERS=json.dumps({"Distance": 5, "Distance_UNIT": "Feet"}),
        OUTPUT=tmp_path / "out",
    )
    assert (results["SUCCEEDED"], results["FAILED"], results["OUTPUT"]) == (5, 0, str(tmp_path / "out"))
    task = f"{gp_server}/rest/services/GP/BufferByVal/GPServer/BufferPoints"
    orders = [job_order(f"{task}/jobs/{job_id}") for job_id in results["JOB_IDS"].split(",")]
    assert len(orders) == 5 and max(submitted for submitted, _ in orders) < min(ended for _, ended in orders)
    dataset = ogr.Open(str(tmp_path / "out" / "Output_Polygons.gpkg"))  # its layer lives as long as it
    names = [name for name, _, _ in demo_data.TOWERS]
    assert {feature.GetField("Name"): feature.GetField("GROUP_NAME") for feature in dataset.GetLayer(0)} == {
        name: f"towers — part {number // 2 + 1}" for number, name in enumerate(names)
    }


def test_a_model_fans_out_its_input_layer(installed, tmp_path):
    towers = demo_data.make_points(tmp_path / "towers.shp")
    parameters = {
        "ALGORITHM": algorithm_id("GP/BufferByVal", "BufferPoints"),
        "INPUT": FromInput("towers"),
        "CHUNK_SIZE": 5,
        "PARAMETERS": json.dumps({"Distance": 5}),
        "MERGE": False,
    }
    model = write_model(
        tmp_path / "fan.model3",
        "Fan out",
        ["towers"],
        [Step("fan", "remotegp:fanout", parameters, {"folder": "OUTPUT"})],
    )
    installed.run_algorithm(str(model), towers=towers, **{"fan:folder": tmp_path / "out"})
    assert {path.name: feature_count(path) for path in (tmp_path / "out").iterdir()} == {
        "01_towers_part_1_Output_Polygons.gpkg": 5,
        "02_towers_part_2_Output_Polygons.gpkg": 5,
    }


def feature_count(path: Path) -> int:
    dataset = ogr.Open(str(path))  # its layer lives as long as it
    return dataset.GetLayer(0).GetFeatureCount()
