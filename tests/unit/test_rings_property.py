"""Polygon rings grouped by containment, never by orientation alone (gp_core.geometry), checked with
Hypothesis against an independent oracle: GDAL's OGRGeometryFactory::organizePolygons.

GDAL 3.6's Python bindings do not expose organizePolygons itself, but its ESRIJSON reader
(`ogr.CreateGeometryFromEsriJson`) hands every polygon's rings to it, with the method that
OGR_ORGANIZE_POLYGONS names (set to DEFAULT here: nesting by containment). The rings drawn never
cross or touch: shells, holes, islands in holes and holes in those, side by side or nested, each
clockwise or not, listed in any order, straight or (curveRings) full circles. For every feature
the decoder's polygon has GDAL's area, validity and number of parts (and, straight, is equal to it);
with M values, every ring keeps its own.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings, strategies as st
from osgeo import gdal, ogr

from remote_gp.gp_core.errors import warnings_to
from remote_gp.gp_core.geometry import POLYGON, from_esri

#: Vertices of the oracle's polygon for a circle (the decoder densifies it its own way).
CIRCLE_VERTICES = 720
CELL = 100.0
MAX_DEPTH = 3  # shell, hole, island in the hole, hole in the island

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass
class Ring:
    """One drawn ring: straight (`vertices`, closed, counter-clockwise) or a circle."""

    vertices: np.ndarray | None
    circle: tuple[float, float, float] | None  # centre x, y and radius
    clockwise: bool
    start: int  # where the ring starts: a vertex index, or the circle's start angle in degrees
    arcs: str = "a"  # a circle as one elliptic arc ("a") or two circular ones ("c")

    def oracle(self) -> np.ndarray:
        """The ring as GDAL gets it: plain vertices, closed, in the ring's orientation."""
        if self.circle is None:
            points = np.roll(self.vertices[:-1], -self.start, axis=0)
        else:
            x, y, r = self.circle
            angle = math.radians(self.start) + np.linspace(0, 2 * math.pi, CIRCLE_VERTICES, endpoint=False)
            points = np.column_stack([x + r * np.cos(angle), y + r * np.sin(angle)])
        if self.clockwise:
            points = points[::-1]
        return np.vstack([points, points[:1]])

    def esri(self, m: float | None) -> list:
        """The ring as a server sends it (with `m` on every vertex when given)."""
        extra = [] if m is None else [m]
        if self.circle is None:
            return [vertex + extra for vertex in self.oracle().tolist()]
        x, y, r = self.circle

        def at(degrees: float) -> list[float]:
            return [x + r * math.cos(math.radians(degrees)), y + r * math.sin(math.radians(degrees))]

        sense = -1 if self.clockwise else 1
        first = at(self.start) + extra
        if self.arcs == "a":
            return [first, {"a": [first, [x, y], 0, int(self.clockwise)]}]
        half = at(self.start + 180) + extra
        return [first, {"c": [half, at(self.start + sense * 90)]}, {"c": [first, at(self.start + sense * 270)]}]

    def area(self) -> float:
        return math.pi * self.circle[2] ** 2 if self.circle else float(shapely.area(shapely.polygons(self.vertices)))


@st.composite
def shape(draw, x: float, y: float, radius: float, curves: bool) -> tuple[Ring, float]:
    """A ring centred on (x, y) within `radius`, and the radius of a circle free inside it."""
    kind = draw(st.sampled_from(["rectangle", "star", "circle"] if curves else ["rectangle", "star"]))
    clockwise = draw(st.booleans())
    if kind == "circle":
        r = radius * draw(st.floats(0.6, 1.0))
        return Ring(None, (x, y, r), clockwise, draw(st.integers(0, 359)), draw(st.sampled_from("ac"))), r
    if kind == "rectangle":
        hx, hy = radius * draw(st.floats(0.6, 1.0)), radius * draw(st.floats(0.6, 1.0))
        corners = np.array([[x - hx, y - hy], [x + hx, y - hy], [x + hx, y + hy], [x - hx, y + hy]])
        free = min(hx, hy)
    else:
        count = draw(st.integers(4, 9))  # every angle between two corners < 180 degrees: (x, y) is inside
        jitter = draw(st.lists(st.floats(-0.2, 0.2), min_size=count, max_size=count))
        reach = draw(st.lists(st.floats(0.6, 1.0), min_size=count, max_size=count))
        angle = (np.arange(count) + np.array(jitter)) * 2 * math.pi / count
        corners = np.column_stack(
            [x + radius * np.array(reach) * np.cos(angle), y + radius * np.array(reach) * np.sin(angle)]
        )
        free = shapely.Point(x, y).distance(shapely.LinearRing(corners))
    ring = Ring(np.vstack([corners, corners[:1]]), None, clockwise, draw(st.integers(0, len(corners) - 1)))
    return ring, free


@st.composite
def nest(draw, x: float, y: float, radius: float, depth: int, curves: bool) -> list[Ring]:
    """A ring and, inside it, a grid of up to 3 x 3 cells, each with a nest of its own or nothing."""
    ring, free = draw(shape(x, y, radius, curves))
    rings = [ring]
    if depth < MAX_DEPTH and draw(st.booleans()):
        side = 2 * free / math.sqrt(2) * 0.9  # a square inside the free circle
        cells = draw(st.integers(1, 3))
        cell = side / cells
        for row in range(cells):
            for column in range(cells):
                if draw(st.booleans()):
                    cx, cy = x - side / 2 + (column + 0.5) * cell, y - side / 2 + (row + 0.5) * cell
                    rings += draw(nest(cx, cy, cell / 2 * 0.9, depth + 1, curves))
    return rings


