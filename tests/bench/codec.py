"""One measurement of the codec benchmark in this process (run.py starts one process per measurement):

    python codec.py MEASUREMENT WORKLOAD.json

prints one JSON line: seconds of the timed step, its peak RSS in MB above what the process held before
it (memory.py), the features and vertices of what the
step produced (checked by run.py against the workload) and a note on what the peer made of the data.

Decoding starts from the file's bytes (as an HTTP body arrives) and ends with geometries and attributes
in memory; encoding starts from the peer's own feature set and ends with Esri JSON text. The
measurements named "...arcgis" run in the interop venv (Esri's client needs numpy 2); the others in
.venv, with gp_core, GDAL, QGIS, msgspec and orjson."""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import memory

#: What a measurement's setup returns: the timed step, and what counts its output as
#: (features, vertices, note).
Prepared = tuple[Callable[[], Any], Callable[[Any], tuple[int, int, str]]]


def main(argv: list[str]) -> int:
    name, path = argv[1], Path(argv[2])
    try:
        step, count = MEASUREMENTS[name](path)
    except ImportError as error:  # a peer this venv does not have: reported, not measured
        print(json.dumps({"missing": error.name}))
        return 0
    baseline = memory.start()
    started = time.perf_counter()
    output = step()
    seconds = time.perf_counter() - started
    peak = memory.peak_since(baseline)
    features, vertices, note = count(output)
    print(json.dumps({"seconds": seconds, "rss_mb": peak, "features": features, "vertices": vertices, "note": note}))
    return 0


# -- counting what a peer produced ------------------------------------------------------------------


def _esri_vertices(geometries: Iterable[Any]) -> int:
    """Vertices of Esri JSON geometries (dicts), closing vertices of rings included."""
    total = 0
    for geometry in geometries:
        if not geometry:
            continue
        if "x" in geometry:
            total += 1
        else:
            total += sum(len(part) for part in geometry.get("rings") or geometry.get("paths") or [])
    return total


def _count_tree(obj: Any) -> tuple[int, int, str]:
    features = obj["features"]
    return len(features), _esri_vertices(f.get("geometry") for f in features), ""


def _count_text(text: str | bytes) -> tuple[int, int, str]:
    features, vertices, _ = _count_tree(json.loads(text))
    return features, vertices, f"{len(text) / 1e6:.0f} MB of text"


def _count_shapely(geometries: Any, attributes: list[Any], note: str = "") -> tuple[int, int, str]:
    import shapely

    return len(attributes), int(shapely.get_num_coordinates(geometries).sum()), note


# -- decode -----------------------------------------------------------------------------------------


def _floor(step: Callable[[], Any]) -> Callable[[], Any]:
    """A parse floor: the step without the cyclic collector, which would walk the millions of lists it
    makes again and again (gp_core pauses the collector too; with it, json.loads takes twice as long)."""

    def paused() -> Any:
        gc.disable()
        try:
            return step()
        finally:
            gc.enable()

    return paused


def stdlib_loads(path: Path) -> Prepared:
    return _floor(lambda: json.loads(path.read_bytes())), _count_tree


def orjson_loads(path: Path) -> Prepared:
    import orjson

    return _floor(lambda: orjson.loads(path.read_bytes())), _count_tree


def msgspec_typed(path: Path) -> Prepared:
    import msgspec

    # defstruct: the annotations of classes defined here would be strings msgspec cannot resolve.
    coordinates = list[list[list[float]]] | None
    geometry = msgspec.defstruct(
        "Geometry",
        [
            ("x", float | None, None),
            ("y", float | None, None),
            ("paths", coordinates, None),
            ("rings", coordinates, None),
        ],
    )
    feature = msgspec.defstruct("Feature", [("attributes", dict[str, Any]), ("geometry", geometry | None, None)])
    document = msgspec.defstruct("Document", [("features", list[feature])])  # type: ignore[valid-type]

    decoder = msgspec.json.Decoder(document)

    def count(doc: Any) -> tuple[int, int, str]:
        vertices = 0
        for feature in doc.features:
            g = feature.geometry
            vertices += 1 if g.x is not None else sum(len(p) for p in (g.rings or g.paths or []))
        return len(doc.features), vertices, "lists of floats, no geometry objects"

    return _floor(lambda: decoder.decode(path.read_bytes())), count


def gdal_esrijson(path: Path) -> Prepared:
    import shapely
    from osgeo import gdal, ogr

    gdal.UseExceptions()

    def step() -> Any:
        source = gdal.OpenEx(str(path), gdal.OF_VECTOR, allowed_drivers=["ESRIJSON"])
        layer = source.GetLayer()
        wkbs, attributes = [], []
        for feature in layer:
            geometry = feature.GetGeometryRef()
            wkbs.append(None if geometry is None else bytes(geometry.ExportToWkb()))
            attributes.append(feature.items())
        definition = layer.GetLayerDefn()
        date = definition.GetFieldDefn(definition.GetFieldIndex("UPDATED"))
        return shapely.from_wkb(wkbs), attributes, f"dates read as {ogr.GetFieldTypeName(date.GetType())}"

    return step, lambda out: _count_shapely(*out)


