"""`make bench`'s harness (tests/bench/run.py) runs end to end on the small workload with one repeat:
every measurement in a process of its own, each peer's output checked, the table and the chart
written. Here, beside the tests that start QGIS in processes of their own, as the benchmark does. No
time is asserted: the benchmark reports times, the tests only that it can."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parents[1] / "bench" / "run.py"
#: The rows that must have figures in any venv of the project (the others name a missing package).
MEASURED = [
    "floor: stdlib json.loads only (collector paused)",
    "GDAL's ESRIJSON driver (C++) → WKB → shapely",
    "QGIS's OGR layer (ogr provider), features iterated",
    "**gp_core: answers.read_json + FeatureSet.from_json (the client's path)**",
    "gp_core: the caller's json.loads (collector running) + FeatureSet.from_json",
    "gp_core's path without orjson and msgspec",
    "floor: stdlib json.dumps of a ready dict",
    "**gp_core: FeatureSet.to_bytes (its own encoder: the text its client sends)**",
    "gp_core: FeatureSet.to_text (the same text as a str)",
    "gp_core: FeatureSet.to_json + json.dumps",
    "gp_core's to_bytes without orjson and msgspec",
    "plugin: read_json + from_json + write_features → memory layer",
    "QGIS's OGR layer → materialize (memory layer)",
    "plugin: … + gpkg_writer.fill (GDAL) → GeoPackage",
    "QGIS's OGR layer → QgsVectorFileWriter (GeoPackage)",
]
FIGURE = r"\d+\.\d\d"


def test_the_benchmark_runs_end_to_end_on_the_small_workload(tmp_path: Path):
    arguments = ["--workloads", "small", "--repeats", "1", "--polling-jobs", "6", "--provider-tasks", "60"]
    done = subprocess.run(
        [sys.executable, str(RUN), *arguments, "--out", str(tmp_path)], capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert report in done.stdout  # and printed
    assert "WRONG" not in report and "failed" not in report and "stopped" not in report, report
    for label in MEASURED:
        assert re.search(rf"^\| {re.escape(label)} \| {FIGURE} \| \d+ \|", report, re.M), f"{label}:\n{report}"
    assert "### small: 1,000 features, 33,092 vertices" in report
    assert re.search(r"^### P3 polling .*\n\n.*\n\n\| jobs \| policy \|", report, re.M), report
    assert "\nrequests: 0;" in report  # P4: the provider started from its cache without a request
    assert (tmp_path / "ratios.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
