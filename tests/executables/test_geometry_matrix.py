"""Every geometry family, in 2D and with Z, M and ZM, through qgis_process.bin and the reference
server's CopyFeatures, which returns its input as it came: the output is the input again.

Input layers are written and outputs read with OGR. For each dimension one saved model copies the
six families (a qgis_process start does all of them): points, multipoints, lines, multilines,
polygons with holes, multipolygons. Each output must have the input's feature count, geometry
family and Z/M flags, the same geometries (OGR's Equals of the normalised shapes: x, y, z exactly,
holes included) and the same M value at every vertex.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from osgeo import ogr

from harness import FromInput, Step, algorithm_id, write_model
from layers import measures, read_layer, same_shape, write_layer

COPY = algorithm_id("GP/CopyFeatures", "CopyFeatures")
X, Y = 480000.123456789, 4980000.987654321  # not exact in binary: every digit must survive


def square(left: float, bottom: float, size: float) -> list[tuple[float, float]]:
    """A closed ring, counter-clockwise (the OGC way; Esri's is the opposite)."""
    x, y = X + left, Y + bottom
    return [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]


def hole(left: float, bottom: float, size: float) -> list[tuple[float, float]]:
    return square(left, bottom, size)[::-1]


# family: (OGR layer type without Z/M, WKT keyword, {label: coordinates})
FAMILIES = {
    "points": (ogr.wkbPoint, "POINT", {"a": (X, Y), "b": (X + 10.5, Y + 20.25)}),
    "multipoints": (
        ogr.wkbMultiPoint,
        "MULTIPOINT",
        {"three": [(X, Y), (X + 1.5, Y + 2.5), (X - 3, Y + 0.125)], "one": [(X + 7, Y + 7)]},
    ),
    "lines": (
        ogr.wkbLineString,
        "LINESTRING",
        {"bent": [(X, Y), (X + 50, Y + 5.5), (X + 60, Y + 40)], "straight": [(X, Y + 100), (X + 30, Y + 100)]},
    ),
    "multilines": (
        ogr.wkbMultiLineString,
        "MULTILINESTRING",
        {
            "two": [[(X, Y), (X + 10, Y + 10)], [(X + 20, Y), (X + 30, Y + 15), (X + 40, Y)]],
            "one": [[(X, Y + 50), (X + 5, Y + 55)]],
        },
    ),
    "polygons": (
        ogr.wkbPolygon,
        "POLYGON",
        {"two holes": [square(0, 0, 100), hole(10, 10, 20), hole(50, 50, 30)], "plain": [square(200, 0, 40)]},
    ),
    "multipolygons": (
        ogr.wkbMultiPolygon,
        "MULTIPOLYGON",
        {
            "holed and plain": [[square(0, 0, 100), hole(25, 25, 50)], [square(150, 0, 20)]],
            "island in a hole": [[square(0, 200, 100), hole(10, 210, 80)], [square(40, 240, 10)]],
        },
    ),
}
DIMENSIONS = {"2D": "", "Z": "Z", "M": "M", "ZM": "ZM"}
FAMILY = {
    ogr.wkbPoint: "point",
    ogr.wkbMultiPoint: "point",
    ogr.wkbLineString: "line",
    ogr.wkbMultiLineString: "line",
    ogr.wkbPolygon: "polygon",
    ogr.wkbMultiPolygon: "polygon",
}


def ordinates(x: float, y: float, dimension: str) -> str:
    """A vertex with a Z and an M that depend on its position only (a ring's last vertex is its first)."""
    z, m = 100 + (x - X) * 0.5 + (y - Y) * 0.25, (x - X) + 2 * (y - Y) + 0.5
    return " ".join(
        f"{value!r}" for value in (x, y, *([z] if "Z" in dimension else []), *([m] if "M" in dimension else []))
    )


def wkt(keyword: str, coordinates: Sequence, dimension: str) -> str:
    def text(part: Sequence) -> str:
        if isinstance(part[0], float):
            return ordinates(*part, dimension)
        return "(" + ", ".join(text(item) for item in part) + ")"

    return " ".join(filter(None, (keyword, dimension, text([coordinates] if keyword == "POINT" else coordinates))))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, dict[str, str]]:
    """dimension -> family -> the QGIS source of its layer, all in one GeoPackage."""
    path = tmp_path_factory.mktemp("matrix") / "inputs.gpkg"
    sources: dict[str, dict[str, str]] = {}
    for name, dimension in DIMENSIONS.items():
        for family, (base, keyword, shapes) in FAMILIES.items():
            sources.setdefault(name, {})[family] = write_layer(
                path,
                f"{family}_{name}",
                ogr.GT_SetModifier(base, "Z" in dimension, "M" in dimension),
                {label: wkt(keyword, coordinates, dimension) for label, coordinates in shapes.items()},
            )
    return sources


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_every_geometry_family_comes_back_as_it_went(installed, inputs, tmp_path, dimension):
    model = write_model(
        tmp_path / f"copy_{dimension}.model3",
        f"Copy {dimension}",
        list(FAMILIES),
        [
            Step(family, COPY, {"Input_Features": FromInput(family)}, {"copied": "Output_Features"})
            for family in FAMILIES
        ],
    )
    installed.run_algorithm(
        str(model), **inputs[dimension], **{f"{family}:copied": tmp_path / f"{family}.gpkg" for family in FAMILIES}
    )
    problems = [
        f"{family}: {problem}"
        for family in FAMILIES
        for problem in differences(inputs[dimension][family], tmp_path / f"{family}.gpkg")
    ]
    assert not problems, "\n".join(problems)


def differences(source: str, output: Path) -> list[str]:
    """What differs between an input layer and its copy."""
    sent_type, sent = read_layer(source)
    copied_type, copied = read_layer(output)
    problems = []
    if FAMILY[ogr.GT_Flatten(copied_type)] != FAMILY[ogr.GT_Flatten(sent_type)]:
        problems.append(f"a {ogr.GeometryTypeToName(copied_type)} layer for {ogr.GeometryTypeToName(sent_type)}")
    same_m = ogr.GT_HasM(copied_type) == ogr.GT_HasM(sent_type)
    if ogr.GT_HasZ(copied_type) != ogr.GT_HasZ(sent_type) or not same_m:
        problems.append(f"Z/M flags of {ogr.GeometryTypeToName(copied_type)} for {ogr.GeometryTypeToName(sent_type)}")
    if sorted(copied) != sorted(sent):
        problems.append(f"features {sorted(copied)} for {sorted(sent)}")
    for label in sorted(set(sent) & set(copied)):
        if not same_shape(sent[label], copied[label]):
            problems.append(
                f"'{label}' is {copied[label].ExportToIsoWkt()[:150]}..., sent {sent[label].ExportToIsoWkt()[:150]}..."
            )
        elif ogr.GT_HasM(sent_type) and same_m and measures(copied[label]) != measures(sent[label]):
            problems.append(
                f"'{label}' has M {list(measures(copied[label]).values())}, sent {list(measures(sent[label]).values())}"
            )
    return problems
