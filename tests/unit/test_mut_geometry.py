"""Curves read from Esri JSON, checked against geometry worked out by hand: arcs away from the origin,
clockwise and counter-clockwise, the long way round and the short; elliptic arcs in both directions;
Béziers (gp_core.geometry; written to kill the mutants `make mutation` found surviving)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from remote_gp.gp_core.errors import GeometryError
from remote_gp.gp_core.geometry import (
    ENVELOPE,
    MULTIPOINT,
    POINT,
    POLYGON,
    POLYLINE,
    common_geometry_type,
    from_esri,
    from_parts,
    geometry_type_of,
    to_esri,
)

# A circle of radius 5 around (6, 3): x and y differ everywhere, so that no swapped index goes unseen.
CENTER, RADIUS = np.array([6.0, 3.0]), 5.0


def on_circle(degrees: float) -> list[float]:
    return (CENTER + RADIUS * np.array([math.cos(math.radians(degrees)), math.sin(math.radians(degrees))])).tolist()


def curve(*segments, has_z: bool = False) -> np.ndarray:
    """The vertices of one curve path (x, y[, z])."""
    (geometry,), _ = from_esri([{"curvePaths": [list(segments)]}], POLYLINE, has_z=has_z)
    return shapely.get_coordinates(geometry, include_z=has_z)


def degrees_around(points: np.ndarray, center) -> np.ndarray:
    """The angle of each point seen from `center`, in degrees, unwrapped along the path."""
    return np.degrees(np.unwrap(np.arctan2(points[:, 1] - center[1], points[:, 0] - center[0])))


@pytest.mark.parametrize(
    "interior, turned",
    [
        ([6, 8], 180),  # over the top: counter-clockwise
        ([6, -2], -180),  # under the bottom: clockwise
        (on_circle(135), 180),
        (on_circle(-10), -180),
    ],
)
def test_a_half_circle_away_from_the_origin_turns_the_way_its_interior_point_says(interior, turned):
    points = curve([11, 3], {"c": [[1, 3], interior]})
    assert points[0].tolist() == [11, 3] and points[-1].tolist() == [1, 3]
    assert np.allclose(np.hypot(*(points - CENTER).T), RADIUS)
    angles = degrees_around(points, CENTER)
    assert len(points) == 181  # one segment per degree
    assert np.allclose(np.diff(angles), turned / 180)
    assert shapely.LineString(points).distance(shapely.Point(interior)) < 1e-3


@pytest.mark.parametrize(
    "interior, turned",
    [
        ([1, 3], 270),  # the long way, counter-clockwise from 0 degrees to 270 through 180
        (on_circle(315), -90),  # the short way, clockwise
        (on_circle(100), 270),
        (on_circle(-80), -90),
    ],
)
def test_an_arc_goes_the_long_or_the_short_way_round_through_its_interior_point(interior, turned):
    points = curve([11, 3], {"c": [[6, -2], interior]})
    assert points[0].tolist() == [11, 3] and points[-1].tolist() == [6, -2]
    assert np.allclose(np.hypot(*(points - CENTER).T), RADIUS)
    angles = degrees_around(points, CENTER)
    assert len(points) == abs(turned) + 1
    assert math.isclose(angles[-1] - angles[0], turned, abs_tol=1e-9)
    assert math.isclose(shapely.LineString(points).length, RADIUS * math.radians(abs(turned)), rel_tol=1e-4)


def test_a_small_arc_still_has_segments_of_at_most_a_degree():
    # 2.5 degrees: 3 segments, not 2 nor 4
    points = curve([11, 3], {"c": [on_circle(2.5), on_circle(1.0)]})
    assert len(points) == 4
    assert np.allclose(np.diff(degrees_around(points, CENTER)), 2.5 / 3)


@pytest.mark.parametrize("center", [(500_000, 5_000_000), (-13_000_000, 4_000_000), (0.5, 0.25)])
def test_a_small_arc_far_from_the_origin_is_still_an_arc(center):
    """Web Mercator or UTM coordinates are millions of metres: a curb's arc of 5 m stays an arc."""
    x, y = center
    points = curve([x + 5, y], {"c": [[x - 5, y], [x, y + 5]]})
    assert len(points) == 181
    assert np.allclose(np.hypot(points[:, 0] - x, points[:, 1] - y), 5, rtol=0, atol=1e-6)
    assert math.isclose(shapely.LineString(points).length, 5 * math.pi, rel_tol=1e-4)


