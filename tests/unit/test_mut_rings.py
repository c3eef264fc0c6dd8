"""Rings turned the way Esri JSON or GeoJSON wants, M values with them, the caller's arrays left
alone (gp_core.rings; written to kill the mutants `make mutation` found surviving)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from remote_gp.gp_core.errors import GeometryError
from remote_gp.gp_core.rings import orient

COUNTER_CLOCKWISE = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]


def objects(*values) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = list(values)
    return array


def test_a_polygon_turned_clockwise_stays_a_polygon_and_its_m_values_turn_with_it():
    square = shapely.Polygon(COUNTER_CLOCKWISE)
    geometries, measures = orient(
        objects(square, None), objects(np.array([1.0, 2, 3, 4, 1]), None), exterior_clockwise=True
    )
    assert geometries[0].geom_type == "Polygon" and geometries[1] is None
    assert shapely.get_coordinates(geometries[0]).tolist() == [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]
    assert measures[0].tolist() == [1, 4, 3, 2, 1] and measures[1] is None


def test_the_callers_geometries_and_m_values_are_left_as_they_were():
    square = shapely.Polygon(COUNTER_CLOCKWISE, [[(0.2, 0.2), (0.2, 0.4), (0.4, 0.4), (0.2, 0.2)]])
    values = np.array([1.0, 2, 3, 4, 1, 5, 6, 7, 5])
    geometries, measures = objects(square), objects(values)
    orient(geometries, measures, exterior_clockwise=True)
    assert geometries[0] is square and measures[0] is values
    assert values.tolist() == [1, 2, 3, 4, 1, 5, 6, 7, 5]


def test_a_polygon_without_m_values_among_others_keeps_none():
    geometries, measures = orient(
        objects(shapely.Polygon(COUNTER_CLOCKWISE), shapely.Polygon(COUNTER_CLOCKWISE)),
        objects(None, np.array([1.0, 2, 3, 4, 1])),
        exterior_clockwise=True,
    )
    assert measures[0] is None and measures[1].tolist() == [1, 4, 3, 2, 1]


def test_m_values_that_do_not_match_the_vertices_are_refused():
    with pytest.raises(GeometryError, match=r"^Feature 0: 3 M values for a geometry of 5 vertices\.$"):
        orient(objects(shapely.Polygon(COUNTER_CLOCKWISE)), objects(np.array([1.0, 2, 3])), exterior_clockwise=True)


def test_geometries_without_polygons_come_back_as_they_are():
    point, values = shapely.Point(1, 2), np.array([7.0])
    geometries, measures = orient(objects(point, None), objects(values, None), exterior_clockwise=False)
    assert geometries.tolist() == [point, None] and measures[0] is values
