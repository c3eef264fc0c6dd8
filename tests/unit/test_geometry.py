"""Esri JSON geometry <-> shapely (remote_gp.gp_core.geometry)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from real_bodies import real_body
from remote_gp.gp_core.errors import GeometryError, GPWarning
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


def square(x: float, y: float, size: float, clockwise: bool = True) -> list:
    ring = [[x, y], [x, y + size], [x + size, y + size], [x + size, y], [x, y]]
    return ring if clockwise else ring[::-1]


def coords(geom, **dims) -> list:
    return shapely.get_coordinates(geom, **dims).tolist()


def decode(items: list, kind: str | None, **flags) -> np.ndarray:
    """The geometries only (tests of M values call from_esri)."""
    geometries, _ = from_esri(items, kind, **flags)
    return geometries


def m_lists(measures) -> list:
    """M arrays as lists, NaN as None, for comparisons."""
    return [None if m is None else [None if math.isnan(v) else v for v in m.tolist()] for m in measures]


# -- points ----------------------------------------------------------------------------------------


def test_points_with_z_m_null_values_and_empty_points():
    items = [
        {"x": 1, "y": 2, "z": 3, "m": 4},
        {"x": 5, "y": 6, "z": None, "m": 7},
        {"x": None},
        {"x": "NaN", "y": "NaN"},
        None,
    ]
    geoms, measures = from_esri(items, POINT, has_z=True, has_m=True)
    assert coords(geoms[0], include_z=True) == [[1, 2, 3]]
    assert shapely.get_z(geoms[1]) != shapely.get_z(geoms[1])  # null Z is NaN
    assert m_lists(measures) == [[4], [7], [], [], None]  # empty points have no vertex, so no M
    assert geoms[2].is_empty and geoms[3].is_empty and geoms[4] is None
    assert to_esri(geoms, POINT, has_z=True, has_m=True, measures=measures) == [
        {"x": 1, "y": 2, "z": 3, "m": 4},
        {"x": 5, "y": 6, "z": None, "m": 7},
        {"x": None, "y": None, "z": None, "m": None},
        {"x": None, "y": None, "z": None, "m": None},
        None,
    ]


def test_point_fixture_with_has_z():
    value = real_body("input_featureset_dateonly_timeonly_offset")
    (geom,) = decode([f["geometry"] for f in value["features"]], value["geometryType"], has_z=value["hasZ"])
    assert coords(geom, include_z=True) == [[-104.44, 34.83, 10.0]]


def test_multipoint_with_m_only_reads_the_third_ordinate_as_m():
    (geom,), measures = from_esri([{"points": [[1, 2, 10], [3, 4, None]]}], MULTIPOINT, has_m=True)
    assert geom.geom_type == "MultiPoint" and not geom.has_z
    assert coords(geom) == [[1, 2], [3, 4]] and m_lists(measures) == [[10, None]]
    assert to_esri([geom], MULTIPOINT, has_m=True, measures=measures) == [{"points": [[1, 2, 10], [3, 4, None]]}]


def test_a_2d_multipoint_round_trips():
    items = [{"points": [[1, 2], [3, 4]]}, {"points": [[5, 6]]}, {"points": []}]
    geoms, measures = from_esri(items, MULTIPOINT)
    assert measures is None and [len(g.geoms) for g in geoms] == [2, 1, 0]
    assert to_esri(geoms, MULTIPOINT) == items


# -- polylines ---------------------------------------------------------------------------------------


def test_polyline_fixture_wkid_102113_keeps_exact_coordinates():
    value = real_body("polyline_featureset_result_wkid102113")["results"][0]["value"]
    source = value["features"][0]["geometry"]
    (geom,) = decode([source], POLYLINE)
    assert geom.geom_type == "LineString"
    assert coords(geom) == source["paths"][0]
    assert to_esri([geom], POLYLINE) == [source]


def test_polyline_z_and_m_round_trip_with_null_values():
    items = [{"paths": [[[0, 0, 1, 5], [1, 1, None, 6]], [[5, 5, 2, None], [6, 6, 3, 8]]]}, {"paths": []}]
    geoms, measures = from_esri(items, POLYLINE, has_z=True, has_m=True)
    assert geoms[0].geom_type == "MultiLineString" and geoms[0].has_z
    assert m_lists(measures) == [[5, 6, None, 8], []]
    assert geoms[1].is_empty
    assert to_esri(geoms, POLYLINE, has_z=True, has_m=True, measures=measures) == items


def test_polyline_m_without_z_round_trip():
    items = [{"paths": [[[0, 0, 10], [3, 4, 15]]]}]
    (geom,), measures = from_esri(items, POLYLINE, has_m=True)
    assert not geom.has_z and coords(geom) == [[0, 0], [3, 4]]
    assert to_esri([geom], POLYLINE, has_m=True, measures=measures) == items


def test_m_is_null_when_a_feature_set_with_m_gets_no_values():
    assert to_esri([shapely.LineString([(0, 0), (1, 1)])], POLYLINE, has_m=True) == [
        {"paths": [[[0, 0, None], [1, 1, None]]]}
    ]


def test_m_values_that_do_not_match_the_vertices_are_refused():
    measures = np.empty(1, dtype=object)
    measures[0] = np.array([1.0, 2.0, 3.0])
    with pytest.raises(GeometryError, match="Feature 0: 3 M values for a geometry of 2 vertices"):
        to_esri([shapely.LineString([(0, 0), (1, 1)])], POLYLINE, has_m=True, measures=measures)


def test_a_broken_feature_among_features_with_m_is_named():
    items = [{"paths": [[[0, 0, 1], [1, 1, 2]]]}] * 3 + [{"paths": [[[0, 0, 1], "x"]]}] + [{"paths": [[[2, 2, 3]]]}]
    with pytest.raises(GeometryError, match="Feature 3: the polyline geometry cannot be read"):
        from_esri(items, POLYLINE, has_m=True)


def test_geometry_level_flags_override_the_feature_set():
    (geom,), measures = from_esri([{"paths": [[[0, 0, 7], [1, 1, 8]]], "hasM": True}], POLYLINE)
    assert not geom.has_z and m_lists(measures) == [[7, 8]]


# -- polygons ----------------------------------------------------------------------------------------


def test_holes_go_to_the_exterior_that_contains_them_whatever_the_order():
    hole_a, hole_b = square(1, 1, 1, clockwise=False), square(11, 11, 1, clockwise=False)
    rings = [hole_b, hole_a, square(0, 0, 5), square(10, 10, 5)]  # holes first, in the "wrong" order
    (geom,) = decode([{"rings": rings}], POLYGON)
    assert geom.geom_type == "MultiPolygon" and geom.is_valid
    first, second = geom.geoms
    assert coords(first.exterior) == square(0, 0, 5) and coords(first.interiors[0]) == hole_a
    assert coords(second.exterior) == square(10, 10, 5) and coords(second.interiors[0]) == hole_b


def test_one_exterior_takes_every_hole_even_when_listed_first():
    (geom,) = decode([{"rings": [square(1, 1, 1, clockwise=False), square(0, 0, 5)]}], POLYGON)
    assert geom.geom_type == "Polygon" and len(geom.interiors) == 1 and geom.area == 24


def test_island_inside_a_hole_is_its_own_part_and_its_hole_is_found():
    rings = [square(0, 0, 10), square(1, 1, 8, clockwise=False), square(3, 3, 4, clockwise=False), square(2, 2, 6)]
    (geom,) = decode([{"rings": rings}], POLYGON)
    assert geom.geom_type == "MultiPolygon" and geom.is_valid
    assert sorted(p.area for p in geom.geoms) == [36 - 16, 100 - 64]


def test_hole_straying_over_its_exterior_edge_still_joins_it_and_is_reported():
    sloppy_hole = [[9, 1], [10.5, 1], [10.5, 3], [9, 3], [9, 1]]  # counter-clockwise, pokes out of the first square
    with pytest.warns(GPWarning, match=r"Feature 0: the polygon is not valid as read \(Self-intersection"):
        (geom,) = decode([{"rings": [square(0, 0, 10), square(20, 0, 10), sloppy_hole]}], POLYGON)
    first, second = geom.geoms
    assert len(first.interiors) == 1 and len(second.interiors) == 0


def test_island_straying_over_its_hole_edge_is_still_an_island():
    sloppy_island = [[1, 1], [1, 3.5], [3.5, 3.5], [3.5, 1], [1, 1]]  # clockwise, pokes out of the hole
    rings = [square(0, 0, 10), square(2, 2, 6, clockwise=False), sloppy_island]
    with pytest.warns(GPWarning, match="Feature 0"):
        (geom,) = decode([{"rings": rings}], POLYGON)
    assert geom.geom_type == "MultiPolygon" and [len(p.interiors) for p in geom.geoms] == [1, 0]


def test_counter_clockwise_ring_alone_is_read_as_a_polygon_not_dropped():
    (geom,) = decode([{"rings": [square(0, 0, 3, clockwise=False)]}], POLYGON)
    assert geom.geom_type == "Polygon" and geom.area == 9


def test_a_ring_outside_the_only_clockwise_ring_is_an_exterior_whatever_its_orientation(recwarn):
    """Issue 10: two disjoint squares, one clockwise, gave an invalid Polygon of area 0."""
    (geom,) = decode([{"rings": [square(0, 0, 1), square(5, 5, 1, clockwise=False)]}], POLYGON)
    assert (geom.geom_type, geom.area, geom.is_valid) == ("MultiPolygon", 2, True)
    assert not recwarn.list


def test_holes_of_a_curved_feature_never_lie_outside_its_shell():
    """Issue 10: Esri's own example of a polygon with curves (its first ring touches itself at 11,11,
    which is not valid for GEOS: reported) gave one Polygon of area 1.497 with the second ring, which
    lies outside the first, as its hole."""
    example = {
        "hasM": True,
        "curveRings": [
            [[11, 11, 1], [10, 10, 2], [10, 11, 3], [11, 11, 4], {"b": [[15, 15, 2], [10, 17], [18, 20]]}, [11, 11, 4]],
            [[15, 15, 1], {"c": [[20, 16, 3], [20, 14]]}, [15, 15, 3]],
        ],
    }
    with pytest.warns(
        GPWarning, match=r"Feature 0: the polygon is not valid as read \(Ring Self-intersection\[11 11\]\)"
    ):
        (geom,) = decode([example], POLYGON)
    first, second = geom.geoms
    assert geom.geom_type == "MultiPolygon" and not first.interiors and not second.interiors
    assert math.isclose(geom.area, first.area + second.area) and geom.area > 28


def test_a_curved_ring_outside_a_clockwise_circle_is_an_exterior(recwarn):
    circle = [[1, 0], {"a": [[1, 0], [0, 0], 0, 1]}]  # clockwise, radius 1
    outside = [[4, 0], {"c": [[6, 0], [5, -1]]}, {"c": [[4, 0], [5, 1]]}]  # counter-clockwise, radius 1
    (geom,) = decode([{"curveRings": [circle, outside]}], POLYGON)
    assert geom.geom_type == "MultiPolygon" and geom.is_valid
    assert [part.exterior.is_ccw for part in geom.geoms] == [False, True]
    assert math.isclose(geom.area, 2 * math.pi, rel_tol=1e-3)
    assert not recwarn.list


def test_rings_turned_the_ogc_way_still_make_a_polygon_with_a_hole(recwarn):
    (geom,) = decode([{"rings": [square(0, 0, 10, clockwise=False), square(2, 2, 2)]}], POLYGON)
    assert geom.geom_type == "Polygon" and len(geom.interiors) == 1 and geom.area == 96
    assert not recwarn.list


def test_a_clockwise_ring_inside_another_is_a_hole():
    (geom,) = decode([{"rings": [square(2, 2, 2), square(0, 0, 10)]}], POLYGON)
    assert geom.geom_type == "Polygon" and geom.area == 96 and coords(geom.exterior) == square(0, 0, 10)


def test_equal_rings_the_clockwise_one_is_the_exterior():
    with pytest.warns(GPWarning, match="Feature 0"):
        (geom,) = decode([{"rings": [square(0, 0, 4, clockwise=False), square(0, 0, 4)]}], POLYGON)
    assert geom.geom_type == "Polygon" and coords(geom.exterior) == square(0, 0, 4) and len(geom.interiors) == 1


def test_invalid_polygons_are_kept_and_named_by_their_feature():
    bow_tie = [[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]
    items = [{"rings": [square(0, 0, 1)]}, None, {"rings": [bow_tie], "hasZ": True}, {"rings": [bow_tie]}]
    with pytest.warns(
        GPWarning, match=r"^2 polygons are not valid as read \(features 2, 3; feature 2: Self-intersection"
    ):
        geoms = decode(items, POLYGON)
    assert [g is not None and g.area for g in geoms] == [1, False, 0, 0]


@pytest.mark.parametrize("bad", [None, "NaN", "Infinity"])
def test_a_ring_vertex_without_a_finite_x_or_y_is_refused_naming_the_feature(bad):
    items = [{"rings": [square(0, 0, 1)]}, {"rings": [square(0, 0, 5), [[1, 1], [bad, 2], [2, 2], [1, 1]]]}]
    with pytest.raises(GeometryError, match="Feature 1: the polygon .* x or y is missing .NaN. or infinite"):
        decode(items, POLYGON)


def test_many_invalid_polygons_are_counted_and_the_first_named():
    items = [{"rings": [square(0, 0, 1), square(0, 0, 1)]}] * 7
    with pytest.warns(GPWarning, match=r"^7 polygons .*features 0, 1, 2, 3, 4 and 2 more;"):
        decode(items, POLYGON)


def test_unclosed_rings_are_closed():
    (geom,) = decode([{"rings": [square(0, 0, 2)[:-1]]}], POLYGON)
    assert coords(geom.exterior) == square(0, 0, 2)


def test_writing_orients_rings_and_flattens_parts():
    ccw_exterior = shapely.Polygon(square(0, 0, 10, clockwise=False), [square(2, 2, 2)])  # OGC-style orientation
    multi = shapely.MultiPolygon([ccw_exterior, shapely.box(20, 20, 21, 21)])
    (encoded,) = to_esri([multi], POLYGON)
    rings = [shapely.LinearRing(r) for r in encoded["rings"]]
    assert len(rings) == 3
    assert [shapely.is_ccw(r) for r in rings] == [False, True, False]  # exteriors clockwise, hole counter-clockwise
    (decoded,) = decode([encoded], POLYGON)
    assert decoded.equals(multi)


def test_polygon_z_round_trip_keeps_every_vertex():
    items = [{"rings": [[[0, 0, 1], [0, 4, 2], [4, 4, 3], [4, 0, 4], [0, 0, 1]]]}]
    geoms = decode(items, POLYGON, has_z=True)
    assert to_esri(geoms, POLYGON, has_z=True) == items


def test_m_values_follow_their_rings_when_holes_are_regrouped():
    hole = [[1, 1, 101], [2, 1, 102], [2, 2, 103], [1, 2, 104], [1, 1, 101]]  # counter-clockwise, listed first
    exterior = [[0, 0, 1], [0, 5, 2], [5, 5, 3], [5, 0, 4], [0, 0, 1]]
    (geom,), measures = from_esri([{"rings": [hole, exterior]}], POLYGON, has_m=True)
    assert coords(geom.exterior) == [v[:2] for v in exterior] and len(geom.interiors) == 1
    assert m_lists(measures) == [[1, 2, 3, 4, 1, 101, 102, 103, 104, 101]]
    assert to_esri([geom], POLYGON, has_m=True, measures=measures) == [{"rings": [exterior, hole]}]


def test_m_values_are_reversed_with_the_rings_writing_turns():
    counter_clockwise = [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)]
    measures = np.empty(1, dtype=object)
    measures[0] = np.array([1.0, 2, 3, 4, 1])
    encoded = to_esri([shapely.Polygon(counter_clockwise)], POLYGON, has_m=True, measures=measures)
    assert encoded == [{"rings": [[[0, 0, 1], [0, 4, 4], [4, 4, 3], [4, 0, 2], [0, 0, 1]]]}]


def test_writing_a_multipolygon_with_m_keeps_each_part_its_values():
    first = shapely.Polygon([(0, 0), (0, 2), (2, 2), (2, 0)])  # clockwise: unchanged
    second = shapely.Polygon([(5, 5), (7, 5), (7, 7), (5, 7)])  # counter-clockwise: turned
    measures = np.empty(1, dtype=object)
    measures[0] = np.arange(10, dtype=float)
    (encoded,) = to_esri([shapely.MultiPolygon([first, second])], POLYGON, has_m=True, measures=measures)
    assert [[v[2] for v in ring] for ring in encoded["rings"]] == [[0, 1, 2, 3, 4], [9, 8, 7, 6, 5]]


def test_envelope_becomes_a_box_and_back():
    (geom,) = decode([{"xmin": 1, "ymin": 2, "xmax": 3, "ymax": 5}], None)
    assert geom.geom_type == "Polygon" and geom.bounds == (1, 2, 3, 5)
    assert to_esri([geom], ENVELOPE) == [{"xmin": 1, "ymin": 2, "xmax": 3, "ymax": 5}]


def test_types_inferred_from_keys_when_not_given():
    geoms = decode([{"x": 1, "y": 2}, {"paths": [[[0, 0], [1, 1]]]}, {"rings": [square(0, 0, 1)]}, {}], None)
    assert [g.geom_type if g is not None else None for g in geoms] == ["Point", "LineString", "Polygon", None]


def test_from_parts_builds_shapefile_style_arrays():
    xy = np.array(
        square(0, 0, 4) + square(1, 1, 1, clockwise=False) + [[9, 9], [9, 9.5], [9.5, 9.5], [9, 9]], dtype=float
    )
    geoms, measures = from_parts(POLYGON, xy, np.array([5, 5, 4]), np.array([2, 0, 1]))
    assert measures is None
    assert [g.geom_type for g in geoms] == ["Polygon", "Polygon", "Polygon"]
    assert geoms[0].area == 15 and geoms[1].is_empty and geoms[2].area == 0.125


def test_from_parts_names_an_invalid_polygon_by_its_index():
    xy = np.array(square(0, 0, 4) + [[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]], dtype=float)
    with pytest.warns(GPWarning, match="Feature 1: the polygon is not valid"):
        from_parts(POLYGON, xy, np.array([5, 5]), np.array([1, 1]))


# -- curves --------------------------------------------------------------------------------------------


def test_circular_arc_passes_through_its_interior_point_and_ends_at_its_end_point():
    (geom,) = decode([real_body("curvePaths_example24")], POLYLINE)
    points = np.array(coords(geom))
    assert points[0].tolist() == [0, 0] and points[-1].tolist() == [3, 3]
    center = np.array([7 / 6, 11 / 6])  # circumcenter of (0, 0), (1, 4), (3, 3)
    radii = np.hypot(*(points - center).T)
    assert np.allclose(radii, radii[0]) and math.isclose(radii[0], math.hypot(*center))
    assert geom.distance(shapely.Point(1, 4)) < 1e-3
    steps = np.degrees(np.diff(np.unwrap(np.arctan2(*(points - center).T[::-1]))))
    assert np.all(np.abs(steps) <= 1.0 + 1e-9)  # at most one degree per segment


def test_elliptic_arc_with_same_end_points_is_a_full_clockwise_circle_of_its_radius():
    (geom,) = decode([real_body("curvePaths_example25")], POLYLINE)
    points = np.array(coords(geom))
    assert points[:2].tolist() == [[3.5, 0], [3.5, 1]] and points[-1].tolist() == [3.5, 1]
    arc = points[1:]
    assert np.allclose(np.hypot(arc[:, 0] - 3, arc[:, 1] - 2), math.sqrt(1.25))
    assert not shapely.is_ccw(shapely.LinearRing(arc))
    assert len(arc) >= 361


def test_bezier_and_elliptic_arc_segments():
    (geom,) = decode([real_body("curvePaths_example26")], POLYLINE)
    points = np.array(coords(geom))
    assert points[0].tolist() == [6, 3] and points[1].tolist() == [5, 3] and points[-1].tolist() == [0, 2]
    vertices = points.tolist()
    assert [3, 2] in vertices and [1, 2] in vertices  # the Bézier ends where the straight segment starts
    bezier = points[1 : vertices.index([3, 2]) + 1]
    midpoint = 0.125 * np.array([5, 3]) + 0.375 * np.array([6, 1]) + 0.375 * np.array([2, 4]) + 0.125 * np.array([3, 2])
    assert shapely.LineString(bezier).distance(shapely.Point(midpoint)) < 1e-4  # B(0.5) is on the line
    ellipse = points[vertices.index([1, 2]) :]
    local = (ellipse - [0, 3]) @ np.array(
        [
            [math.cos(2.094395102393195), -math.sin(2.094395102393195)],
            [math.sin(2.094395102393195), math.cos(2.094395102393195)],
        ]
    )
    rho = np.hypot(local[:, 0] / 1.83, local[:, 1] / (1.83 * 0.33333333))
    assert np.all((rho > 0.9) & (rho < 1.0))  # on the (scaled) ellipse between both end points


def test_curve_rings_are_used_rather_than_the_densified_fallback():
    curve = {
        "curveRings": [[[0, 0], [0, 2], {"a": [[0, 0], [0, 1], 0, 1]}]],
        "rings": [[[0, 0], [0, 2], [1, 1], [0, 0]]],
    }
    (geom,) = decode([curve], POLYGON)
    assert geom.geom_type == "Polygon"
    assert math.isclose(geom.area, math.pi / 2, rel_tol=1e-3)  # a half disc, not the fallback's triangle


def test_z_is_interpolated_along_a_curve():
    (geom,) = decode([{"curvePaths": [[[0, 0, 10], {"c": [[2, 0, 20], [1, 1, 0]]}]]}], POLYLINE, has_z=True)
    z = shapely.get_coordinates(geom, include_z=True)[:, 2]
    assert z[0] == 10 and z[-1] == 20 and np.all(np.diff(z) > 0)


# -- errors and types ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "items, expected",
    [
        ([{"paths": [[[0, 0], [1, 1]]]}] * 5 + [{"paths": [[[0, 0], [1, "a"]]]}], "Feature 5"),
        ([{"paths": [[[0, 0], [1, 1]]]}, {"paths": [[[0, 0], [1, 1, 2]]]}, {"paths": [[[0, 0], [1, 1]]]}], "Feature 1"),
        ([{"x": 1, "y": 2}, {"rings": 7}], "Feature 1"),
        ([None, {"wrong": 1}], "Feature 1"),
        ([{"x": 1, "y": 2}, "not a geometry"], "Feature 1"),
    ],
)
def test_broken_geometry_json_names_the_feature(items, expected):
    with pytest.raises(GeometryError, match=expected):
        decode(items, None)


def test_geometry_of_another_type_than_the_feature_set_is_an_error():
    with pytest.raises(GeometryError, match="Feature 1: expected a point geometry, got a polyline"):
        decode([{"x": 1, "y": 2}, {"paths": [[[0, 0], [1, 1]]]}], POINT)


def test_writing_a_geometry_of_the_wrong_type_names_the_feature():
    with pytest.raises(GeometryError, match="Feature 1: a LineString cannot be written as a point"):
        to_esri([shapely.Point(0, 0), shapely.LineString([(0, 0), (1, 1)])], POINT)


def test_geometry_types():
    assert geometry_type_of(shapely.MultiPolygon([shapely.box(0, 0, 1, 1)])) == POLYGON
    assert geometry_type_of(shapely.LinearRing([(0, 0), (1, 0), (1, 1)])) == POLYLINE
    assert common_geometry_type([None, shapely.Point(0, 0), shapely.Point(1, 1)]) == POINT
    assert common_geometry_type([None]) is None
    with pytest.raises(GeometryError, match="mix"):
        common_geometry_type([shapely.Point(0, 0), shapely.box(0, 0, 1, 1)])
    with pytest.raises(GeometryError, match="GeometryCollection"):
        geometry_type_of(shapely.GeometryCollection([shapely.Point(0, 0)]))


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_nan_or_infinite_vertex_is_written_with_a_warning_naming_the_feature(bad):
    with np.errstate(invalid="ignore"):  # shapely 2.1 warns of NaN itself
        lines = [shapely.LineString([(0, 0), (1, 1)]), None, shapely.LineString([(0, 0), (bad, 1), (2, 2)])]
    with pytest.warns(
        GPWarning, match="1 geometries have vertices with NaN or infinite coordinates .the first is feature 2"
    ):
        to_esri(lines, POLYLINE)


def test_an_infinite_z_is_a_warning_but_a_missing_z_is_not(recwarn):
    to_esri([shapely.Point(1, 2, math.nan)], POINT, has_z=True)
    assert not recwarn.list
    with pytest.warns(GPWarning):
        to_esri([shapely.Point(1, 2, math.inf)], POINT, has_z=True)