def test_an_arc_through_three_points_on_a_line_is_a_straight_segment():
    assert curve([1, 1], {"c": [[5, 5], [3, 3]]}).tolist() == [[1, 1], [5, 5]]
    assert curve([10, 1], {"c": [[10, 9], [10, 4]]}).tolist() == [[10, 1], [10, 9]]


def test_z_and_m_are_interpolated_along_an_arc_by_its_angle():
    (geometry,), measures = from_esri(
        [{"curvePaths": [[[11, 3, 0, 100], {"c": [[1, 3, 18, 280], [6, 8]]}]]}], POLYLINE, has_z=True, has_m=True
    )
    points = shapely.get_coordinates(geometry, include_z=True)
    assert len(points) == 181
    assert np.allclose(points[90], [6, 8, 9])  # half way round, half way up
    assert np.allclose(points[:, 2], np.arange(181) * 0.1)
    assert np.allclose(measures[0], 100 + np.arange(181))


# -- elliptic arcs: [end, center, minor, clockwise, rotation, semi-major axis, minor/major ratio] -----

ELLIPSE_CENTER = (5, 2)


def on_ellipse(points: np.ndarray, major: float, minor: float, rotation: float = 0.0) -> np.ndarray:
    """((u/a)² + (v/b)²) of each point in the ellipse's own axes: 1 on the ellipse."""
    dx, dy = (points[:, :2] - ELLIPSE_CENTER).T
    u = math.cos(rotation) * dx + math.sin(rotation) * dy
    v = -math.sin(rotation) * dx + math.cos(rotation) * dy
    return (u / major) ** 2 + (v / minor) ** 2


@pytest.mark.parametrize("clockwise, side", [(0, 1), (1, -1)])
def test_half_an_ellipse_goes_over_the_top_counter_clockwise_and_under_clockwise(clockwise, side):
    points = curve([9, 2], {"a": [[1, 2], ELLIPSE_CENTER, 0, clockwise, 0, 4, 0.5]})
    assert points[0].tolist() == [9, 2] and points[-1].tolist() == [1, 2]
    assert np.allclose(on_ellipse(points, 4, 2), 1)
    assert len(points) == 181
    assert np.all(side * (points[1:-1, 1] - 2) > 0)
    assert np.allclose(points[90], [5, 2 + side * 2])  # the end of the minor axis


def test_an_ellipse_without_a_rotation_lies_along_x():
    points = curve([9, 2], {"a": [[1, 2], ELLIPSE_CENTER, 0, 0, None, 4, 0.5]})
    assert np.allclose(on_ellipse(points, 4, 2), 1) and np.allclose(points[90], [5, 4])


def test_a_rotated_ellipse_keeps_its_axes():
    # major axis along y (rotation 90 degrees): from its top (5, 6) counter-clockwise to its bottom (5, -2)
    points = curve([5, 6], {"a": [[5, -2], ELLIPSE_CENTER, 0, 0, math.pi / 2, 4, 0.5]})
    assert np.allclose(on_ellipse(points, 4, 2, math.pi / 2), 1)
    assert np.allclose(points[90], [3, 2])  # counter-clockwise from the top passes the left side
    assert points[-1].tolist() == [5, -2]


def test_a_quarter_of_a_circle_given_as_an_elliptic_arc_with_its_center_only():
    points = curve([11, 3], {"a": [[6, 8], CENTER.tolist(), 1, 0]})
    assert len(points) == 91 and np.allclose(np.hypot(*(points - CENTER).T), RADIUS)
    assert np.all(points[1:-1, 0] > 6) and np.all(points[1:-1, 1] > 3)
    three_quarters = curve([11, 3], {"a": [[6, 8], CENTER.tolist(), 0, 1]})  # clockwise: the long way
    assert len(three_quarters) == 271 and np.all(np.diff(degrees_around(three_quarters, CENTER)) < 0)


