"""Result map services: a picture of a job's outputs, drawn by the server.

An asynchronous service with a `resultMapServerName` has a map service beside it; each job
gets a map (`MapServer/jobs/<jobId>`) with one layer per geodataset output, in output order.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from .errors import BadResponse, JobError
from .job import Job

_GEODATASETS = ("GPFeatureRecordSetLayer", "GPRasterDataLayer", "GPRasterData")


@dataclass(frozen=True)
class Extent:
    xmin: float
    ymin: float
    xmax: float
    ymax: float
    spatial_reference: dict

    def fitted(self, width: int, height: int, margin: float = 0.1) -> Extent:
        """This extent widened by `margin` and to the image's aspect ratio, so nothing is stretched."""
        cx, cy = (self.xmin + self.xmax) / 2, (self.ymin + self.ymax) / 2
        half_w = max(self.xmax - self.xmin, 1e-9) * (1 + margin) / 2
        half_h = max(self.ymax - self.ymin, 1e-9) * (1 + margin) / 2
        if half_w / half_h < width / height:
            half_w = half_h * width / height
        else:
            half_h = half_w * height / width
        return Extent(cx - half_w, cy - half_h, cx + half_w, cy + half_h, self.spatial_reference)

    @classmethod
    def from_json(cls, body: object) -> Extent | None:
        if not isinstance(body, dict):
            return None
        try:
            values = [float(body[key]) for key in ("xmin", "ymin", "xmax", "ymax")]
        except (KeyError, TypeError, ValueError):
            return None
        if any(v != v for v in values) or values[0] > values[2] or values[1] > values[3]:
            return None
        return cls(*values, body.get("spatialReference") or {})


def job_map_url(job: Job) -> str:
    map_server = job.task.service.map_server_url
    if map_server is None:
        raise JobError(f"Service '{job.task.service.name}' has no result map service: it draws no map images.")
    return f"{map_server}/jobs/{job.id}"


def layer_id(job: Job, output: str, layers: list[dict]) -> int:
    """The map layer drawing `output`: matched by name, else by its place among geodataset outputs."""
    for layer in layers:
        if str(layer.get("name", "")).lower() == output.lower() and isinstance(layer.get("id"), int):
            return layer["id"]
    geodatasets = [p.name for p in job.task.outputs if p.data_type.base in _GEODATASETS]
    if output not in geodatasets:
        raise JobError(f"Output '{output}' is not drawn on the result map (only feature and raster outputs are).")
    return geodatasets.index(output)


def export_url(job: Job, output: str, width: int, height: int, dpi: int = 96) -> str:
    """A URL the result map service answers with a PNG of `output` (token included when needed)."""
    job.check()
    url = job_map_url(job)
    description = job.server.get(url)
    layers = [layer for layer in description.get("layers") or [] if isinstance(layer, dict)]
    layer = layer_id(job, output, layers)
    extent = _layer_extent(job, url, layer) or Extent.from_json(description.get("fullExtent"))
    if extent is None:
        raise BadResponse(f"The result map of job {job.id} has no extent to draw.")
    box = extent.fitted(width, height)
    sr = box.spatial_reference
    params = {
        "bbox": f"{box.xmin!r},{box.ymin!r},{box.xmax!r},{box.ymax!r}",
        "bboxSR": json.dumps(sr) if sr else "",
        "imageSR": json.dumps(sr) if sr else "",
        "size": f"{width},{height}",
        "dpi": dpi,
        "format": "png",
        "transparent": "true",
        "layers": f"show:{layer}",
        "f": "image",
    }
    return job.server.authorised_url(f"{url}/export", {k: v for k, v in params.items() if v != ""})


def _layer_extent(job: Job, map_url: str, layer: int) -> Extent | None:
    return Extent.from_json(job.server.get(f"{map_url}/{layer}").get("extent"))
