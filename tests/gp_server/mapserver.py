"""Result map services: ``<root>/rest/services/[<folder>/]<name>/MapServer[/jobs/<jobId>[/...]]``.

A job's map has one dynamic layer per feature output, in output-parameter order, drawn in the
spatial reference of the first one. ``export`` renders for real (see ``render``) and GP results of
geodataset outputs answer a ``mapImage`` made the same way. Each layer answers ``query`` (see
``layer_query``), at most the service's ``map_max_records`` features a page, however many the GP
service's ``maximumRecords`` lets a result hold: how a client gets every feature of an output over
that limit. A layer has the output's fields, with an OBJECTID first where the output has no object
id field (as the feature class ArcGIS writes the output to has).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from . import layer_query, render
from .featureset import OBJECTID_FIELD, FeatureSet
from .jobs import Job
from .model import CURRENT_VERSION, ParamDef, ServiceDef
from .request import Request
from .responses import Response, RestError, not_found
from .spatial_ref import UTM_15N, Bounds, SpatialRef, area_of_use, envelope_json, transform, transform_bounds
from .state import ServerState

SUPPORTED_IMAGE_FORMATS = "PNG32,PNG24,PNG,JPG"
DEFAULT_SIZE = (400, 400)
DEFAULT_DPI = 96.0
MAX_IMAGE_SIZE = 4096
METRES_PER_INCH = 0.0254
MAP_IMAGE_MARGIN = 0.1


@dataclass(frozen=True)
class MapLayer:
    id: int
    param: ParamDef
    features: FeatureSet


def handle(request: Request, state: ServerState, service: ServiceDef, rest: tuple[str, ...]) -> Any:
    if not rest:
        return _map_json(service, [], UTM_15N)
    if len(rest) < 2 or rest[0].lower() != "jobs":
        raise not_found("Resource")
    job = state.jobs.find(service, None, rest[1])
    layers = job_layers(job)
    sr = _map_sr(layers)
    if len(rest) == 2:
        return _map_json(service, layers, sr)
    if len(rest) == 3 and rest[2].lower() == "export":
        return _export(request, state, service, layers, sr)
    layer = layers[int(rest[2])] if rest[2].isdigit() and int(rest[2]) < len(layers) else None
    if layer is None:
        raise not_found("Layer" if len(rest) == 3 else "Resource")
    if len(rest) == 3:
        return _layer_json(service, layer, sr)
    if len(rest) == 4 and rest[3].lower() == "query":
        return layer_query.query(request.params, layer.features, service.map_max_records)
    raise not_found("Resource")


def job_layers(job: Job) -> list[MapLayer]:
    """The drawable outputs of a succeeded job (an error for any other job)."""
    outputs = job.readable_outcome().outputs
    drawn = [p for p in job.task.outputs if p.is_geodataset and isinstance(outputs.get(p.name), FeatureSet)]
    return [MapLayer(i, p, _with_object_ids(outputs[p.name])) for i, p in enumerate(drawn)]


def _with_object_ids(features: FeatureSet) -> FeatureSet:
    """The features with an object id field: their own, else OBJECTID numbered from 1."""
    if layer_query.object_id_field(features):
        return features
    numbered = tuple(
        replace(f, attributes={OBJECTID_FIELD["name"]: n, **f.attributes})
        for n, f in enumerate(features.features, start=1)
    )
    return replace(features, fields=(OBJECTID_FIELD, *features.fields), features=numbered)


def map_image(request: Request, state: ServerState, job: Job, param: ParamDef) -> dict[str, Any]:
    """A result's ``mapImage``: its layer drawn over its extent, squared and padded, 400x400 PNG."""
    layers = job_layers(job)
    layer = next(layer for layer in layers if layer.param is param)
    sr = _map_sr(layers)
    width, height = DEFAULT_SIZE
    bbox = _padded_square(_extent(layer.features, sr) or area_of_use(sr))
    image_format = render.FORMATS["png"]
    content = render.draw(layer.features.reprojected(sr).geometries(), sr, bbox, width, height, image_format, True)
    href = state.file_url(request.root_url, state.save_output(job.service, content, image_format.extension))
    return {
        "mapImage": {
            "href": href,
            "width": width,
            "height": height,
            "extent": envelope_json(bbox, sr),
            "scale": _scale(bbox, width, DEFAULT_DPI, sr),
        }
    }


