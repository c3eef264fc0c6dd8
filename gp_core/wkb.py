"""M values in and out of ISO WKB, so that shapely (and GEOS) never have to hold them.

GEOS before 3.12 has no M: reading WKB with M it silently drops the M values, and shapely before 2.1
cannot write M at all. QGIS's platforms link GEOS 3.10 to 3.13, so gp_core keeps geometries in X Y [Z]
and the M values beside them (see measures.py). These two functions are the bridge to formats that
carry M inside the geometry (QGIS and OGR give and take WKB):

- `strip_m` takes M out of a WKB geometry: the same geometry without M, and its M values in vertex
  order (the order of `shapely.get_coordinates`);
- `add_m` puts M values into a WKB geometry that has none.

`from_wkb` and `to_wkb` do this for whole arrays of geometries. The walkers go through the WKB
structure the WKB structure (points, line strings, polygons and their multi types and collections,
either byte order) and copy coordinates as numpy blocks, one per ring or path.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import shapely

from .errors import GeometryError

if TYPE_CHECKING:
    from numpy.typing import NDArray

_POINT, _LINESTRING, _POLYGON = 1, 2, 3
_ORDER = {0: ">", 1: "<"}
_NO_M = np.empty(0)


def from_wkb(
    wkbs: Sequence[bytes | None], on_invalid: Literal["raise", "warn", "ignore"] = "raise"
) -> tuple[NDArray[Any], NDArray[Any] | None]:
    """Shapely geometries of WKB geometries (None stays None) and their M values (None when none
    has M). GeometryError naming the feature's index for WKB that cannot be read."""
    plain = np.full(len(wkbs), None, dtype=object)
    measures: NDArray[Any] | None = None
    for index, wkb in enumerate(wkbs):
        if wkb is None:
            continue
        try:
            plain[index], values = strip_m(wkb)
        except GeometryError as error:
            raise GeometryError(f"Feature {index}: {error}", feature=index) from error
        if values is not None:
            if measures is None:
                measures = np.full(len(wkbs), None, dtype=object)
            measures[index] = values
    return shapely.from_wkb(plain, on_invalid=on_invalid), measures


def to_wkb(geometries: NDArray[Any], measures: NDArray[Any] | None = None) -> list[bytes | None]:
    """ISO WKB of the geometries (None stays None), with Z where they have it and, when `measures` is
    given, with M (NaN for a geometry that has no M values)."""
    wkbs: list[bytes | None] = shapely.to_wkb(geometries, flavor="iso", output_dimension=3).tolist()
    if measures is None:
        return wkbs
    counts = shapely.get_num_coordinates(geometries).tolist()
    for index, (wkb, values, count) in enumerate(zip(wkbs, measures, counts)):
        if wkb is not None:
            try:
                wkbs[index] = add_m(wkb, values if values is not None else np.full(count, np.nan))
            except GeometryError as error:
                raise GeometryError(f"Feature {index}: {error}", feature=index) from error
    return wkbs


def has_m(wkb: bytes) -> bool:
    """Whether the (ISO or extended) WKB geometry declares M values."""
    _, _, _, m = _header(memoryview(wkb), 0)
    return m


def strip_m(wkb: bytes) -> tuple[bytes, NDArray[Any] | None]:
    """The geometry without M (unchanged when it has none) and its M values (None when it has none)."""
    if not has_m(wkb):
        return wkb, None
    out: list[bytes] = []
    measures: list[NDArray[Any]] = []
    end = _walk(memoryview(wkb), 0, out, measures, None)
    _check_end(wkb, end)
    return b"".join(out), np.concatenate(measures) if measures else _NO_M


def add_m(wkb: bytes, m: NDArray[Any]) -> bytes:
    """The geometry (which has no M) with M values, one per vertex in vertex order (NaN: no value)."""
    out: list[bytes] = []
    supply = _Supply(np.asarray(m, dtype=float))
    end = _walk(memoryview(wkb), 0, out, None, supply)
    _check_end(wkb, end)
    if supply.used != len(supply.values):
        raise GeometryError(f"{len(supply.values)} M values were given for a geometry of {supply.used} vertices.")
    return b"".join(out)


