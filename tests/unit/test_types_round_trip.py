"""Every GP data type through the reference server and back (GP/DataTypes, EchoTypes)."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

import pytest
import shapely

from remote_gp.gp_core import (
    ArealUnit,
    Extent,
    FeatureService,
    Field,
    LinearUnit,
    ParameterError,
    RasterFile,
    RemoteFile,
    SpatialReference,
    TimeUnit,
    TransferLimitExceeded,
    execute,
)
from remote_gp.gp_core.run import MAX_FORM_BYTES, encoded_size
from remote_gp.gp_core.values import schema_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
import demo_data


@pytest.fixture(scope="module")
def echo(server):
    return server.task("GP/DataTypes", "EchoTypes")


def echoed(server, echo, **inputs):
    result = execute(server, echo, inputs)
    assert result.output("received") == sorted(inputs)  # nothing else was sent
    return {name: result.output(f"{name}_out") for name in inputs}


def points(echo, count=2):
    features = schema_of(echo.parameter("in_features"))
    for n in range(count):
        features.add(
            shapely.Point(500_000 + n, 4_980_000 + n),
            {"Name": f"p{n}", "Seen": datetime(2024, 5, 1, 12, tzinfo=timezone.utc), "Code": 2**53 + n},
        )
    return features


def test_scalars(server, echo):
    back = echoed(
        server,
        echo,
        in_string="a, b",
        in_hidden="secret-ish",
        in_sql="POP > 5",
        in_long=-7,
        in_double=2.5,
        in_bool=True,
        in_choice="BLUE",
        in_coded="Medium",
    )
    assert back == {
        "in_string": "a, b",
        "in_hidden": "secret-ish",
        "in_sql": "POP > 5",
        "in_long": -7,
        "in_double": 2.5,
        "in_bool": True,
        "in_choice": "blue",
        "in_coded": 2,
    }


def test_dates_and_quantities(server, echo):
    moment = datetime(2021, 3, 4, 5, 6, 7, tzinfo=timezone.utc)
    back = echoed(server, echo, in_date=moment, in_linear="5 feet", in_areal="2 hectares", in_time="90 minutes")
    assert back == {
        "in_date": moment,
        "in_linear": LinearUnit(5, "esriFeet"),
        "in_areal": ArealUnit(2, "esriHectares"),
        "in_time": TimeUnit(90, "esriTimeUnitsMinutes"),
    }


def test_multivalues_value_tables_and_composites(server, echo):
    back = echoed(
        server,
        echo,
        in_strings=["a,b", "c"],
        in_doubles=[1, 2.5],
        in_units=["1 km", "2 miles"],
        in_table_values=[["x", 1, 0.5], {"label": "y", "count": 2}],
        in_composite="3 meters",
    )
    assert back["in_strings"] == ["a,b", "c"] and back["in_doubles"] == [1.0, 2.5]
    assert back["in_units"] == [LinearUnit(1, "esriKilometers"), LinearUnit(2, "esriMiles")]
    assert back["in_table_values"] == [["x", 1, 0.5], ["y", 2, None]]
    assert back["in_composite"] == LinearUnit(3, "esriMeters")


def test_spatial_reference_extent_and_field(server, echo):
    extent = Extent(1, 2, 3, 4, SpatialReference(wkid=26915))
    back = echoed(server, echo, in_sr="EPSG:3857", in_extent=extent, in_features=points(echo), in_field="Name")
    assert back["in_sr"] == SpatialReference(wkid=3857) and back["in_extent"] == extent
    assert isinstance(back["in_field"], Field) and back["in_field"].name == "Name"


def test_features_and_tables_keep_geometry_dates_and_64_bit_codes(server, echo):
    back = echoed(server, echo, in_features=points(echo), in_table=[{"a": 1}])
    features = back["in_features"]
    assert [g.coords[0] for g in features.geometries] == [(500_000, 4_980_000), (500_001, 4_980_001)]
    assert features.attributes[1]["Seen"] == datetime(2024, 5, 1, 12, tzinfo=timezone.utc)
    assert features.attributes[1]["Code"] == 2**53 + 1
    assert back["in_table"].attributes == [{"a": 1}]


def test_features_from_a_layer_url_and_a_query_url(server, echo, gp_server):
    layer = f"{gp_server}/rest/services/Hosted/Towers/FeatureServer/0"
    assert len(echoed(server, echo, in_features=layer)["in_features"]) == 5
    assert len(echoed(server, echo, in_features=FeatureService(f"{layer}/query?where=OBJECTID<3"))["in_features"]) == 2


def test_files_and_rasters_are_uploaded_and_come_back_as_downloadable_files(server, echo, tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text("a,b\n1,2\n")
    dem = demo_data.make_dem(tmp_path / "dem.tif")
    back = echoed(server, echo, in_file=notes, in_raster=dem, in_raster_data=str(dem))
    assert (
        isinstance(back["in_file"], RemoteFile)
        and back["in_file"].download(tmp_path / "got").read_text() == notes.read_text()
    )
    assert isinstance(back["in_raster"], RasterFile) and back["in_raster"].format == "tif"
    assert back["in_raster_data"].download(tmp_path / "got.tif").read_bytes() == dem.read_bytes()


def test_filters_are_checked_before_the_server_sees_anything(server, echo):
    with pytest.raises(ParameterError, match="in_long': 5000 is outside"):
        execute(server, echo, {"in_long": 5000})
    with pytest.raises(ParameterError, match="in_choice': 'mauve' is not one of the choices: red, green, blue"):
        execute(server, echo, {"in_choice": "mauve"})
    with pytest.raises(ParameterError, match=r"in_coded': 7 is not one of the accepted values: Low \(1\)"):
        execute(server, echo, {"in_coded": 7})


def test_value_tables_come_back_keyed_by_column_name_when_asked(server, echo):
    from remote_gp.gp_core.run import request_form

    form = request_form(server, echo, {"in_table_values": [["x", 1, 0.5]]})
    body = server.post(f"{echo.url}/execute", {**form, "returnColumnName": "true"})
    rows = next(r["value"] for r in body["results"] if r["paramName"] == "in_table_values_out")
    assert rows == [{"label": "x", "count": 1, "weight": 0.5}]


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"f": "json"},
        {"f": "json", "in features": '{"rings":[[[1.5,-2e-05],[3,4]]]}', "note": "Zürich & Genève = 2 ~_.-"},
        {"ünïcode": "\u00a0\u2028😀", "empty": "", "plus+": "a+b c%20d/e?f#g"},
    ],
)
def test_a_form_s_encoded_size_is_the_length_urlencode_gives_it(form):
    assert encoded_size(form) == len(urlencode(form))
    assert encoded_size({key: value.encode("utf-8") for key, value in form.items()}) == len(urlencode(form))


def test_a_feature_set_too_big_for_a_form_post_is_uploaded(server, echo):
    """The server answers 413 to a form over 10 MB: getting an answer at all shows the upload."""
    many = points(echo, 1)
    many.set_features(
        [shapely.Point(500_000 + n, 4_980_000) for n in range(100_000)],
        [{"Name": f"tower number {n:06d}"} for n in range(100_000)],
    )
    assert encoded_size({"in_features": json.dumps(many.to_json())}) > MAX_FORM_BYTES
    with pytest.raises(TransferLimitExceeded, match="in_features_out"):  # the echo stops at maximumRecords
        echoed(server, echo, in_features=many)


def test_too_big_for_a_service_without_uploads_is_refused_before_sending(server):
    task = server.task("GP/SummarizeSync", "Summarize")
    squares = schema_of(task.parameter("Input_Features"))
    squares.set_features([shapely.box(n, 0, n + 0.5, 0.5) for n in range(60_000)], [{}] * 60_000)
    with pytest.raises(ParameterError, match=r"Input_Features': its value is \d+\.\d MB .* does not accept uploads"):
        execute(server, task, {"Input_Features": squares})