def _map_sr(layers: Sequence[MapLayer]) -> SpatialRef:
    return layers[0].features.spatial_ref if layers else UTM_15N


def _extent(features: FeatureSet, sr: SpatialRef) -> Bounds | None:
    return features.reprojected(sr).extent()


def _full_extent(layers: Sequence[MapLayer], sr: SpatialRef) -> Bounds:
    extents = [e for e in (_extent(layer.features, sr) for layer in layers) if e is not None]
    if not extents:
        return area_of_use(sr)
    return (
        min(e[0] for e in extents),
        min(e[1] for e in extents),
        max(e[2] for e in extents),
        max(e[3] for e in extents),
    )


def _padded_square(bounds: Bounds) -> Bounds:
    xmin, ymin, xmax, ymax = bounds
    half = max(xmax - xmin, ymax - ymin, 1e-9) * (1 + MAP_IMAGE_MARGIN) / 2
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    return cx - half, cy - half, cx + half, cy + half


def _scale(bounds: Bounds, width: int, dpi: float, sr: SpatialRef) -> float:
    """Map scale: ground width over the image's printed width at ``dpi``."""
    return (bounds[2] - bounds[0]) * sr.metres_per_unit() / (width / dpi * METRES_PER_INCH)


def _map_json(service: ServiceDef, layers: Sequence[MapLayer], sr: SpatialRef) -> dict[str, Any]:
    extent = envelope_json(_full_extent(layers, sr), sr)
    return {
        "currentVersion": CURRENT_VERSION,
        "serviceDescription": f"Results of {service.path}",
        "mapName": "Layers",
        "description": "",
        "copyrightText": "",
        "supportsDynamicLayers": False,
        "layers": [
            {
                "id": layer.id,
                "name": layer.param.name,
                "parentLayerId": -1,
                "defaultVisibility": True,
                "subLayerIds": None,
                "minScale": 0,
                "maxScale": 0,
            }
            for layer in layers
        ],
        "tables": [],
        "spatialReference": sr.to_json(),
        "singleFusedMapCache": False,
        "initialExtent": extent,
        "fullExtent": extent,
        "units": sr.esri_units(),
        "supportedImageFormatTypes": SUPPORTED_IMAGE_FORMATS,
        "documentInfo": {
            "Title": service.result_map_server,
            "Author": "",
            "Comments": "",
            "Subject": "",
            "Category": "",
            "Keywords": "",
        },
        "capabilities": "Map,Query,Data",
        "maxRecordCount": service.map_max_records,
        "maxImageHeight": MAX_IMAGE_SIZE,
        "maxImageWidth": MAX_IMAGE_SIZE,
    }


def _layer_json(service: ServiceDef, layer: MapLayer, sr: SpatialRef) -> dict[str, Any]:
    return {
        "currentVersion": CURRENT_VERSION,
        "id": layer.id,
        "name": layer.param.name,
        "type": "Feature Layer",
        "description": layer.param.description,
        "geometryType": layer.features.geometry_type,
        "sourceSpatialReference": layer.features.spatial_ref.to_json(),
        "extent": envelope_json(_extent(layer.features, sr) or area_of_use(sr), sr),
        "fields": [dict(f) for f in layer.features.fields],
        "hasZ": layer.features.has_z,
        "hasM": layer.features.has_m,
        "displayField": "",
        "parentLayer": None,
        "subLayers": [],
        "minScale": 0,
        "maxScale": 0,
        "defaultVisibility": True,
        "hasAttachments": False,
        "capabilities": "Map,Query,Data",
        "maxRecordCount": service.map_max_records,
        "supportedQueryFormats": "JSON",
        "supportsAdvancedQueries": True,
        "advancedQueryCapabilities": {
            "supportsPagination": True,
            "supportsOrderBy": True,
            "supportsQueryWithDistance": False,
            "supportsDistinct": False,
            "supportsStatistics": False,
            "supportsReturningQueryExtent": False,
        },
    }


