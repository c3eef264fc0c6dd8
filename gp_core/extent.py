"""Extents (GPExtent / GPEnvelope values, map extents): `{xmin, ymin, xmax, ymax, spatialReference}`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .spatialref import SpatialReference


@dataclass(frozen=True)
class Extent:
    xmin: float
    ymin: float
    xmax: float
    ymax: float
    spatial_reference: SpatialReference | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"xmin": self.xmin, "ymin": self.ymin, "xmax": self.xmax, "ymax": self.ymax}
        if self.spatial_reference is not None:
            body["spatialReference"] = self.spatial_reference.to_json()
        return body

    @classmethod
    def from_json(cls, body: Any) -> Extent | None:
        """An extent, or None when `body` is not a finite, non-inverted one. Some bodies spell the
        spatial reference `spatial_reference`."""
        if not isinstance(body, dict):
            return None
        try:
            values = [float(body[key]) for key in ("xmin", "ymin", "xmax", "ymax")]
        except (KeyError, TypeError, ValueError):
            return None
        if not all(math.isfinite(v) for v in values) or values[0] > values[2] or values[1] > values[3]:
            return None
        reference = SpatialReference.from_json(body.get("spatialReference", body.get("spatial_reference")))
        xmin, ymin, xmax, ymax = values
        return cls(xmin, ymin, xmax, ymax, reference)

    def fitted(self, width: int, height: int, margin: float = 0.1) -> Extent:
        """This extent widened by `margin` and to an image's aspect ratio, so nothing is stretched."""
        cx, cy = (self.xmin + self.xmax) / 2, (self.ymin + self.ymax) / 2
        half_w = max(self.xmax - self.xmin, 1e-9) * (1 + margin) / 2
        half_h = max(self.ymax - self.ymin, 1e-9) * (1 + margin) / 2
        if half_w / half_h < width / height:
            half_w = half_h * width / height
        else:
            half_h = half_w * height / width
        return Extent(cx - half_w, cy - half_h, cx + half_w, cy + half_h, self.spatial_reference)