@pytest.mark.parametrize(
    "spec",
    [
        [[6, 8], [6, 3], 1, 0],
        [[6, 8], [6, 3], 1, 0, 0],
        [[6, 8], [6, 3], 1, 0, 0, 5],
        [[6, 8], [6, 3], 1, 0, 0, 5, 1],
        [[6, 8], [6, 3], 1, 0, None, None, None],
        [[6, 8], [6, 3, 99], 1, 0],
    ],
)
def test_an_elliptic_arc_without_its_ellipse_is_an_arc_of_a_circle(spec):
    points = curve([11, 3], {"a": spec})
    assert len(points) == 91 and np.allclose(np.hypot(*(points - CENTER).T), RADIUS)


@pytest.mark.parametrize("minor, clockwise, count, turned", [(0, 0, 361, 360), (0, 1, 361, -360), (1, 0, 2, 0)])
def test_an_elliptic_arc_back_to_its_start_is_the_full_ellipse_unless_minor(minor, clockwise, count, turned):
    points = curve([9, 2], {"a": [[9, 2], ELLIPSE_CENTER, minor, clockwise, 0, 4, 0.5]})
    assert len(points) == count and points[-1].tolist() == [9, 2]
    assert np.allclose(on_ellipse(points, 4, 2), 1)
    turn = degrees_around(points, ELLIPSE_CENTER)
    assert math.isclose(turn[-1] - turn[0], turned, abs_tol=1e-6)


def test_a_full_ellipse_climbing_in_z_is_still_the_full_ellipse():
    points = curve([9, 2, 0], {"a": [[9, 2, 36], ELLIPSE_CENTER, 0, 0, 0, 4, 0.5]}, has_z=True)
    assert len(points) == 361 and np.allclose(points[:, 2], np.arange(361) / 10)


def test_an_elliptic_arc_between_points_at_different_distances_blends_its_radius():
    # a circle around (6, 3): from (11, 3), at radius 5, to (6, 5), at radius 2, counter-clockwise
    points = curve([11, 3], {"a": [[6, 5], CENTER.tolist(), 1, 0]})
    radii = np.hypot(*(points - CENTER).T)
    assert radii[0] == 5 and math.isclose(radii[-1], 2) and np.all(np.diff(radii) < 0)
    assert math.isclose(radii[45], 3.5)  # half way round, half way between the radii


def test_a_circle_ring_made_of_one_elliptic_arc_has_the_area_of_the_circle():
    (disc,), _ = from_esri([{"curveRings": [[[11, 3], {"a": [[11, 3], CENTER.tolist(), 0, 1]}]]}], POLYGON)
    assert math.isclose(disc.area, math.pi * 25, rel_tol=1e-3)
    assert np.allclose(disc.centroid.coords[0], CENTER)


# -- Béziers: [end, first control point, second control point] ---------------------------------------


def test_a_bezier_reads_its_control_points_in_x_and_y_only():
    flat = curve([0, 0, 1], {"b": [[10, 0, 2], [0, 10], [10, 10]]}, has_z=True)
    raised = curve([0, 0, 1], {"b": [[10, 0, 2], [0, 10, 7], [10, 10, 7]]}, has_z=True)
    assert flat.tolist() == raised.tolist() and np.allclose(flat[90], [5, 7.5, 1.5])


def test_a_bezier_is_cut_into_a_segment_per_degree_of_turning():
    points = curve([0, 0], {"b": [[10, 0], [0, 10], [10, 10]]})  # turns 90 + 90 degrees
    assert len(points) == 181
    # B(t) = (1-t)³ P0 + 3(1-t)² t P1 + 3(1-t) t² P2 + t³ P3: B(1/2) = (5, 7.5), B(1/4) = (1.5625, 5.625)
    assert np.allclose(points[90], [5, 7.5]) and np.allclose(points[45], [1.5625, 5.625])
    assert points[-1].tolist() == [10, 0]