def _export(
    request: Request, state: ServerState, service: ServiceDef, layers: Sequence[MapLayer], map_sr: SpatialRef
) -> Any:
    params = request.params
    try:
        bbox, bbox_sr = _bbox(params.get("bbox", ""), params.get("bboxSR", ""), map_sr)
        image_sr = SpatialRef.parse(params["imageSR"]) if params.get("imageSR", "").strip() else bbox_sr
        width, height = _size(params.get("size", ""))
        dpi = float(params.get("dpi") or DEFAULT_DPI)
        image_format = render.FORMATS[(params.get("format") or "png").lower()]
        visible = _visible_ids(params.get("layers", ""), [layer.id for layer in layers])
    except (ValueError, KeyError) as exc:
        raise RestError(400, "Unable to complete operation.", [f"Invalid or missing input parameters: {exc}"]) from exc
    extent = transform_bounds(bbox, bbox_sr, image_sr)
    geometries = [
        transform(g, map_sr, image_sr)
        for layer in layers
        if layer.id in visible
        for g in layer.features.reprojected(map_sr).geometries()
    ]
    content = render.draw(geometries, image_sr, extent, width, height, image_format, request.flag("transparent"))
    if request.f == "image":
        return Response(content, image_format.content_type)
    href = state.file_url(request.root_url, state.save_output(service, content, image_format.extension))
    return {
        "href": href,
        "width": width,
        "height": height,
        "extent": envelope_json(extent, image_sr),
        "scale": _scale(extent, width, dpi, image_sr),
    }


def _bbox(text: str, bbox_sr_text: str, map_sr: SpatialRef) -> tuple[Bounds, SpatialRef]:
    """``xmin,ymin,xmax,ymax`` or an envelope JSON; its SR: bboxSR, the envelope's own, the map's."""
    text = text.strip()
    envelope_sr = None
    if text.startswith("{"):
        envelope = json.loads(text)
        bounds = tuple(float(envelope[k]) for k in ("xmin", "ymin", "xmax", "ymax"))
        envelope_sr = envelope.get("spatialReference")
    else:
        bounds = tuple(float(v) for v in text.split(","))
    if len(bounds) != 4 or not (bounds[0] < bounds[2] and bounds[1] < bounds[3]):
        raise ValueError(f"bbox must be xmin,ymin,xmax,ymax with xmin < xmax and ymin < ymax: {text!r}")
    if bbox_sr_text.strip():
        return bounds, SpatialRef.parse(bbox_sr_text)
    return bounds, SpatialRef.parse(envelope_sr) if envelope_sr else map_sr


def _size(text: str) -> tuple[int, int]:
    if not text.strip():
        return DEFAULT_SIZE
    width, height = (int(v) for v in text.split(","))
    if not (0 < width <= MAX_IMAGE_SIZE and 0 < height <= MAX_IMAGE_SIZE):
        raise ValueError(f"size must be within 1..{MAX_IMAGE_SIZE} pixels: {text!r}")
    return width, height


def _visible_ids(spec: str, all_ids: Sequence[int]) -> set[int]:
    """``show:``/``hide:``/``include:``/``exclude:`` ids; every layer is visible by default."""
    if not spec.strip():
        return set(all_ids)
    mode, _, listed = spec.partition(":")
    ids = {int(v) for v in listed.split(",") if v.strip()}
    choices = {"show": ids, "include": set(all_ids) | ids, "hide": set(all_ids) - ids, "exclude": set(all_ids) - ids}
    if mode.strip().lower() not in choices:
        raise ValueError(f"layers must start with show:, hide:, include: or exclude: ({spec!r})")
    return choices[mode.strip().lower()]