def qgis_ogr(path: Path) -> Prepared:
    from qgis.core import QgsApplication, QgsVectorLayer

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()

    def step() -> Any:
        layer = QgsVectorLayer(str(path), "bench", "ogr")
        if not layer.isValid():
            raise SystemExit(f"QGIS cannot read {path}")
        geometries, attributes = [], []
        for feature in layer.getFeatures():
            geometries.append(feature.geometry())
            attributes.append(feature.attributes())
        date = layer.fields().field("UPDATED").typeName()
        return geometries, attributes, date

    def count(out: Any) -> tuple[int, int, str]:
        geometries, attributes, date = out
        vertices = sum(g.constGet().nCoordinates() for g in geometries if not g.isNull())
        return len(attributes), vertices, f"dates read as {date}"

    return step, count


def gp_core_from_json(path: Path) -> Prepared:
    """FeatureSet.from_json on a body parsed by the caller with json.loads, the collector running."""
    from remote_gp.gp_core import FeatureSet

    def step() -> Any:
        return FeatureSet.from_json(json.loads(path.read_bytes()))

    return step, lambda fs: _count_shapely(fs.geometries, fs.attributes, "shapely geometries, datetimes")


def gp_core_standard_library(path: Path) -> Prepared:
    """gp_core as QGIS runs it where neither orjson nor msgspec is installed."""
    _block_fast_json()
    return gp_core_read_json(path)


def _block_fast_json() -> None:
    """Make orjson and msgspec unimportable in this process (None in sys.modules: ImportError)."""
    sys.modules["orjson"] = None  # type: ignore[assignment]
    sys.modules["msgspec"] = None  # type: ignore[assignment]


def gp_core_read_json(path: Path) -> Prepared:
    """The client's own path for an answer: read_json (errors, web pages, broken JSON) then from_json."""
    from remote_gp.gp_core import FeatureSet
    from remote_gp.gp_core.answers import read_json
    from remote_gp.gp_core.transport import HttpResponse

    url = "http://127.0.0.1/arcgis/rest/services/Bench/MapServer/0/query"

    def step() -> Any:
        return FeatureSet.from_json(read_json(HttpResponse(200, path.read_bytes(), "application/json", url)))

    return step, lambda fs: _count_shapely(fs.geometries, fs.attributes, "shapely geometries, datetimes")


def arcgis_decode(path: Path) -> Prepared:
    from arcgis.features import FeatureSet
    from arcgis.geometry import Geometry

    def step() -> Any:
        fs = FeatureSet.from_json(path.read_text(encoding="utf-8"))
        return [Geometry(f.geometry) for f in fs.features], [f.attributes for f in fs.features]

    def count(out: Any) -> tuple[int, int, str]:
        geometries, attributes = out
        return len(attributes), _esri_vertices(geometries), f"{type(geometries[0]).__name__} objects (dicts)"

    return step, count


# -- encode -----------------------------------------------------------------------------------------


def stdlib_dumps(path: Path) -> Prepared:
    obj = json.loads(path.read_bytes())
    return (lambda: json.dumps(obj)), _count_text


def orjson_dumps(path: Path) -> Prepared:
    import orjson

    obj = orjson.loads(path.read_bytes())
    return (lambda: orjson.dumps(obj)), _count_text


def gp_core_to_json(path: Path) -> Prepared:
    from remote_gp.gp_core import FeatureSet

    fs = FeatureSet.from_json(json.loads(path.read_bytes()))
    return (lambda: json.dumps(fs.to_json())), _count_text


def _decoded(path: Path) -> Any:
    """The workload as gp_core's client decodes it: a FeatureSet."""
    from remote_gp.gp_core import FeatureSet
    from remote_gp.gp_core.answers import read_json
    from remote_gp.gp_core.transport import HttpResponse

    url = "http://127.0.0.1/arcgis/rest/services/Bench/MapServer/0/query"
    return FeatureSet.from_json(read_json(HttpResponse(200, path.read_bytes(), "application/json", url)))


def gp_core_to_bytes(path: Path) -> Prepared:
    """gp_core's own encoder: the text its client sends to a task (UTF-8 bytes, as a request carries it)."""
    return _decoded(path).to_bytes, _count_text


def gp_core_to_text(path: Path) -> Prepared:
    """The same text as a `str`."""
    return _decoded(path).to_text, _count_text


def gp_core_to_bytes_standard_library(path: Path) -> Prepared:
    _block_fast_json()
    return gp_core_to_bytes(path)


def arcgis_encode(path: Path) -> Prepared:
    from arcgis.features import FeatureSet

    fs = FeatureSet.from_json(path.read_text(encoding="utf-8"))
    return (lambda: fs.to_json), _count_text


#: name -> setup, in the order of the results table. "decode:" and "encode:" say which table.
MEASUREMENTS: dict[str, Callable[[Path], Prepared]] = {
    "decode:stdlib": stdlib_loads,
    "decode:orjson": orjson_loads,
    "decode:msgspec": msgspec_typed,
    "decode:gdal": gdal_esrijson,
    "decode:qgis": qgis_ogr,
    "decode:arcgis": arcgis_decode,
    "decode:gp_core-read_json": gp_core_read_json,
    "decode:gp_core": gp_core_from_json,
    "decode:gp_core-stdlib": gp_core_standard_library,
    "encode:stdlib": stdlib_dumps,
    "encode:orjson": orjson_dumps,
    "encode:arcgis": arcgis_encode,
    "encode:gp_core-bytes": gp_core_to_bytes,
    "encode:gp_core-text": gp_core_to_text,
    "encode:gp_core": gp_core_to_json,
    "encode:gp_core-stdlib": gp_core_to_bytes_standard_library,
}

if __name__ == "__main__":
    sys.exit(main(sys.argv))