def test_a_bezier_turning_across_west_counts_its_turns_the_short_way():
    # headings 174.29°, -174.29°, 180°: turns of 11.42° and 5.71°, 17.1° in all: 18 segments
    points = curve([0, 0], {"b": [[-30, 0], [-10, 1], [-20, 0]]})
    assert len(points) == 19


def test_a_straight_bezier_still_has_eight_segments():
    points = curve([0, 0], {"b": [[8, 0], [2, 0], [6, 0]]})
    assert len(points) == 9
    # x(t) = 3(1-t)² t 2 + 3(1-t) t² 6 + t³ 8 = 6t + 6t² - 4t³
    t = np.arange(9) / 8
    assert np.allclose(points[:, 0], 6 * t + 6 * t**2 - 4 * t**3) and np.all(points[:, 1] == 0)


def test_a_path_mixes_straight_segments_and_curves_in_order():
    points = curve([0, 0], [11, 3], {"c": [[1, 3], [6, 8]]}, [0, 0])
    assert points[:2].tolist() == [[0, 0], [11, 3]] and points[-2:].tolist() == [[1, 3], [0, 0]]
    assert len(points) == 183


def test_an_unknown_curve_segment_names_the_feature():
    with pytest.raises(
        GeometryError,
        match=r"Feature 0: the polyline geometry cannot be read \(unknown curve "
        r"segment \['q'\] \(expected c, a or b\)\)",
    ):
        curve([0, 0], {"q": [[1, 1]]})


# -- types ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "geometry, kind",
    [
        (shapely.Point(1, 2), "esriGeometryPoint"),
        (shapely.MultiPoint([(1, 2), (3, 4)]), "esriGeometryMultipoint"),
        (shapely.LineString([(0, 0), (1, 1)]), "esriGeometryPolyline"),
        (shapely.LinearRing([(0, 0), (1, 0), (1, 1)]), "esriGeometryPolyline"),
        (shapely.MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 3)]]), "esriGeometryPolyline"),
        (shapely.box(0, 0, 1, 1), "esriGeometryPolygon"),
        (shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(2, 2, 3, 3)]), "esriGeometryPolygon"),
    ],
)
def test_the_esri_type_of_every_shapely_type(geometry, kind):
    assert geometry_type_of(geometry) == kind
    assert common_geometry_type([geometry, None, geometry]) == kind


def test_points_and_multipoints_together_are_a_multipoint_feature_set():
    assert common_geometry_type([shapely.MultiPoint([(1, 2)]), shapely.Point(3, 4)]) == "esriGeometryMultipoint"
    assert common_geometry_type([None, None]) is None


@pytest.mark.parametrize(
    "call",
    [
        lambda: from_esri([{"x": 1, "y": 2}], "esriGeometryCircle"),
        lambda: from_esri([], "esriGeometryCircle"),
        lambda: to_esri([shapely.Point(1, 2)], "esriGeometryCircle"),
    ],
)
def test_an_unknown_geometry_type_is_named(call):
    with pytest.raises(
        GeometryError,
        match=r"^Unknown geometry type 'esriGeometryCircle' \(expected one of "
        r"esriGeometryPoint, esriGeometryMultipoint, esriGeometryPolyline, "
        r"esriGeometryPolygon, esriGeometryEnvelope\)\.$",
    ):
        call()


@pytest.mark.parametrize("item, kind", [([1, 2], "list"), ("POINT (1 2)", "str"), (5, "int")])
def test_a_geometry_that_is_no_json_object_is_named_by_its_feature(item, kind):
    with pytest.raises(GeometryError, match=rf"^Feature 1: the geometry is not a JSON object but {kind}\.$"):
        from_esri([{"x": 0, "y": 0}, item], None)


# -- reading: dimensions, nulls, empties ---------------------------------------------------------------


def test_undeclared_third_and_fourth_ordinates_are_read_as_z_then_m():
    (line,), measures = from_esri([{"paths": [[[0, 0, 5], [1, 1, 6]]]}], POLYLINE)
    assert shapely.get_coordinates(line, include_z=True).tolist() == [[0, 0, 5], [1, 1, 6]] and measures is None
    (line,), measures = from_esri([{"paths": [[[0, 0, 5, 50], [1, 1, 6, 60]]]}], POLYLINE)
    assert shapely.get_coordinates(line, include_z=True).tolist() == [[0, 0, 5], [1, 1, 6]]
    assert measures[0].tolist() == [50, 60]


