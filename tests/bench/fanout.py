"""Benchmark (not a test): how much longer 20 jobs of a remote task take through `remotegp:fanout` than
one job through the task's own algorithm, against the reference server running every job in
parallel, each for JOB_SECONDS. The goal is at most 1.5 times.

    cd tests && ../.venv/bin/python bench/fanout.py

QGIS runs in this process with a throwaway profile, the plugin from the checkout (loaded as a
standalone script loads it, `remote_gp.load_provider()`), and one connection to a reference server
started for the benchmark with enough workers for every job.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))

from gp_server.process import running_module  # noqa: E402 (after the path)
from qgis_app import qgis_started  # noqa: E402

JOBS = 20
JOB_SECONDS = 5.0
GOAL = 1.5


def main() -> int:
    with qgis_started("fanout_bench_") as profile:
        return _bench(profile)


def _bench(folder: Path) -> int:
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing

    import remote_gp

    remote_gp.load_provider()
    workers = str(JOBS + 1)
    arguments = ("--port", "0", "--stop-on-stdin-eof", "--workers", workers, "--job-seconds", str(JOB_SECONDS))
    with running_module("gp_server", *arguments) as url:
        key = processing.run("remotegp:addconnection", {"NAME": "Bench", "URL": url})["KEY"]
        processing.run("remotegp:refreshconnections", {"CONNECTIONS": "Bench"})
        task = f"remotegp:{key}gpbufferbyvalbufferpoints"
        one = _timed(
            processing.run,
            task,
            {"Input_Features": _points(1), "Distance": 5, "Output_Polygons": str(folder / "one.gpkg")},
        )
        many = _timed(
            processing.run,
            "remotegp:fanout",
            {
                "ALGORITHM": task,
                "INPUT": [_points(JOBS)],
                "CHUNK_SIZE": 1,
                "PARAMETERS": '{"Distance": 5}',
                "OUTPUT": str(folder / "many"),
            },
        )
    ratio = many / one
    print(f"1 job: {one:.2f} s; {JOBS} jobs through remotegp:fanout: {many:.2f} s; ratio {ratio:.2f} (goal <= {GOAL})")
    return 0 if ratio <= GOAL else 1


def _points(count: int):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    layer = QgsVectorLayer("Point?crs=EPSG:26915&field=Name:string", f"{count} points", "memory")
    features = []
    for number in range(count):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([f"p{number}"])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(500000 + 100 * number, 4980000)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def _timed(function, *arguments) -> float:
    start = time.monotonic()
    function(*arguments)
    return time.monotonic() - start


if __name__ == "__main__":
    sys.exit(main())
