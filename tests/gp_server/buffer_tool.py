"""BufferPoints: buffer points by a linear distance in NAD83 / UTM zone 15N (EPSG:26915, metres).

The input's featureClass filter (points only) is checked before the tool runs (see ``resolve``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .esri_geometry import POINT, POLYGON
from .featureset import NAME_FIELD, OBJECTID_FIELD, SHAPE_FIELDS, Feature, FeatureSet
from .spatial_ref import UTM_15N
from .tool_errors import ToolError
from .toolrun import ToolContext
from .units import LinearUnit

QUAD_SEGMENTS = 16
INPUT_FIELDS = (OBJECTID_FIELD, NAME_FIELD)
OUTPUT_FIELDS = (
    *INPUT_FIELDS,
    {"name": "BUFF_DIST", "type": "esriFieldTypeDouble", "alias": "BUFF_DIST"},
    {"name": "ORIG_FID", "type": "esriFieldTypeInteger", "alias": "ORIG_FID"},
    *SHAPE_FIELDS,
)
INPUT_SCHEMA = FeatureSet(POINT, UTM_15N, INPUT_FIELDS).to_json()
OUTPUT_SCHEMA = FeatureSet(POLYGON, UTM_15N, OUTPUT_FIELDS).to_json()


def buffer_points(inputs: Mapping[str, Any], ctx: ToolContext) -> dict[str, Any]:
    points: FeatureSet = inputs["Input_Features"]
    distance: LinearUnit = inputs["Distance"]
    if not points.geometries():
        raise ToolError("ERROR 000735: Input Features: Value is required (the feature set has no point)")
    metres = _metres(distance)
    try:
        projected = points.reprojected(UTM_15N)
    except ValueError as exc:
        raise ToolError(f"ERROR 000732: Input Features: {exc}") from exc
    ctx.info(
        f"Buffering {len(projected.geometries())} points by {distance.distance:g} "
        f"{distance.units or 'esriMeters'} ({metres:.6g} m) in {UTM_15N.name()}"
    )
    buffers: list[Feature] = []
    for position, feature in enumerate(projected.features, start=1):
        ctx.check_cancelled()
        if feature.geometry is None or feature.geometry.is_empty:
            ctx.warning(f"Feature {position} has no geometry: skipped")
            continue
        polygon = feature.geometry.buffer(metres, quad_segs=QUAD_SEGMENTS)
        buffers.append(
            Feature(
                polygon,
                {
                    "OBJECTID": len(buffers) + 1,
                    "Name": feature.attributes.get("Name"),
                    "BUFF_DIST": metres,
                    "ORIG_FID": projected.oid(feature, position),
                    "Shape_Length": polygon.length,
                    "Shape_Area": polygon.area,
                },
            )
        )
    return {"Output_Polygons": FeatureSet(POLYGON, UTM_15N, OUTPUT_FIELDS, tuple(buffers))}


def _metres(distance: LinearUnit) -> float:
    try:
        metres = distance.metres()
    except ValueError as exc:
        raise ToolError(f"ERROR 000800: Distance: {exc}") from exc
    if metres <= 0:
        raise ToolError(
            f"ERROR 000854: Distance: The value {distance.distance:g} is out of range: it must be greater than 0"
        )
    return metres