def test_with_has_z_only_a_fourth_ordinate_is_no_m():
    (line,), measures = from_esri([{"paths": [[[0, 0, 1, 9], [1, 1, 2, 9]]]}], POLYLINE, has_z=True)
    assert shapely.get_coordinates(line, include_z=True).tolist() == [[0, 0, 1], [1, 1, 2]] and measures is None


def test_a_point_with_z_or_m_has_them_without_flags():
    (point,), measures = from_esri([{"x": 1, "y": 2, "z": 3}], POINT)
    assert shapely.get_coordinates(point, include_z=True).tolist() == [[1, 2, 3]] and measures is None
    (point,), measures = from_esri([{"x": 1, "y": 2, "m": 4}], POINT)
    assert not point.has_z and measures[0].tolist() == [4]


@pytest.mark.parametrize("points", [[[1], [2]], [1, 2], [[[1, 2]]]])
def test_vertices_that_are_not_lists_of_numbers_are_named(points):
    with pytest.raises(
        GeometryError,
        match=r"^Feature 0: the multipoint geometry cannot be read \(coordinates "
        r"must be \[x, y, \.\.\.\] arrays of numbers\)\.$",
    ):
        from_esri([{"points": points}], MULTIPOINT)


def test_a_broken_feature_among_many_is_named_by_its_index():
    items = [{"paths": [[[0, 0], [1, 1]]]}] * 6 + [{"paths": [[[0, 0], [1]]]}] + [{"paths": [[[0, 0], [1, 1]]]}] * 2
    with pytest.raises(GeometryError, match=r"^Feature 6: the polyline geometry cannot be read"):
        from_esri(items, POLYLINE)


def test_geometries_without_vertices_are_empty_geometries_of_their_type():
    geometries, measures = from_esri([{"points": []}, {"points": []}], MULTIPOINT)
    assert [g.wkt for g in geometries] == ["MULTIPOINT EMPTY"] * 2 and measures is None
    geometries, _ = from_esri([{"paths": []}, {"paths": [[]]}], POLYLINE)
    assert [g.wkt for g in geometries] == ["LINESTRING EMPTY"] * 2
    geometries, _ = from_esri([{"rings": []}], POLYGON)
    assert [g.wkt for g in geometries] == ["POLYGON EMPTY"]


def test_an_empty_path_beside_a_real_one_is_left_out():
    (line,), _ = from_esri([{"paths": [[], [[0, 0], [1, 1]], []]}], POLYLINE)
    assert line.wkt == "LINESTRING (0 0, 1 1)"


def test_an_envelope_with_a_null_bound_is_empty():
    boxes, _ = from_esri(
        [{"xmin": 1, "ymin": None, "xmax": 2, "ymax": 3}, {"xmin": 1, "ymin": 2, "xmax": 3, "ymax": 4}], ENVELOPE
    )
    assert boxes[0].wkt == "POLYGON EMPTY" and boxes[1].equals(shapely.box(1, 2, 3, 4))


def test_a_null_point_of_a_multipoint_is_left_out_with_its_m():
    (points,), measures = from_esri([{"points": [[1, 2, 10], [None, None, 20], [3, 4, 30]]}], MULTIPOINT, has_m=True)
    assert shapely.get_coordinates(points).tolist() == [[1, 2], [3, 4]] and measures[0].tolist() == [10, 30]


