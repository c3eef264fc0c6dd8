"""WKB at its edges: empty geometries, truncated and trailing bytes, types feature sets cannot carry
(gp_core.wkb, checked against GDAL's WKB; written to kill the mutants `make mutation` found surviving)."""

from __future__ import annotations

import struct

import numpy as np
import pytest
import shapely

from remote_gp.gp_core.errors import GeometryError
from remote_gp.gp_core.wkb import add_m, has_m, strip_m, to_wkb

ogr = pytest.importorskip("osgeo.ogr")


@pytest.mark.parametrize(
    "geometry, wkt",
    [
        (shapely.LineString(), "LINESTRING M EMPTY"),
        (shapely.Polygon(), "POLYGON M EMPTY"),
        (shapely.MultiPoint(), "MULTIPOINT M EMPTY"),
    ],
)
def test_an_empty_geometry_gets_m_as_gdal_reads_it(geometry, wkt):
    (wkb,) = to_wkb(np.array([geometry], dtype=object), np.array([np.empty(0)], dtype=object))
    assert ogr.CreateGeometryFromWkb(wkb).ExportToIsoWkt() == wkt
    assert has_m(wkb) and strip_m(wkb)[1].tolist() == []


def test_m_goes_into_the_geometry_only_with_its_end():
    wkb = bytes(ogr.CreateGeometryFromWkt("LINESTRING (0 0, 1 1)").ExportToIsoWkb())
    with pytest.raises(GeometryError, match=r"^The geometry is not valid WKB \(1 bytes after its end\)\.$"):
        add_m(wkb + b"\0", np.array([1.0, 2.0]))


@pytest.mark.parametrize(
    "wkb",
    [
        struct.pack("<BI", 1, 1),  # a point's header, no coordinates
        struct.pack("<BI", 1, 2) + b"\0\0",  # a line string's count cut short
        struct.pack("<BI", 1, 2),  # a line string without its count
    ],
)
def test_wkb_that_ends_too_early_says_so(wkb):
    with pytest.raises(GeometryError, match=r"^The geometry is not valid WKB \(it ends too early\)\.$"):
        add_m(wkb, np.array([1.0]))


@pytest.mark.parametrize("code", [0, 8, 17, 0x20000001])
def test_wkb_types_feature_sets_cannot_carry_are_named(code):
    with pytest.raises(
        GeometryError,
        match=rf"^The geometry is a WKB type \({code}\) that GP feature sets cannot "
        r"carry \(curves are linearised first\)\.$",
    ):
        has_m(struct.pack("<BI", 1, code) + bytes(16))


def test_every_type_from_point_to_collection_is_read():
    for code, wkt in enumerate(
        [
            "POINT (1 2)",
            "LINESTRING (0 0, 1 1)",
            "POLYGON ((0 0, 0 1, 1 1, 0 0))",
            "MULTIPOINT ((1 2))",
            "MULTILINESTRING ((0 0, 1 1))",
            "MULTIPOLYGON (((0 0, 0 1, 1 1, 0 0)))",
            "GEOMETRYCOLLECTION (POINT (1 2))",
        ],
        1,
    ):
        wkb = bytes(ogr.CreateGeometryFromWkt(wkt).ExportToIsoWkb())
        assert struct.unpack_from("<I", wkb, 1)[0] == code and not has_m(wkb)
