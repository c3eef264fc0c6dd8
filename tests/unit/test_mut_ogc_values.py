"""ogc_values's details, one by one: inputs checked and encoded, outputs decoded (no server needed;
what goes by reference is in test_ogc_scripted and test_ogc_client)."""

from __future__ import annotations

import base64
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from remote_gp.gp_core import BadResponse, Extent, FeatureSet, ParameterError, SpatialReference, UnknownParameter
from remote_gp.gp_core.ogc_model import GEOTIFF, Kind, Process, ProcessOutput, classify
from remote_gp.gp_core.ogc_server import OgcServer
from remote_gp.gp_core.ogc_values import (
    CRS84,
    OgcLink,
    decode_output,
    encode_input,
    encode_inputs,
    encode_value,
    requested_outputs,
    results_map,
    write_bytes,
)

TIFF = b"II*\x00" + bytes(28)
BBOX = {"allOf": [{"$ref": "bbox.yaml"}]}
SERVER = OgcServer("http://127.0.0.1:9")  # never asked: nothing here goes by reference


def _process(**inputs: Any) -> Process:
    return Process.from_json(
        {"id": "p", "inputs": inputs, "outputs": {"o": {"schema": {"type": "string"}}}}, "the server", "http://h/p"
    )


def encoded(schema: Any, value: Any) -> Any:
    return encode_value("x", classify(schema), value)


def refused(schema: Any, value: Any) -> str:
    with pytest.raises(ParameterError) as caught:
        encoded(schema, value)
    assert caught.value.parameter == "x"
    return caught.value.problem


def test_inputs_given_left_out_and_unknown() -> None:
    process = _process(
        a={"schema": {"type": "integer"}},
        b={"schema": {"type": "integer"}, "minOccurs": 0},
        c={"schema": {"type": "integer", "default": 3}},
    )
    assert encode_inputs(process, {"a": 1, "b": None}) == {"a": 1}  # c: the server's default
    assert encode_inputs(process, {"a": 1, "c": 2}) == {"a": 1, "c": 2}
    with pytest.raises(ParameterError, match="'a': a value is required \\(a whole number\\)"):
        encode_inputs(process, {"b": 1})
    with pytest.raises(UnknownParameter, match="no input 'd' \\(its inputs: a, b, c\\)"):
        encode_inputs(process, {"a": 1, "d": 1})
    with pytest.raises(UnknownParameter, match="its inputs: none"):
        encode_inputs(_process(), {"d": 1})


def test_occurrences() -> None:
    several = _process(t={"schema": {"type": "string"}, "minOccurs": 2, "maxOccurs": 3}).inputs["t"]
    assert encode_input(several, ("a", "b")) == ["a", "b"]
    assert "at least 2 values are required, not 1" in _problem(lambda: encode_input(several, ["a"]))
    assert "at most 3 values are allowed, not 4" in _problem(lambda: encode_input(several, list("abcd")))
    assert "at least 2 values are required (give a list)" in _problem(lambda: encode_input(several, "a"))
    unbounded = _process(t={"schema": {"type": "integer"}, "maxOccurs": "unbounded"}).inputs["t"]
    assert encode_input(unbounded, [1, 2, 3]) == [1, 2, 3] and encode_input(unbounded, 4) == 4
    once = _process(t={"schema": {"type": "string"}}).inputs["t"]
    assert "expected text" in _problem(lambda: encode_input(once, ["a"]))  # one value: a list is not one
    array = _process(t={"schema": {"type": "array", "items": {"type": "string"}}, "maxOccurs": 2}).inputs["t"]
    assert encode_input(array, ["a", "b"]) == ["a", "b"]  # one array, not two values


def _problem(call: Any) -> str:
    with pytest.raises(ParameterError) as caught:
        call()
    return caught.value.problem


