"""Spatial references as ArcGIS writes them, and reprojection of shapely geometries with osr.

ArcGIS sends a spatial reference as a bare wkid, ``{"wkid"}``, ``{"latestWkid"}`` or ``{"wkt"}``;
``latestWkid`` wins over ``wkid``, which wins over ``wkt``. Esri-only codes (102100, ...) resolve
through PROJ's ESRI authority. Nothing falls back to WGS84: an unknown reference is an error.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from osgeo import osr
from shapely.geometry.base import BaseGeometry

osr.UseExceptions()

# Esri answers latestWkid for every wkid; it differs from wkid only for renumbered codes.
_LATEST_WKID = {102100: 3857, 102113: 3785}
# Ground metres per degree at the equator, as ArcGIS uses for map scales of geographic maps.
METRES_PER_DEGREE = 111319.49079327357


@dataclass(frozen=True)
class SpatialRef:
    wkid: int | None = None
    latest_wkid: int | None = None
    wkt: str | None = None

    @classmethod
    def parse(cls, value: Any) -> SpatialRef:
        """Read a wkid (number or digit string), an SR object or its JSON text; ValueError if unusable."""
        if isinstance(value, str):
            text = value.strip()
            value = int(text) if text.isdigit() else json.loads(text)
        if isinstance(value, int) and not isinstance(value, bool):
            sr = cls(wkid=value)
        elif isinstance(value, dict):
            wkt = value.get("wkt")
            sr = cls(
                wkid=_optional_int(value.get("wkid")),
                latest_wkid=_optional_int(value.get("latestWkid")),
                wkt=wkt if isinstance(wkt, str) and wkt else None,
            )
        else:
            raise ValueError(f"not a spatial reference: {value!r}")
        _definition(sr)
        return sr

    def to_osr(self) -> osr.SpatialReference:
        """A fresh osr object (osr objects are not shared between threads), x = easting/longitude."""
        srs = osr.SpatialReference()
        srs.SetFromUserInput(_definition(self))
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        return srs

    def to_json(self) -> dict[str, Any]:
        if self.wkid is None and self.latest_wkid is None:
            return {"wkt": self.wkt}
        out: dict[str, Any] = {}
        latest = self.latest_wkid
        if self.wkid is not None:
            out["wkid"] = self.wkid
            latest = latest if latest is not None else _LATEST_WKID.get(self.wkid, self.wkid)
        out["latestWkid"] = latest
        return out

    def same_as(self, other: SpatialRef) -> bool:
        return self == other or _same(self, other)

    def metres_per_unit(self) -> float:
        srs = self.to_osr()
        return METRES_PER_DEGREE if srs.IsGeographic() else srs.GetLinearUnits()

    def esri_units(self) -> str:
        """The map ``units`` name of a map service in this reference."""
        srs = self.to_osr()
        if srs.IsGeographic():
            return "esriDecimalDegrees"
        metres = srs.GetLinearUnits()
        for name, value in (("esriMeters", 1.0), ("esriFeet", 1200 / 3937), ("esriIntFeet", 0.3048)):
            if abs(metres - value) < 1e-9:
                return name
        return "esriUnknownUnits"

    def name(self) -> str:
        return self.to_osr().GetName() or str(self.to_json())


# The reference the services' tools work in: NAD83 / UTM zone 15N, metres.
UTM_15N = SpatialRef(wkid=26915, latest_wkid=26915)


def _optional_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
        raise ValueError(f"not a wkid: {value!r}")
    return int(value)


@functools.lru_cache(maxsize=64)
def _definition(sr: SpatialRef) -> str:
    """What osr's SetFromUserInput builds the reference from: ``EPSG:<code>``, ``ESRI:<code>`` or WKT."""
    for code in (sr.latest_wkid, sr.wkid):
        for authority in ("EPSG", "ESRI") if code is not None else ():
            try:
                osr.SpatialReference().SetFromUserInput(f"{authority}:{code}")
                return f"{authority}:{code}"
            except RuntimeError:
                continue
    if sr.wkt:
        try:
            osr.SpatialReference().SetFromUserInput(sr.wkt)
        except RuntimeError as exc:
            raise ValueError(f"invalid spatial reference WKT: {exc}") from exc
        return sr.wkt
    raise ValueError(f"unknown spatial reference {json.dumps(sr.to_json())}")


@functools.lru_cache(maxsize=64)
def _same(a: SpatialRef, b: SpatialRef) -> bool:
    return bool(a.to_osr().IsSame(b.to_osr()))


def transform(geometry: BaseGeometry, source: SpatialRef, target: SpatialRef) -> BaseGeometry:
    """Reproject a 2D geometry; ValueError when a coordinate has no image in the target."""
    if source.same_as(target):
        return geometry
    return shapely.transform(geometry, projection(source, target))


def projection(source: SpatialRef, target: SpatialRef) -> Callable[[np.ndarray], np.ndarray]:
    """Reprojects x, y columns (an n×2 array); ValueError when a coordinate has no image in the target."""
    transformation = osr.CoordinateTransformation(source.to_osr(), target.to_osr())

    def apply(coords: np.ndarray) -> np.ndarray:
        if len(coords) == 0:
            return coords
        out = np.asarray(transformation.TransformPoints(coords.tolist()), dtype=float)[:, :2]
        if not np.isfinite(out).all():
            raise ValueError(f"coordinates cannot be projected from {source.name()} to {target.name()}")
        return out

    return apply


Bounds = tuple[float, float, float, float]


def envelope_json(bounds: Bounds, sr: SpatialRef) -> dict[str, Any]:
    """An extent as ArcGIS writes it: ``{xmin, ymin, xmax, ymax, spatialReference}``."""
    xmin, ymin, xmax, ymax = bounds
    return {"xmin": xmin, "ymin": ymin, "xmax": xmax, "ymax": ymax, "spatialReference": sr.to_json()}


def transform_bounds(bounds: Bounds, source: SpatialRef, target: SpatialRef) -> Bounds:
    """The envelope of a reprojected envelope (densified edges, as ArcGIS's export does)."""
    if source.same_as(target):
        return bounds
    transformation = osr.CoordinateTransformation(source.to_osr(), target.to_osr())
    return tuple(transformation.TransformBounds(*bounds, 21))


def area_of_use(sr: SpatialRef) -> Bounds:
    """The reference's area of use, in its own coordinates (an extent for a map without data)."""
    area = sr.to_osr().GetAreaOfUse()
    if area is None:
        raise ValueError(f"{sr.name()} has no known area of use")
    lonlat = (area.west_lon_degree, area.south_lat_degree, area.east_lon_degree, area.north_lat_degree)
    return transform_bounds(lonlat, SpatialRef(wkid=4326), sr)
