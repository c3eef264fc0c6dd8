"""qgis_process.bin runs tasks without output arguments, and output features come back in the input
layer's CRS, a chosen one or the service's, with the layer's feature ids in ORIG_FID (issue 12, item 3).
Inputs are written and outputs read with OGR, positions checked against OSR's transform."""

from __future__ import annotations

from pathlib import Path

import pytest
from osgeo import ogr, osr

from harness import algorithm_id
from layers import write_layer

ECHO = algorithm_id("GP/DataTypes", "EchoTypes")
BUFFER = algorithm_id("GP/BufferByVal", "BufferPoints")
# By GeoPackage feature id: ids a layer of the same points numbered 1..n would not have.
POINTS = {7: ("T7", -93.0, 45.0), 9: ("T9", -92.99, 45.01)}


def wgs84_points(path: Path) -> str:
    """A GeoPackage of the points in EPSG:4326, with their feature ids and a Name."""
    wkts = {name: f"POINT ({lon} {lat})" for name, lon, lat in POINTS.values()}
    fids = {name: fid for fid, (name, _, _) in POINTS.items()}
    return write_layer(path, "points", ogr.wkbPoint, wkts, epsg=4326, field="Name", fids=fids)


def buffered(installed, tmp_path: Path, name: str, *choices: str) -> tuple[int, dict[str, tuple]]:
    """Buffer the points into `name`.gpkg: its EPSG code and, by point name, (ORIG_FID, centroid x, y)."""
    output = tmp_path / f"{name}.gpkg"
    installed.run_algorithm(
        BUFFER,
        Input_Features=wgs84_points(tmp_path / f"{name}-points.gpkg"),
        Distance=10,
        Distance_UNIT="Meters",
        Output_Polygons=output,
        **dict(choice.split("=", 1) for choice in choices),
    )
    dataset = ogr.Open(str(output))
    layer = dataset.GetLayer(0)
    reference = layer.GetSpatialRef()
    reference.AutoIdentifyEPSG()
    buffers = {}
    for feature in layer:
        centre = feature.GetGeometryRef().Centroid()
        buffers[feature.GetField("Name")] = (feature.GetField("ORIG_FID"), centre.GetX(), centre.GetY())
    return int(reference.GetAuthorityCode(None)), buffers


def expected(epsg: int) -> dict[str, tuple]:
    """By point name, (its feature id, its position in `epsg` as OSR transforms it)."""
    source, target = osr.SpatialReference(), osr.SpatialReference()
    source.ImportFromEPSG(4326)
    target.ImportFromEPSG(epsg)
    for reference in (source, target):
        reference.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(source, target)
    return {name: (fid, *transform.TransformPoint(lon, lat)[:2]) for fid, (name, lon, lat) in POINTS.items()}


def test_a_run_given_no_output_arguments_succeeds(installed):
    results = installed.run_algorithm(ECHO, in_string="only this")
    assert results["in_string_out"] == "only this" and results["received"] == '["in_string"]'


def test_an_output_given_empty_is_skipped(installed, tmp_path):
    results = installed.run_algorithm(
        ECHO, in_string="x", in_features=wgs84_points(tmp_path / "points.gpkg"), in_features_out=""
    )
    assert "in_features_out" not in results and results["received"] == '["in_features", "in_string"]'


@pytest.mark.parametrize(
    "choices, epsg, tolerance",
    [
        ((), 4326, 1e-9),  # the input layer's
        (("OUTPUT_CRS=EPSG:3857",), 3857, 1e-3),
        (("KEEP_SERVICE_CRS=true",), 26915, 1e-3),
    ],
)
def test_output_features_come_back_in_the_chosen_crs_with_the_layers_feature_ids(
    installed, tmp_path, choices, epsg, tolerance
):
    written, buffers = buffered(installed, tmp_path, f"buffers-{epsg}", *choices)
    assert written == epsg
    assert buffers.keys() == expected(epsg).keys()
    for name, (fid, x, y) in expected(epsg).items():
        assert buffers[name] == (fid, pytest.approx(x, abs=tolerance), pytest.approx(y, abs=tolerance))