def test_numbers() -> None:
    number = {"type": "number", "minimum": 0, "maximum": 10}
    assert encoded(number, 0) == 0 and encoded(number, 10) == 10 and encoded(number, "2.5") == 2.5
    assert refused(number, 10.5) == "10.5 is out of range: it must be at most 10."
    assert refused(number, -1) == "-1 is out of range: it must be at least 0."
    assert refused(number, True) == "expected a number, not True."
    assert refused(number, "two") == "expected a number, not 'two'."
    assert refused(number, [1]) == "expected a number, not [1]."
    assert refused(number, "nan") == "expected a finite number, not nan."
    exclusive = {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}
    assert encoded(exclusive, 0.5) == 0.5
    assert refused(exclusive, 0) == "0 is out of range: it must be more than 0."
    assert refused(exclusive, 1) == "1 is out of range: it must be less than 1."


def test_integers() -> None:
    integer = {"type": "integer", "maximum": 5}
    value = encoded(integer, 3.0)
    assert value == 3 and isinstance(value, int)
    assert encoded(integer, "4") == 4 and isinstance(encoded(integer, "4"), int)
    assert refused(integer, 2.5) == "expected a whole number, not 2.5."
    assert refused(integer, "2.5") == "expected a whole number, not '2.5'."
    assert refused(integer, 6) == "6 is out of range: it must be at most 5."
    assert refused(integer, False) == "expected a whole number, not False."


def test_booleans_and_texts() -> None:
    assert encoded({"type": "boolean"}, True) is True and encoded({"type": "boolean"}, False) is False
    assert encoded({"type": "boolean"}, " TRUE ") is True and encoded({"type": "boolean"}, "false") is False
    assert refused({"type": "boolean"}, 1) == "expected true or false, not 1."
    assert encoded({"type": "string"}, "é") == "é"
    assert refused({"type": "string"}, 5) == "expected text, not 5."


def test_enums() -> None:
    schema = {"enum": ["a", 1, True]}
    assert encoded(schema, "a") == "a"
    assert encoded(schema, 1) == 1 and encoded(schema, True) is True
    assert encoded(schema, "1") == 1 and encoded(schema, "true") is True  # typed in a form
    assert refused(schema, 2) == "2 is not allowed: expected one of a, 1, True."
    assert refused({"enum": [1]}, True) == "True is not allowed: expected one of 1."  # True == 1, but not 1


def test_bounding_boxes() -> None:
    assert encoded(BBOX, Extent(1, 2, 3, 4)) == {"bbox": [1, 2, 3, 4], "crs": CRS84}
    assert encoded(BBOX, Extent(1, 2, 3, 4, SpatialReference(wkid=4326)))["crs"] == CRS84
    mercator = encoded(BBOX, Extent(1, 2, 3, 4, SpatialReference(wkid=3857)))
    assert mercator == {"bbox": [1, 2, 3, 4], "crs": "http://www.opengis.net/def/crs/EPSG/0/3857"}
    custom = Extent(1, 2, 3, 4, SpatialReference(wkt='PROJCS["custom",GEOGCS["x"]]'))
    assert "has no EPSG code" in refused(BBOX, custom)
    given = {"bbox": [0, 0, 0, 1, 1, 1], "crs": "http://www.opengis.net/def/crs/OGC/0/CRS84h"}
    assert encoded(BBOX, given) == {"bbox": [0.0, 0.0, 0.0, 1.0, 1.0, 1.0], "crs": given["crs"]}
    assert encoded(BBOX, {"bbox": (0, 0, 1, 1)}) == {"bbox": [0, 0, 1, 1], "crs": CRS84}
    assert "crs should be a URI" in refused(BBOX, {"bbox": [0, 0, 1, 1], "crs": 4326})
    assert "4 or 6 numbers" in refused(BBOX, [0, 0, True, 1])
    assert "4 or 6 numbers" in refused(BBOX, "0,0,1,1")
    assert "minimum above its maximum" in refused(BBOX, [0, 2, 1, 1])


