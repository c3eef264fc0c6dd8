"""The benchmark's workloads: Esri JSON feature sets as an ArcGIS GP result or query carries them
(geometryType, spatialReference, fields, features), generated from a fixed seed so every run reads the
same bytes. Each is written once under .build/bench/ with a sidecar that says what it holds (features,
vertices), against which every peer's output is checked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

SEED = 13
#: Epoch milliseconds of 2020-01-01 UTC: the dates lie in the five years after it.
EPOCH_2020 = 1_577_836_800_000
FIELDS = [
    {"name": "OBJECTID", "type": "esriFieldTypeOID", "alias": "OBJECTID"},
    {"name": "NAME", "type": "esriFieldTypeString", "alias": "Name", "length": 64},
    {"name": "COUNT", "type": "esriFieldTypeInteger", "alias": "Count"},
    {"name": "SHARE", "type": "esriFieldTypeDouble", "alias": "Share"},
    {"name": "UPDATED", "type": "esriFieldTypeDate", "alias": "Updated", "length": 8},
]


@dataclass(frozen=True)
class Workload:
    name: str
    geometry_type: str
    features: int

    def path(self, folder: Path) -> Path:
        return folder / f"{self.name}.json"


WORKLOADS = {
    w.name: w
    for w in (
        # 100,000 polygons, ~3.3M vertices, every 5th with a hole: the main workload (~148 MB).
        Workload("polygons", "esriGeometryPolygon", 100_000),
        Workload("points", "esriGeometryPoint", 200_000),
        # 100,000 lines, ~3.3M vertices, every 5th of two paths.
        Workload("lines", "esriGeometryPolyline", 100_000),
        Workload("small", "esriGeometryPolygon", 1_000),
    )
}


def ensure(workload: Workload, folder: Path) -> Path:
    """The workload's file, generated when missing (with its sidecar, written last: a file without one
    was cut short and is made again)."""
    path = workload.path(folder)
    meta = path.with_suffix(".meta.json")
    if not meta.exists():
        folder.mkdir(parents=True, exist_ok=True)
        vertices = _write(workload, path)
        meta.write_text(json.dumps({"features": workload.features, "vertices": vertices, "bytes": path.stat().st_size}))
    return path


def expected(path: Path) -> dict[str, int]:
    """What a workload file holds: features, vertices (closing vertices of rings included), bytes."""
    result: dict[str, int] = json.loads(path.with_suffix(".meta.json").read_text())
    return result


def _write(workload: Workload, path: Path) -> int:
    rng = np.random.default_rng(SEED)
    head = {
        "displayFieldName": "NAME",
        "geometryType": workload.geometry_type,
        "spatialReference": {"wkid": 102100, "latestWkid": 3857},
        "fields": FIELDS,
    }
    vertices = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps(head, separators=(",", ":"))[:-1] + ',"features":[')
        for index, (geometry, count) in enumerate(_geometries(workload, rng)):
            feature = {"attributes": _attributes(index, rng), "geometry": geometry}
            out.write(("," if index else "") + json.dumps(feature, separators=(",", ":")))
            vertices += count
        out.write("]}")
    return vertices


def _attributes(index: int, rng: np.random.Generator) -> dict[str, Any]:
    return {
        "OBJECTID": index + 1,
        "NAME": None if index % 50 == 49 else f"Parcel {index:06d} of district {index % 97}",
        "COUNT": int(rng.integers(0, 100_000)),
        "SHARE": float(rng.random()),
        "UPDATED": EPOCH_2020 + int(rng.integers(0, 5 * 365 * 86_400)) * 1000,
    }


def _geometries(workload: Workload, rng: np.random.Generator) -> Iterator[tuple[dict[str, Any], int]]:
    for index in range(workload.features):
        x, y = -13_000_000 + rng.random() * 1_000_000, 4_000_000 + rng.random() * 1_000_000
        if workload.geometry_type == "esriGeometryPoint":
            yield {"x": x, "y": y}, 1
        elif workload.geometry_type == "esriGeometryPolyline":
            paths = [_path(x + 600 * part, y, rng) for part in range(2 if index % 5 == 0 else 1)]
            yield {"paths": paths}, sum(len(p) for p in paths)
        else:
            rings = [_ring(x, y, 200 + rng.random() * 300, int(rng.integers(24, 37)), rng, clockwise=True)]
            if index % 5 == 0:  # a hole well inside the exterior, counter-clockwise as ArcGIS writes them
                rings.append(_ring(x, y, 60, 10, rng, clockwise=False))
            yield {"rings": rings}, sum(len(r) for r in rings)


def _ring(x: float, y: float, radius: float, count: int, rng: np.random.Generator, clockwise: bool) -> list[Any]:
    """A closed star-shaped ring of `count` distinct vertices around (x, y): simple, as angles only turn one way."""
    angles = np.linspace(0, 2 * np.pi, count, endpoint=False) * (-1 if clockwise else 1)
    radii = radius * (0.8 + 0.2 * rng.random(count))
    coords = np.column_stack([x + radii * np.cos(angles), y + radii * np.sin(angles)])
    ring: list[Any] = coords.tolist()
    return ring + [ring[0]]


def _path(x: float, y: float, rng: np.random.Generator) -> list[Any]:
    steps = rng.normal(0, 20, size=(int(rng.integers(24, 37)), 2)).cumsum(axis=0)
    path: list[Any] = (steps + [x, y]).tolist()
    return path
