"""qgis_process.bin with a result over the server's transfer limit: every feature, from the job's result
map service, into a GeoPackage that keeps its dates to the millisecond and in UTC; or, without a result
map service, a failed run (non-zero exit) whose message names the limit.

GP/CopyFeaturesAsync returns at most 100 features a result; its result map service, 250 a page.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from osgeo import ogr, osr

from harness import algorithm_id

ogr.UseExceptions()
osr.UseExceptions()

COUNT = 1000
START = datetime(2024, 5, 6, 16, 2, 27, 250000, tzinfo=timezone.utc)
STEP = timedelta(milliseconds=1250)  # .250, .500, .750, .000: exact in OGR's single-precision seconds, which
# QGIS 3.22 reads by cutting, not rounding (27.285 comes back as 27.284 from any file QGIS reads)


def when(n: int) -> datetime:
    return START + n * STEP


def dated_points(path: Path) -> str:
    """COUNT points in a GeoPackage, labelled p1..pN, with a date each (UTC, milliseconds)."""
    reference = osr.SpatialReference()
    reference.ImportFromEPSG(26915)
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = dataset.CreateLayer("points", reference, ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("label", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("when", ogr.OFTDateTime))
    layer.StartTransaction()
    for n in range(COUNT):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("label", f"p{n + 1}")
        moment = when(n)
        feature.SetField(
            "when",
            moment.year,
            moment.month,
            moment.day,
            moment.hour,
            moment.minute,
            moment.second + moment.microsecond / 1e6,
            100,
        )
        feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({480000 + n} 4980000)"))
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    dataset = None  # written
    return f"{path}|layername=points"


def test_every_feature_of_a_result_over_the_limit_reaches_the_geopackage(installed, tmp_path):
    output = tmp_path / "copied.gpkg"
    installed.run_algorithm(
        algorithm_id("GP/CopyFeaturesAsync", "CopyFeatures"),
        Input_Features=dated_points(tmp_path / "points.gpkg"),
        Output_Features=output,
    )
    with sqlite3.connect(output) as db:
        rows = db.execute('SELECT label, "when" FROM copied').fetchall()
        indexed = db.execute("SELECT COUNT(*), MIN(minx), MAX(maxx) FROM rtree_copied_geom").fetchone()
    assert len(rows) == COUNT and dict(rows) == {
        f"p{n + 1}": when(n).isoformat(timespec="milliseconds")[:-6] + "Z" for n in range(COUNT)
    }
    assert indexed == (COUNT, 480000, 480000 + COUNT - 1)  # GDAL wrote the features: its spatial index holds them


def test_a_result_over_the_limit_without_result_map_service_fails_naming_the_limit(installed):
    ran = installed.qgis_process(
        "run",
        algorithm_id("GP/Lifecycle", "RunScenario"),
        "--scenario=transfer-limit",
        "--features=TEMPORARY_OUTPUT",
        check=False,
    )
    assert ran.returncode not in (0, None) and ran.crash_signal is None, ran.output
    assert (
        "Output 'features' has more features than the service returns in one answer (its limit: 1000 records, "
        "maximumRecords), so they were not returned. The service has no result map service"
    ) in ran.output
    assert "'Maximum number of records returned by the server'" in ran.output