def test_arrays() -> None:
    schema = {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 2}
    assert encoded(schema, (1, "2")) == [1, 2]
    assert refused(schema, []) == "at least 1 items are required, not 0."
    assert refused(schema, [1, 2, 3]) == "at most 2 items are allowed, not 3."
    assert refused(schema, 1) == "expected a list of integer values, not 1."
    assert encoded({"type": "array"}, [{"a": 1}]) == [{"a": 1}]


def test_features(tmp_path: Path) -> None:
    schema = {"format": "geojson-feature-collection"}
    collection = {"type": "FeatureCollection", "features": []}
    point = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"a": 1}}
    assert encoded(schema, collection) == collection and encoded(schema, json.dumps(point)) == point
    path = tmp_path / "points.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [point]}))
    sent = encoded(schema, path)
    assert sent["type"] == "FeatureCollection" and sent["features"][0]["properties"] == {"a": 1}
    assert encoded(schema, FeatureSet.from_json(_esri()))["features"][0]["geometry"]["coordinates"] == [1.0, 2.0]
    assert encoded(schema, str(path)) == sent
    assert "does not exist" in refused(schema, tmp_path / "missing.geojson")
    assert refused(schema, "{not json") == "the text given is not GeoJSON."
    assert "expected features" in refused(schema, {"type": "Point"})


def _esri() -> dict[str, Any]:
    return {
        "geometryType": "esriGeometryPoint",
        "spatialReference": {"wkid": 4326},
        "fields": [],
        "features": [{"geometry": {"x": 1, "y": 2}, "attributes": {}}],
    }


def test_rasters(tmp_path: Path) -> None:
    schema = {"type": "string", "contentMediaType": "image/png; x=1", "oneOf": [{"contentMediaType": "image/tiff"}]}
    tif = tmp_path / "dem.tif"
    tif.write_bytes(TIFF)
    assert encoded(schema, tif) == {"value": base64.b64encode(TIFF).decode(), "mediaType": "image/tiff"}
    assert encoded({"contentMediaType": "image/x-geotiff"}, str(tif))["mediaType"] == GEOTIFF
    assert encoded(schema, "https://h/dem.tif") == {"href": "https://h/dem.tif", "type": "image/tiff"}
    assert encoded(schema, OgcLink("http://h/a.tif")) == {"href": "http://h/a.tif"}
    (tmp_path / "dem.png").write_bytes(b"\x89PNG")
    assert "is not a GeoTIFF file" in refused(schema, tmp_path / "dem.png")
    assert "cannot read the raster" in refused(schema, tmp_path / "none.tif")
    assert "expected a GeoTIFF file or its URL" in refused(schema, 5)


def test_other_complex_values(tmp_path: Path) -> None:
    csv = {"type": "string", "contentMediaType": "text/csv"}
    assert encoded(csv, b"a,b") == {"value": base64.b64encode(b"a,b").decode(), "mediaType": "text/csv"}
    assert encoded({}, b"x")["mediaType"] == "application/octet-stream"
    assert encoded({"type": "object"}, {"a": [1]}) == {"a": [1]}
    assert encoded(csv, "plain text") == "plain text"  # not a file's content: text as it is
    binary = {"type": "string", "contentEncoding": "base64"}
    (tmp_path / "a.bin").write_bytes(b"\x00\x01")
    assert encoded(binary, str(tmp_path / "a.bin")) == {"value": "AAE=", "mediaType": "application/octet-stream"}
    (tmp_path / "b.tif").write_bytes(TIFF)
    assert encoded(binary, tmp_path / "b.tif")["mediaType"] == GEOTIFF
    assert encoded(binary, "https://h/a.bin") == {"href": "https://h/a.bin"}
    assert "cannot read" in refused(binary, "missing.bin")
    assert "cannot be sent as JSON" in refused({}, {1, 2})