def test_m_values_follow_the_vertex_a_ring_of_three_needs_to_close(recwarn):
    rings = [{"rings": [[[0, 0, 1], [1, 0, 2], [0, 0, 3]]]}, {"rings": [[[0, 0, 5], [0, 1, 6], [1, 1, 7], [0, 0, 8]]]}]
    geometries, measures = from_esri(rings, POLYGON, has_m=True)
    assert [shapely.get_num_coordinates(g) for g in geometries] == [4, 4]
    assert [m.tolist() for m in measures] == [[1, 2, 3, 1], [5, 6, 7, 8]]
    (triangle,), measures = from_esri([{"rings": [[[0, 0, 5], [0, 1, 6], [1, 1, 7]]]}], POLYGON, has_m=True)
    assert shapely.get_coordinates(triangle).tolist() == [[0, 0], [0, 1], [1, 1], [0, 0]]
    assert measures[0].tolist() == [5, 6, 7, 5]


# -- from flat arrays (shapefiles) -----------------------------------------------------------------------


def test_points_from_flat_arrays_empty_where_a_record_has_none():
    points, measures = from_parts(POINT, np.array([[1.0, 2], [3, 4]]), np.array([1, 1]), np.array([1, 0, 1]))
    assert [p.wkt for p in points] == ["POINT (1 2)", "POINT EMPTY", "POINT (3 4)"] and measures is None
    points, measures = from_parts(
        POINT, np.array([[1.0, 2, 7], [3, 4, 8]]), np.array([1, 1]), np.array([1, 1]), has_m=True
    )
    assert [p.wkt for p in points] == ["POINT (1 2)", "POINT (3 4)"] and [m.tolist() for m in measures] == [[7], [8]]


def test_multipoints_from_flat_arrays():
    points, _ = from_parts(MULTIPOINT, np.array([[1.0, 2], [3, 4], [5, 6]]), np.array([2, 1]), np.array([1, 1]))
    assert [p.geom_type for p in points] == ["MultiPoint"] * 2  # WKT spells multipoints as its GEOS does
    assert [shapely.get_coordinates(p).tolist() for p in points] == [[[1, 2], [3, 4]], [[5, 6]]]


def test_flat_arrays_take_columns_as_their_flags_say():
    (line,), measures = from_parts(POLYLINE, np.array([[0.0, 0, 5], [1, 1, 6]]), np.array([2]), np.array([1]))
    assert not line.has_z and measures is None
    (line,), measures = from_parts(
        POLYLINE, np.array([[0.0, 0, 5], [1, 1, 6]]), np.array([2]), np.array([1]), has_m=True
    )
    assert not line.has_z and measures[0].tolist() == [5, 6]


def test_records_without_parts_are_empty_geometries():
    lines, _ = from_parts(POLYLINE, np.empty((0, 2)), np.array([], dtype=np.int64), np.array([0, 0]))
    assert [g.wkt for g in lines] == ["LINESTRING EMPTY"] * 2
    polygons, measures = from_parts(POLYGON, np.empty((0, 3)), np.array([], dtype=np.int64), np.array([0]), has_m=True)
    assert [g.wkt for g in polygons] == ["POLYGON EMPTY"] and [m.tolist() for m in measures] == [[]]


# -- holes: found by containment ------------------------------------------------------------------------


def clockwise_square(x: float, y: float, size: float) -> list:
    return [[x, y], [x, y + size], [x + size, y + size], [x + size, y], [x, y]]


@pytest.mark.parametrize(
    "hole",
    [
        [[100, 205], [103, 204], [103, 206], [100, 205]],  # touching the west side at one point
        [[110, 205], [107, 206], [107, 204], [110, 205]],  # east
        [[105, 200], [104, 203], [106, 203], [105, 200]],  # south
        [[105, 210], [106, 207], [104, 207], [105, 210]],  # north
    ],
)
def test_a_hole_touching_its_exterior_at_one_point_is_a_hole(hole):
    (polygon,), _ = from_esri([{"rings": [clockwise_square(100, 200, 10), hole]}], POLYGON)
    assert polygon.geom_type == "Polygon" and len(polygon.interiors) == 1
    assert polygon.area == 100 - 3 and polygon.is_valid


def test_holes_far_from_the_origin_where_x_and_y_differ():
    rings = [clockwise_square(1000, 5, 10), clockwise_square(1002, 7, 2)[::-1], clockwise_square(1006, 11, 3)[::-1]]
    (polygon,), _ = from_esri([{"rings": rings}], POLYGON)
    assert polygon.geom_type == "Polygon" and len(polygon.interiors) == 2 and polygon.area == 100 - 4 - 9


