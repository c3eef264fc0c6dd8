"""qgis_process.bin and the inputs a user types (issue 12, items 1 and 2), against the reference
server's EchoTypes, which echoes what it was sent: a unit by the number `qgis_process help` lists for
it or by its name in any case; a polygon layer for an input whose filter takes points and polygons
(its schema names points); a GeoJSON file of projected coordinates without a CRS, refused saying so."""

from __future__ import annotations

import json
import re

import pytest
from osgeo import ogr

from harness import algorithm_id
from layers import DONUT_AREA, SQUARE_AREA, polygons, read_layer

ECHO = algorithm_id("GP/DataTypes", "EchoTypes")
NO_LONGITUDE = (
    "Feature 0 of 'projected' cannot be transformed to the task's coordinate reference system: its coordinates "
    "(500010, 4980020) are not longitudes and latitudes, but the layer's coordinate reference system is WGS 84 "
    "(EPSG:4326). The layer has no coordinate reference system of its own (QGIS gives WGS 84 to a layer read "
    "without one) or a wrong one: set its CRS (Layer Properties ▸ Source, or Processing's Assign Projection), "
    "then run the tool again."
)


def echoed(installed, *arguments: str) -> dict:
    """EchoTypes' results (outputs not given go to temporary files, gone when qgis_process ends)."""
    return json.loads(installed.qgis_process("--json", "run", ECHO, *arguments).stdout)["results"]


def listed_options(help_text: str, name: str) -> dict[str, str]:
    """The options `qgis_process help` lists for an enum parameter: {option: its number}."""
    section = help_text[help_text.index(f"\n{name}:") :].split("Acceptable values:")[0]
    return {option: number for number, option in re.findall(r"- (\d+): (\S+)", section)}


def test_a_unit_is_given_by_the_number_the_help_lists_or_by_its_name_in_any_case(installed):
    options = listed_options(installed.qgis_process("help", ECHO).stdout, "in_linear_UNIT")
    assert "Feet" in options and not {"UnknownUnits", "Points", "IntInches"} & set(options)
    for given in (options["Feet"], "feet"):
        results = echoed(installed, "--in_linear=5", f"--in_linear_UNIT={given}")
        assert (results["in_linear_out"], json.loads(results["received"])) == ("5 Feet", ["in_linear"])


def test_a_unit_the_help_does_not_list_is_refused(installed):
    ran = installed.qgis_process("run", ECHO, "--in_linear=5", "--in_linear_UNIT=furlongs", check=False)
    assert ran.returncode == 1 and not ran.crash_signal
    assert "Incorrect parameter value for in_linear_UNIT" in ran.output


def test_a_polygon_layer_is_sent_where_the_filter_takes_polygons(installed, tmp_path):
    output = tmp_path / "echoed.gpkg"
    results = echoed(installed, f"--in_features={polygons(tmp_path)}", f"--in_features_out={output}")
    assert json.loads(results["received"]) == ["in_features"]
    geometry_type, echoed_polygons = read_layer(output)
    assert ogr.GT_Flatten(geometry_type) in (ogr.wkbPolygon, ogr.wkbMultiPolygon)
    assert sum(g.GetArea() for g in echoed_polygons.values()) == pytest.approx(DONUT_AREA + SQUARE_AREA)


def test_a_geojson_file_of_projected_coordinates_without_crs_is_refused_saying_how_to_set_it(installed, tmp_path):
    """GeoJSON without a `crs` member is WGS 84 (RFC 7946), so QGIS reads it so."""
    path = tmp_path / "projected.geojson"
    point = {"type": "Point", "coordinates": [500010, 4980020]}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": point}]}))
    ran = installed.qgis_process("run", ECHO, f"--in_features={path}", check=False)
    assert ran.returncode == 1 and not ran.crash_signal
    assert NO_LONGITUDE in ran.output and "inf" not in ran.output


def test_a_choice_or_coded_value_is_given_by_the_number_the_help_lists_or_by_its_text_in_any_case(installed):
    help_text = installed.qgis_process("help", ECHO).stdout
    choices, coded = listed_options(help_text, "in_choice"), listed_options(help_text, "in_coded")
    assert (choices, coded) == ({"red": "0", "green": "1", "blue": "2"}, {"Low": "0", "Medium": "1", "High": "2"})
    for given_choice, given_code, sent in (
        (choices["blue"], coded["High"], ("blue", 3)),
        ("GREEN", "low", ("green", 1)),
    ):
        results = echoed(installed, f"--in_choice={given_choice}", f"--in_coded={given_code}")
        assert (results["in_choice_out"], results["in_coded_out"]) == sent
        assert set(json.loads(results["received"])) == {"in_choice", "in_coded"}


def test_a_choice_the_help_does_not_list_is_refused(installed):
    ran = installed.qgis_process("run", ECHO, "--in_choice=purple", check=False)
    assert ran.returncode == 1 and not ran.crash_signal
    assert "Incorrect parameter value for in_choice" in ran.output