def test_outputs_asked_for() -> None:
    process = Process.from_json(
        {
            "id": "p",
            "outputs": {
                "a": {"schema": {"type": "string"}},
                "b": {"schema": {"oneOf": [{"contentMediaType": "image/png"}, {"contentMediaType": "image/tiff"}]}},
            },
        },
        "the server",
    )
    assert requested_outputs(process, ["a"]) == {"a": {"transmissionMode": "value"}}
    assert requested_outputs(process, {"b": "reference"}) == {
        "b": {"transmissionMode": "reference", "format": {"mediaType": "image/tiff"}}
    }
    with pytest.raises(UnknownParameter, match="no output 'c' \\(its outputs: a, b\\)"):
        requested_outputs(process, ["c"])
    with pytest.raises(ParameterError, match="by 'value' or by 'reference', not 'link'"):
        requested_outputs(process, {"a": "link"})


def test_results_documents() -> None:
    one = Process.from_json({"id": "p", "outputs": {"o": {"schema": {}}}}, "s")
    two = Process.from_json({"id": "p", "outputs": {"o": {"schema": {}}, "q": {"schema": {}}}}, "s")
    assert results_map(one, {"o": 1}, "s") == {"o": 1}
    assert results_map(one, {"id": "o", "value": 2}, "s") == {"o": 2}  # pygeoapi's
    assert results_map(two, {"outputs": [{"id": "o", "value": 1}, {"q": 2}]}, "s") == {"o": 1, "q": 2}
    assert results_map(one, [1, 2], "s") == {"o": [1, 2]}  # raw: the value itself
    assert results_map(one, {"x": 1}, "s") == {"o": {"x": 1}}
    assert results_map(None, {"x": 1}, "s") == {"x": 1}
    assert results_map(two, {"o": 1}, "s") == {"o": 1}
    with pytest.raises(BadResponse, match="s answered results that name none of the process's outputs"):
        results_map(two, {"x": 1}, "s")
    with pytest.raises(BadResponse):
        results_map(two, {}, "s")


def _output(schema: Any) -> ProcessOutput:
    return ProcessOutput("o", "", "", classify(schema))


def test_values_decoded(tmp_path: Path) -> None:
    text = _output({"type": "string"})
    assert decode_output(SERVER, text, "o", "a", None) == "a"
    assert decode_output(SERVER, text, "o", {"value": "b", "mediaType": "text/plain"}, None) == "b"
    assert decode_output(SERVER, None, "o", {"value": {"k": 1}}, None) == {"k": 1}
    link = decode_output(SERVER, text, "o", {"href": "http://h/f.txt", "type": "text/plain"}, None)
    assert link == OgcLink("http://h/f.txt", "text/plain") and link.to_json() == {
        "href": "http://h/f.txt",
        "type": "text/plain",
    }
    assert decode_output(SERVER, None, "o", {"href": "http://h/f", "type": 5}, None) == OgcLink("http://h/f")
    saved = decode_output(SERVER, text, "o", {"value": "x,y", "mediaType": "text/csv"}, tmp_path / "o.csv")
    assert saved.read_text() == "x,y"
    encoded_file = {"value": base64.b64encode(b"\x00").decode(), "mediaType": "application/zip", "encoding": "base64"}
    assert decode_output(SERVER, text, "o", encoded_file, tmp_path / "o.zip").read_bytes() == b"\x00"
    assert decode_output(SERVER, None, "o", {"value": "t", "format": {"mediaType": "text/csv"}}, None) == "t"
    several = [{"value": "a", "mediaType": "text/plain"}, {"href": "http://h/b"}]
    assert decode_output(SERVER, text, "o", several, None) == ["a", OgcLink("http://h/b")]
    with pytest.raises(ParameterError, match="several values"):
        decode_output(SERVER, text, "o", several, tmp_path / "x")
    assert decode_output(SERVER, text, "o", [1, 2], None) == [1, 2]