@pytest.mark.parametrize("holes", [63, 64])
def test_a_feature_with_many_holes_keeps_every_one(holes):
    """Up to 64 rings, every two rings of a feature are compared; past that, a spatial index finds them."""
    grid = [clockwise_square(1 + 2 * (i % 8), 1 + 2 * (i // 8), 1)[::-1] for i in range(holes)]
    features = [{"rings": [clockwise_square(0, 0, 17), *grid]}] * 2
    polygons, _ = from_esri(features, POLYGON)
    assert [len(p.interiors) for p in polygons] == [holes, holes]
    assert [p.area for p in polygons] == [17 * 17 - holes] * 2


# -- writing -------------------------------------------------------------------------------------------


def test_what_is_no_geometry_or_has_no_esri_type_is_named():
    with pytest.raises(GeometryError, match=r"^int is not a geometry\.$"):
        geometry_type_of(5)
    collection = shapely.GeometryCollection([shapely.Point(1, 2)])
    with pytest.raises(GeometryError, match=r"^A GeometryCollection has no Esri equivalent"):
        geometry_type_of(collection)
    with pytest.raises(GeometryError, match=r"^Feature 1: a GeometryCollection has no Esri equivalent\.$"):
        common_geometry_type([shapely.Point(0, 0), collection])


def test_features_without_geometries_are_written_as_null():
    assert to_esri([None, None], POINT) == [None, None]
    assert to_esri([], POLYGON) == []


def test_features_of_different_widths_in_one_batch_each_keep_their_own():
    (flat, raised), measures = from_esri(
        [{"paths": [[[0, 0], [1, 1]]]}, {"paths": [[[0, 0, 1, 7], [1, 1, 2, 8]]]}], POLYLINE
    )
    assert not flat.has_z and shapely.get_coordinates(raised, include_z=True)[:, 2].tolist() == [1, 2]
    assert measures[0] is None and measures[1].tolist() == [7, 8]
    (first, second), measures = from_esri(
        [{"paths": [[[0, 0], [1, 1]]]}, {"paths": [[[0, 0, 1], [1, 1, 2]]]}], POLYLINE
    )
    assert not first.has_z and second.has_z and measures is None


def bowtie(x: float) -> list:
    return [[x, 0], [x + 1, 1], [x + 1, 0], [x, 1], [x, 0]]


def test_one_invalid_polygon_is_named_once():
    with pytest.warns(Warning) as caught:
        from_esri([{"rings": [bowtie(0)]}], POLYGON)
    assert [str(w.message).split(" (")[0] for w in caught] == ["Feature 0: the polygon is not valid as read"]


@pytest.mark.parametrize("count, named", [(5, "features 0, 1, 2, 3, 4;"), (6, "features 0, 1, 2, 3, 4 and 1 more;")])
def test_up_to_five_invalid_polygons_are_named_then_counted(count, named):
    with pytest.warns(Warning) as caught:
        from_esri([{"rings": [bowtie(3 * i)]} for i in range(count)], POLYGON)
    assert len(caught) == 1 and f"{count} polygons are not valid as read ({named}" in str(caught[0].message)


def test_what_is_no_shapely_geometry_is_named_by_its_feature():
    with pytest.raises(GeometryError, match=r"^Feature 1: str is not a shapely geometry\.$"):
        to_esri([shapely.Point(1, 2), "POINT (1 2)"], POINT)


def test_a_linear_ring_is_written_as_a_polyline():
    ring = shapely.LinearRing([(0, 0), (1, 0), (1, 1)])
    assert to_esri([ring], POLYLINE) == [{"paths": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}]


def test_geometries_of_two_types_are_named_by_their_types():
    mixed = [shapely.Point(0, 0), shapely.LineString([(0, 0), (1, 1)]), shapely.box(0, 0, 1, 1)]
    with pytest.raises(GeometryError) as caught:
        common_geometry_type(mixed)
    assert (
        str(caught.value)
        == "The geometries mix points and polygons and polylines; a feature set holds one geometry type."
    )