@st.composite
def features(draw, curves: bool) -> list[Ring]:
    """The rings of one feature: up to 3 x 2 shells side by side with whatever nests in them, shuffled."""
    columns, rows = draw(st.integers(1, 3)), draw(st.integers(1, 2))
    rings: list[Ring] = []
    for column in range(columns):
        for row in range(rows):
            if not rings or draw(st.booleans()):
                rings += draw(nest((column + 0.5) * CELL, (row + 0.5) * CELL, CELL / 2 * 0.9, 0, curves))
    return draw(st.permutations(rings))


@contextmanager
def default_organize_polygons() -> Iterator[None]:
    """GDAL's organizePolygons with its DEFAULT method (containment), whatever the environment says."""
    previous = gdal.GetConfigOption("OGR_ORGANIZE_POLYGONS")
    gdal.SetConfigOption("OGR_ORGANIZE_POLYGONS", "DEFAULT")
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        yield
    finally:
        gdal.PopErrorHandler()
        gdal.SetConfigOption("OGR_ORGANIZE_POLYGONS", previous)


def organized_by_gdal(rings: list[Ring]) -> shapely.Geometry:
    with default_organize_polygons():
        geometry = ogr.CreateGeometryFromEsriJson(json.dumps({"rings": [ring.oracle().tolist() for ring in rings]}))
    assert geometry is not None
    return shapely.from_wkb(bytes(geometry.ExportToIsoWkb()))


def decode(items: list[dict], has_m: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
    """from_esri's geometries and M values; the rings drawn give valid polygons: no warning."""
    said: list[str] = []
    with warnings_to(said.append):
        geometries, measures = from_esri(items, POLYGON, has_m=has_m)
    assert said == []
    return geometries, measures


def parts(geometry: shapely.Geometry) -> int:
    return shapely.get_num_geometries(geometry)


def check_against_gdal(drawn: list[list[Ring]], curves: bool) -> None:
    key = "curveRings" if curves else "rings"
    geometries, _ = decode([{key: [ring.esri(None) for ring in rings]} for rings in drawn])
    for rings, ours in zip(drawn, geometries):
        theirs = organized_by_gdal(rings)
        assert theirs.is_valid and ours.is_valid
        assert parts(ours) == parts(theirs)
        # The circles are densified differently: allow for it, relative to all the area drawn.
        tolerance = 1e-9 if not curves else 1e-4
        assert ours.area == pytest.approx(theirs.area, abs=tolerance * sum(ring.area() for ring in rings))
        if not curves:
            assert ours.equals(theirs)


@PROPERTY
@given(st.lists(features(curves=False), min_size=1, max_size=4))
def test_straight_rings_are_organized_as_gdal_organizes_them(drawn):
    check_against_gdal(drawn, curves=False)


@PROPERTY
@given(st.lists(features(curves=True), min_size=1, max_size=4))
def test_curve_rings_are_organized_as_gdal_organizes_them(drawn):
    check_against_gdal(drawn, curves=True)


@PROPERTY
@given(features(curves=True))
def test_every_ring_keeps_its_own_m_values(rings):
    """M = the ring's number on all its vertices: after regrouping, each ring of the polygon has one
    M value, and it is the number of the ring drawn with that area and orientation."""
    (geometry,), (measures,) = decode(
        [{"curveRings": [ring.esri(float(i)) for i, ring in enumerate(rings)]}], has_m=True
    )
    polygons = shapely.get_parts(geometry)
    out_rings = shapely.get_rings(polygons)
    counts = shapely.get_num_coordinates(out_rings)
    assert counts.sum() == len(measures)
    for ring, values in zip(out_rings, np.split(measures, np.cumsum(counts)[:-1])):
        assert np.unique(values).size == 1
        drawn = rings[int(values[0])]
        assert shapely.Polygon(ring).area == pytest.approx(drawn.area(), rel=1e-3)
        assert shapely.is_ccw(ring) != drawn.clockwise


def test_features_with_hundreds_of_rings_are_organized_as_gdal_organizes_them():
    """Past the size where every two rings are compared, each feature has a spatial index of its own
    (here two such features overlap: no ring may be paired with another feature's)."""
    randomness = np.random.default_rng(10)
    rings = [Ring(np.array([[0, 0], [1000, 0], [1000, 1000], [0, 1000], [0, 0]], dtype=float), None, True, 0)]
    for i in range(12):
        for j in range(12):
            x, y = 40 + 80 * i, 40 + 80 * j
            for half in (30, 20, 10):  # a hole, an island in it, a pond in the island
                square = np.array(
                    [
                        [x - half, y - half],
                        [x + half, y - half],
                        [x + half, y + half],
                        [x - half, y + half],
                        [x - half, y - half],
                    ],
                    dtype=float,
                )
                rings.append(Ring(square, None, bool(randomness.integers(2)), 0))
    rings = [rings[i] for i in randomness.permutation(len(rings))]
    shifted = [Ring(ring.vertices + 500, None, ring.clockwise, 0) for ring in rings]
    check_against_gdal([rings, shifted], curves=False)
    geometries, _ = decode(
        [{"rings": [ring.esri(None) for ring in rings]}, {"rings": [ring.esri(None) for ring in shifted]}]
    )
    for geometry in geometries:
        assert parts(geometry) == 1 + 144 and geometry.area == 1000**2 - 144 * (60**2 - 40**2 + 20**2)
