"""P5, one measurement in this process (run.py starts one process per measurement): an Esri JSON
result of a workload into a QGIS layer, through the plugin's path or QGIS's own OGR path.

    python layers.py PATH WORKLOAD.json OUT_FOLDER

PATH is plugin-memory, plugin-gpkg, ogr-memory or ogr-gpkg. The plugin's path is what Processing runs
for a feature output (bridge/results.py): the answer's bytes read by gp_core (answers.read_json,
FeatureSet.from_json), then the sink Processing makes for the destination ("memory:" or a GeoPackage)
and bridge.features.write_features into a memory layer; a GeoPackage sink is closed empty and filled
by bridge.gpkg_writer.fill. QGIS's own path opens the file with
the ogr provider and copies it: `materialize` into a memory layer, QgsVectorFileWriter into a
GeoPackage (without the dates: see _ogr). Prints one JSON line as codec.py does; the counts are read
back from the layer written."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import memory

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (
    QgsApplication,
    QgsCoordinateTransformContext,
    QgsFeatureRequest,
    QgsProcessingContext,
    QgsProcessingUtils,
    QgsVectorFileWriter,
    QgsVectorLayer,
)


def main(argv: list[str]) -> int:
    way, source, folder = argv[1], Path(argv[2]), Path(argv[3])
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from remote_gp.bridge import features as plugin_features  # noqa: F401 (imported before the baseline)

    target = folder / f"p5-{way}.gpkg"
    target.unlink(missing_ok=True)
    steps = {"plugin-memory": _plugin, "plugin-gpkg": _plugin, "ogr-memory": _ogr, "ogr-gpkg": _ogr}
    baseline = memory.start()
    started = time.perf_counter()
    layer = steps[way](source, "memory:" if way.endswith("memory") else str(target))
    seconds = time.perf_counter() - started
    peak = memory.peak_since(baseline)
    features, vertices = _counts(layer)
    print(json.dumps({"seconds": seconds, "rss_mb": peak, "features": features, "vertices": vertices, "note": ""}))
    del layer  # before QGIS's providers go: a GeoPackage layer left open crashes exitQgis
    app.exitQgis()
    return 0


def _plugin(source: Path, destination: str) -> QgsVectorLayer:
    from remote_gp.bridge.features import crs_for, fields_for, wkb_type_for, write_features
    from remote_gp.bridge.gpkg_writer import fill
    from remote_gp.gp_core import FeatureSet
    from remote_gp.gp_core.answers import read_json
    from remote_gp.gp_core.transport import HttpResponse

    url = "http://127.0.0.1/arcgis/rest/services/Bench/GPServer/T/jobs/j1/results/out"
    body = read_json(HttpResponse(200, source.read_bytes(), "application/json", url))
    feature_set = FeatureSet.from_json(body)
    del body
    fields = fields_for(feature_set)
    context = QgsProcessingContext()
    sink, written_to = QgsProcessingUtils.createFeatureSink(
        destination, context, fields, wkb_type_for(feature_set), crs_for(feature_set.spatial_reference)
    )
    if not destination.startswith("memory:"):
        del sink  # closes the new, empty layer: GDAL fills it
        fill(written_to, feature_set, fields)
        return QgsVectorLayer(written_to, "written", "ogr")
    write_features(feature_set, sink, fields)
    layer = context.takeResultLayer(written_to)
    return layer


def _ogr(source: Path, destination: str) -> Any:
    """QGIS's copy of the layer, without the date field: GDAL 3.6 reads Esri dates as strings as long
    as the field's `length` (8), which neither a memory layer nor a GeoPackage takes (no feature is
    written with it). Leaving a column out only makes this path faster."""
    layer = QgsVectorLayer(str(source), "source", "ogr")
    kept = [i for i, field in enumerate(layer.fields()) if field.name() != "UPDATED"]
    if destination.startswith("memory:"):
        request = QgsFeatureRequest()
        request.setSubsetOfAttributes(kept)
        return layer.materialize(request)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.attributes = kept
    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, destination, QgsCoordinateTransformContext(), options)
    if error[0] != QgsVectorFileWriter.NoError:
        raise SystemExit(f"QGIS could not write {destination}: {error[1][:300]}")
    return QgsVectorLayer(destination, "written", "ogr")


def _counts(layer: QgsVectorLayer) -> tuple[int, int]:
    features = vertices = 0
    for feature in layer.getFeatures():
        features += 1
        geometry = feature.geometry()
        vertices += 0 if geometry.isNull() else geometry.constGet().nCoordinates()
    return features, vertices


if __name__ == "__main__":
    sys.exit(main(sys.argv))
