"""M values out of and into WKB (remote_gp.gp_core.wkb), checked against GDAL's own WKB."""

from __future__ import annotations

import re

import numpy as np
import pytest
import shapely

from remote_gp.gp_core.errors import GeometryError
from remote_gp.gp_core.wkb import add_m, from_wkb, strip_m, to_wkb

ogr = pytest.importorskip("osgeo.ogr")

MEASURED = [
    "POINT M (1 2 3)",
    "POINT ZM (1 2 3 4)",
    "LINESTRING M (0 0 0.5, 3 4 -1e-9, 5 5 12345.75)",
    "POLYGON ZM ((0 0 1 1, 0 10 1 2, 10 10 1 3, 10 0 1 4, 0 0 1 1), (2 2 0 5, 4 2 0 6, 4 4 0 7, 2 2 0 5))",
    "MULTIPOINT M ((1 1 1), (2 2 2))",
    "MULTILINESTRING ZM ((0 0 0 0, 1 1 1 1), (2 2 2 2, 3 3 3 3, 4 4 4 4))",
    "MULTIPOLYGON M (((0 0 1, 0 1 2, 1 1 3, 0 0 1)), ((5 5 9, 5 6 8, 6 6 7, 5 5 9)))",
    "GEOMETRYCOLLECTION M (POINT M (1 1 1), LINESTRING M (0 0 1, 1 1 2))",
]


def gdal_m_values(wkt: str) -> list[float]:
    """Every vertex's M as GDAL writes it: the last of each vertex's numbers in its ISO WKT."""
    geometry = ogr.CreateGeometryFromWkt(wkt)
    width = 3 + geometry.Is3D()
    numbers = [float(n) for n in re.findall(r"-?[\d.]+(?:[eE][-+]?\d+)?", geometry.ExportToIsoWkt())]
    return numbers[width - 1 :: width]


@pytest.mark.parametrize("wkt", MEASURED)
@pytest.mark.parametrize("byte_order", ["NDR", "XDR"])
def test_m_comes_out_and_goes_back_as_gdal_writes_it(wkt, byte_order):
    order = getattr(ogr, f"wkb{byte_order}")
    geometry = ogr.CreateGeometryFromWkt(wkt)
    with_m = bytes(geometry.ExportToIsoWkb(order))
    plain = geometry.Clone()
    plain.SetMeasured(False)
    without_m = bytes(plain.ExportToIsoWkb(order))
    stripped, values = strip_m(with_m)
    assert stripped == without_m
    assert values.tolist() == gdal_m_values(wkt)
    assert add_m(without_m, values) == with_m


def test_a_geometry_without_m_passes_unchanged():
    wkb = shapely.to_wkb(shapely.LineString([(0, 0, 1), (1, 1, 2)]), flavor="iso")
    assert strip_m(wkb) == (wkb, None)


def test_arrays_of_geometries_with_and_without_m_and_none():
    wkbs = [bytes(ogr.CreateGeometryFromWkt(wkt).ExportToIsoWkb()) for wkt in MEASURED[2:4]] + [None]
    geometries, measures = from_wkb(wkbs)
    assert [g.geom_type if g else None for g in geometries] == ["LineString", "Polygon", None]
    assert measures[0].tolist() == [0.5, -1e-9, 12345.75] and measures[2] is None
    assert to_wkb(geometries, measures) == wkbs
    assert to_wkb(geometries)[0] == shapely.to_wkb(geometries[0], flavor="iso")


def test_empty_points_take_and_give_no_m_values():
    """shapely lists no vertex for an empty point, so it has no M value either way."""
    wkb = shapely.to_wkb(shapely.from_wkt("POINT EMPTY"), flavor="iso")
    with_m = add_m(wkb, np.empty(0))
    assert with_m == bytes(ogr.CreateGeometryFromWkt("POINT M EMPTY").ExportToIsoWkb())
    stripped, values = strip_m(with_m)
    assert stripped == wkb and values.tolist() == []


def test_broken_wkb_and_wrong_m_counts_are_clear_errors():
    wkb = bytes(ogr.CreateGeometryFromWkt(MEASURED[2]).ExportToIsoWkb())
    with pytest.raises(GeometryError, match="ends too early"):
        strip_m(wkb[:-3])
    with pytest.raises(GeometryError, match="bytes after its end"):
        strip_m(wkb + b"\0")
    with pytest.raises(GeometryError, match="bad header"):
        strip_m(b"\x07abcd")
    plain, values = strip_m(wkb)
    with pytest.raises(GeometryError, match="2 M values were given for a geometry of more vertices"):
        add_m(plain, values[:2])
    with pytest.raises(GeometryError, match="4 M values were given for a geometry of 3 vertices"):
        add_m(plain, np.append(values, 1.0))
    with pytest.raises(GeometryError, match="already has them"):
        add_m(wkb, values)
    curve = bytes(ogr.CreateGeometryFromWkt("CIRCULARSTRING M (0 0 1, 1 1 2, 2 0 3)").ExportToIsoWkb())
    with pytest.raises(GeometryError, match="curves are linearised first"):
        strip_m(curve)
    with pytest.raises(GeometryError, match="Feature 1: "):
        from_wkb([wkb, wkb[:-3]])
