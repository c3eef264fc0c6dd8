"""Summarize: count, total area and convex hull of features of any geometry type.

Areas are measured in the task's spatial reference, NAD83 / UTM zone 15N (square metres), whatever
the input's reference is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import shapely
from shapely.geometry import Polygon

from .esri_geometry import POLYGON
from .featureset import NAME_FIELD, OBJECTID_FIELD, SHAPE_FIELDS, Feature, FeatureSet
from .spatial_ref import UTM_15N
from .tool_errors import ToolError
from .toolrun import ToolContext

INPUT_FIELDS = (OBJECTID_FIELD, NAME_FIELD)
HULL_FIELDS = (OBJECTID_FIELD, *SHAPE_FIELDS)
INPUT_SCHEMA = FeatureSet(POLYGON, UTM_15N, INPUT_FIELDS).to_json()
HULL_SCHEMA = FeatureSet(POLYGON, UTM_15N, HULL_FIELDS).to_json()


def summarize(inputs: Mapping[str, Any], ctx: ToolContext) -> dict[str, Any]:
    features: FeatureSet = inputs["Input_Features"]
    label: str = inputs["Label"]
    scale: float = inputs["Scale"]
    try:
        geometries = features.reprojected(UTM_15N).geometries()
    except ValueError as exc:
        raise ToolError(f"ERROR 000732: Input Features: {exc}") from exc
    count = len(features.features)
    total_area = sum(g.area for g in geometries) * scale
    ctx.info(f"{count} {features.geometry_type} features, total area {total_area:.6g} (scale {scale:g})")
    hull: tuple[Feature, ...] = ()
    if inputs["Include_Hull"] and geometries:
        shape = shapely.convex_hull(shapely.GeometryCollection(geometries))
        if isinstance(shape, Polygon):
            hull = (Feature(shape, {"OBJECTID": 1, "Shape_Length": shape.length, "Shape_Area": shape.area}),)
        else:
            ctx.warning(f"The convex hull is a {shape.geom_type}, not a polygon: Hull is empty")
    return {
        "Feature_Count": count,
        "Total_Area": total_area,
        "Summary": f"{count} features, label={label}",
        "Hull": FeatureSet(POLYGON, UTM_15N, HULL_FIELDS, hull),
    }