class _Supply:
    """The M values still to hand out, in vertex order."""

    def __init__(self, values: NDArray[Any]):
        self.values, self.used = values, 0

    def take(self, count: int) -> NDArray[Any]:
        if self.used + count > len(self.values):
            raise GeometryError(f"{len(self.values)} M values were given for a geometry of more vertices.")
        taken = self.values[self.used : self.used + count]
        self.used += count
        return taken


def _header(data: memoryview, offset: int) -> tuple[str, int, bool, bool]:
    """Byte order, base type (1..7), has Z, has M of the geometry at `offset`. ISO codes (3002: a line
    string with Z and M) and the Z/M flags of older writers (0x80000000, 0x40000000) are understood."""
    if len(data) < offset + 5 or data[offset] not in _ORDER:
        raise GeometryError("The geometry is not valid WKB (bad header).")
    order = _ORDER[data[offset]]
    (code,) = struct.unpack_from(order + "I", data, offset + 1)
    iso = (code & 0xFFFF) // 1000
    z, m = bool(code & 0x80000000) or iso in (1, 3), bool(code & 0x40000000) or iso in (2, 3)
    base = (code & 0xFFFF) % 1000
    if code & 0x20000000 or not 1 <= base <= 7:
        raise GeometryError(
            f"The geometry is a WKB type ({code}) that GP feature sets cannot carry (curves are linearised first)."
        )
    return order, base, z, m


def _walk(
    data: memoryview, offset: int, out: list[bytes], measures: list[NDArray[Any]] | None, supply: _Supply | None
) -> int:
    """Copy the geometry at `offset` to `out` without M (measures given: collect them there) or with
    M (supply given: insert them); return the offset after it."""
    order, base, z, m = _header(data, offset)
    if supply is not None and m:
        raise GeometryError("M values cannot be added to a geometry that already has them.")
    out.append(struct.pack(order + "BI", data[offset], base + 1000 * (z + 2 * (supply is not None))))
    offset += 5
    width = 2 + z + m
    if base == _POINT:
        return _copy_vertices(data, offset, 1, order, width, out, measures, supply, point=True)
    count = _count(data, offset, order)
    out.append(bytes(data[offset : offset + 4]))
    offset += 4
    if base == _LINESTRING:
        return _copy_vertices(data, offset, count, order, width, out, measures, supply)
    if base == _POLYGON:
        for _ in range(count):
            vertices = _count(data, offset, order)
            out.append(bytes(data[offset : offset + 4]))
            offset = _copy_vertices(data, offset + 4, vertices, order, width, out, measures, supply)
        return offset
    for _ in range(count):
        offset = _walk(data, offset, out, measures, supply)
    return offset


def _count(data: memoryview, offset: int, order: str) -> int:
    if len(data) < offset + 4:
        raise GeometryError("The geometry is not valid WKB (it ends too early).")
    return int(struct.unpack_from(order + "I", data, offset)[0])


def _copy_vertices(
    data: memoryview,
    offset: int,
    count: int,
    order: str,
    width: int,
    out: list[bytes],
    measures: list[NDArray[Any]] | None,
    supply: _Supply | None,
    point: bool = False,
) -> int:
    """Copy `count` vertices of `width` ordinates, without their last one (M) or with an M added.
    An empty point (NaN X and Y) has no vertex in shapely's coordinates: it gives and takes no M."""
    size = count * width * 8
    if len(data) < offset + size:
        raise GeometryError("The geometry is not valid WKB (it ends too early).")
    block = np.frombuffer(data, dtype=order + "f8", count=count * width, offset=offset).reshape(count, width)
    empty_point = point and bool(np.isnan(block[0, :2]).all())
    if measures is not None:
        if not empty_point:
            measures.append(block[:, -1].astype(float))
        out.append(block[:, :-1].tobytes())
    else:
        assert supply is not None
        values = np.full(1, np.nan) if empty_point else supply.take(count)
        out.append(np.column_stack([block, values]).astype(order + "f8").tobytes())
    return offset + size


def _check_end(wkb: bytes, end: int) -> None:
    if end != len(wkb):
        raise GeometryError(f"The geometry is not valid WKB ({len(wkb) - end} bytes after its end).")