def test_rasters_decoded(tmp_path: Path) -> None:
    raster = _output({"contentMediaType": "image/tiff"})
    data = base64.b64encode(TIFF).decode()
    written = decode_output(SERVER, raster, "o", {"value": data, "mediaType": "image/tiff"}, tmp_path / "a.tif")
    assert written.read_bytes() == TIFF and list(tmp_path.iterdir()) == [written]
    wrapped = "\n".join(data[i : i + 8] for i in range(0, len(data), 8))  # base64 in lines
    assert decode_output(SERVER, raster, "o", wrapped, tmp_path / "b.tif").read_bytes() == TIFF
    temporary = decode_output(SERVER, None, "o", {"value": data, "mediaType": "image/geotiff"}, None)
    assert temporary.suffix == ".tif" and temporary.read_bytes() == TIFF
    temporary.unlink()
    with pytest.raises(BadResponse, match="'o' is not valid base64"):
        decode_output(SERVER, raster, "o", "not base64!", tmp_path / "c.tif")
    with pytest.raises(BadResponse, match="should be a base64 raster, not 5"):
        decode_output(SERVER, raster, "o", 5, tmp_path / "c.tif")
    with pytest.raises(BadResponse, match="should be a GeoTIFF"):
        decode_output(SERVER, raster, "o", base64.b64encode(b"PNG").decode(), tmp_path / "c.tif")
    assert not (tmp_path / "c.tif").exists()
    assert write_bytes(b"x", "application/json", None, None).suffix == ".json"
    assert write_bytes(b"x", "application/geo+json", None, None).suffix == ".geojson"
    assert write_bytes(b"x", "application/x-other", None, None).suffix == ""


def test_features_decoded(tmp_path: Path) -> None:
    features = _output({"format": "geojson-feature-collection"})
    point = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"a": 1}}
    read = decode_output(SERVER, features, "o", {"type": "FeatureCollection", "features": [point]}, None)
    assert isinstance(read, FeatureSet) and read.attributes == [{"a": 1}]
    assert decode_output(SERVER, features, "o", json.dumps(point), None).attributes == [{"a": 1}]
    assert decode_output(SERVER, None, "o", point, None).attributes == [{"a": 1}]  # GeoJSON, whatever the output
    saved = decode_output(SERVER, features, "o", point, tmp_path / "o.geojson")
    assert saved == tmp_path / "o.geojson" and json.loads(saved.read_text())["features"][0]["properties"] == {"a": 1}
    with pytest.raises(BadResponse, match="'o' is not GeoJSON"):
        decode_output(SERVER, features, "o", "{", None)
    with pytest.raises(BadResponse, match="output 'o'"):
        decode_output(SERVER, features, "o", {"type": "FeatureCollection"}, None)


def test_links_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        OgcLink("http://h").href = "x"  # type: ignore[misc]
    assert Kind.RASTER in {Kind.RASTER}


def test_the_edges_of_the_limits(tmp_path: Path) -> None:
    several = _process(t={"schema": {"type": "string"}, "maxOccurs": 3}).inputs["t"]
    assert encode_input(several, list("abc")) == ["a", "b", "c"]
    assert encoded(BBOX, [0, 0, 0, 1]) == {"bbox": [0, 0, 0, 1], "crs": CRS84}  # a line is a box too
    assert encoded({"type": "array", "minItems": 1}, [1]) == [1]
    assert encoded({"type": "object"}, OgcLink("http://h/o.json", "application/json")) == {
        "href": "http://h/o.json",
        "type": "application/json",
    }
    binary = {"type": "string", "contentEncoding": "binary", "contentMediaType": "application/zip"}
    assert encoded(binary, "https://h/a.zip") == {"href": "https://h/a.zip", "type": "application/zip"}
    drafted = {"value": "t", "format": {"mediaType": "text/csv"}}
    assert decode_output(SERVER, None, "o", drafted, tmp_path / "t.csv").read_text() == "t"
    raster = _output({"contentMediaType": "image/tiff"})
    deep = tmp_path / "a" / "b" / "c.tif"
    assert decode_output(SERVER, raster, "o", base64.b64encode(TIFF).decode(), deep).read_bytes() == TIFF
