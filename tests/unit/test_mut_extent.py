"""Extents in and out of Esri JSON, and widened to a picture's shape (gp_core.extent; written to kill
the mutants `make mutation` found surviving)."""

from __future__ import annotations

import dataclasses
import math

import pytest

from remote_gp.gp_core import Extent, SpatialReference


def test_an_extent_in_esri_json_with_either_spelling_of_its_spatial_reference():
    body = {"xmin": 1, "ymin": 2, "xmax": 3, "ymax": 4}
    assert Extent.from_json({**body, "spatialReference": {"wkid": 4326}}) == Extent(1, 2, 3, 4, SpatialReference(4326))
    assert Extent.from_json({**body, "spatial_reference": {"wkid": 3857}}).spatial_reference == SpatialReference(3857)
    assert Extent(1, 2, 3, 4).to_json() == body
    assert Extent(1, 2, 3, 4, SpatialReference(4326)).to_json() == {**body, "spatialReference": {"wkid": 4326}}


def test_an_extent_as_thin_as_a_line_or_a_point_is_still_an_extent():
    assert Extent.from_json({"xmin": 1, "ymin": 2, "xmax": 1, "ymax": 4}) == Extent(1, 2, 1, 4)
    assert Extent.from_json({"xmin": 1, "ymin": 2, "xmax": 3, "ymax": 2}) == Extent(1, 2, 3, 2)


@pytest.mark.parametrize(
    "body",
    [
        {"xmin": 3, "ymin": 2, "xmax": 1, "ymax": 4},
        {"xmin": 1, "ymin": 4, "xmax": 3, "ymax": 2},
        {"xmin": 1, "ymin": 2, "xmax": float("inf"), "ymax": 4},
        {"xmin": float("nan"), "ymin": 2, "xmax": 3, "ymax": 4},
        {"xmin": 1, "ymin": 2, "xmax": 3},
        {"xmin": "a", "ymin": 2, "xmax": 3, "ymax": 4},
        {"xmin": None, "ymin": 2, "xmax": 3, "ymax": 4},
        [1, 2, 3, 4],
        None,
    ],
)
def test_what_is_no_extent_reads_as_none(body):
    assert Extent.from_json(body) is None


@pytest.mark.parametrize(
    "width, height, expected",
    [
        (200, 100, (-0.5, -0.25, 10.5, 5.25)),  # the picture's shape: 10 % more each way
        (400, 100, (-6, -0.25, 16, 5.25)),  # a wider picture: wider still
        (100, 100, (-0.5, -3, 10.5, 8)),  # a square picture: taller
    ],
)
def test_an_extent_is_widened_by_a_tenth_and_to_the_shape_of_the_picture(width, height, expected):
    fitted = Extent(0, 0, 10, 5, SpatialReference(4326)).fitted(width, height)
    assert (fitted.xmin, fitted.ymin, fitted.xmax, fitted.ymax) == pytest.approx(expected)
    assert fitted.spatial_reference == SpatialReference(4326)


def test_the_extent_of_a_point_becomes_a_tiny_square_around_it():
    fitted = Extent(3, 4, 3, 4).fitted(100, 100, margin=0)
    assert math.isclose(fitted.xmax - fitted.xmin, 1e-9, rel_tol=1e-6)
    assert math.isclose(fitted.ymax - fitted.ymin, 1e-9, rel_tol=1e-6)
    assert math.isclose((fitted.xmin + fitted.xmax) / 2, 3) and math.isclose((fitted.ymin + fitted.ymax) / 2, 4)


def test_extents_are_values_that_cannot_change():
    extent = Extent(1, 2, 3, 4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        extent.xmin = 0  # type: ignore[misc]
    assert {extent: "kept"}[Extent(1, 2, 3, 4)] == "kept"
