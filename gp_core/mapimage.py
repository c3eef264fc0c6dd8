"""Result map services: a picture of a job's outputs, drawn by the server.

An asynchronous service with a `resultMapServerName` has a map service beside it; each job
gets a map (`MapServer/jobs/<jobId>`) with one layer per geodataset output, in output order.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .errors import BadResponse, JobError
from .extent import Extent
from .json_fields import list_of, text_of
from .urls import job_url

if TYPE_CHECKING:
    from .job import Job

_GEODATASETS = ("GPFeatureRecordSetLayer", "GPRasterDataLayer", "GPRasterData")


def job_map_url(job: Job) -> str:
    map_server = job.task.service.map_server_url
    if map_server is None:
        raise JobError(f"Service '{job.task.service.name}' has no result map service: it draws no map images.")
    return job_url(map_server, job.id)


def map_layers(description: dict[str, Any]) -> list[dict[str, Any]]:
    """The layers a job's map description lists."""
    return [layer for layer in list_of(description.get("layers")) if isinstance(layer, dict)]


def layer_id(job: Job, output: str, layers: list[dict[str, Any]]) -> int:
    """The map layer drawing `output`: matched by name, else by its place among geodataset outputs."""
    for layer in layers:
        number = layer.get("id")
        if (
            text_of(layer.get("name")).lower() == output.lower()
            and isinstance(number, int)
            and not isinstance(number, bool)
        ):
            return number
    geodatasets = [p.name for p in job.task.outputs if p.data_type.base in _GEODATASETS]
    if output not in geodatasets:
        raise JobError(f"Output '{output}' is not drawn on the result map (only feature and raster outputs are).")
    return geodatasets.index(output)


def export_url(job: Job, output: str, width: int, height: int, dpi: int = 96) -> str:
    """A URL the result map service answers with a PNG of `output` (token included when needed)."""
    url, params, _ = _export(job, output, width, height, dpi)
    return job.server.authorised_url(url, params)


def export_image(job: Job, width: int, height: int) -> tuple[bytes, Extent]:
    """An RGBA PNG of all the job's drawn outputs, and the extent it covers exactly (to georeference it)."""
    url, params, box = _export(job, None, width, height, 96)
    return job.server.fetch(url, {**params, "format": "png32"}).content, box


def _export(job: Job, output: str | None, width: int, height: int, dpi: int) -> tuple[str, dict[str, Any], Extent]:
    job.check()
    url = job_map_url(job)
    description = job.server.get(url)
    layer = layer_id(job, output, map_layers(description)) if output else None
    extent = (_layer_extent(job, url, layer) if layer is not None else None) or Extent.from_json(
        description.get("fullExtent")
    )
    if extent is None:
        raise BadResponse(f"The result map of job {job.id} has no extent to draw.")
    box = extent.fitted(width, height)
    sr = json.dumps(box.spatial_reference.to_json()) if box.spatial_reference else ""
    params = {
        "bbox": f"{box.xmin!r},{box.ymin!r},{box.xmax!r},{box.ymax!r}",
        "bboxSR": sr,
        "imageSR": sr,
        "size": f"{width},{height}",
        "dpi": dpi,
        "format": "png",
        "transparent": "true",
        "layers": f"show:{layer}" if layer is not None else "",
        "f": "image",
    }
    return f"{url}/export", {k: v for k, v in params.items() if v != ""}, box


def _layer_extent(job: Job, map_url: str, layer: int) -> Extent | None:
    return Extent.from_json(job.server.get(f"{map_url}/{layer}").get("extent"))
