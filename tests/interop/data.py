"""Inputs both clients send: Esri JSON feature sets in NAD83 / UTM zone 15N, the tasks' reference."""

from __future__ import annotations

UTM_15N = {"wkid": 26915}
OBJECTID = {"name": "OBJECTID", "type": "esriFieldTypeOID", "alias": "OBJECTID"}
NAME = {"name": "Name", "type": "esriFieldTypeString", "alias": "Name", "length": 50}
SEEN = {"name": "Seen", "type": "esriFieldTypeDate", "alias": "Seen", "length": 8}


def square(x: float, y: float, side: float) -> list[list[float]]:
    """A clockwise ring (an exterior, as Esri writes it)."""
    return [[x, y], [x, y + side], [x + side, y + side], [x + side, y], [x, y]]


SQUARES = {
    "geometryType": "esriGeometryPolygon",
    "spatialReference": UTM_15N,
    "fields": [OBJECTID, NAME],
    "features": [
        {"geometry": {"rings": [square(500000, 4980000, 100)]}, "attributes": {"OBJECTID": 1, "Name": "a"}},
        {"geometry": {"rings": [square(500300, 4980100, 50)]}, "attributes": {"OBJECTID": 2, "Name": "b"}},
    ],
}
TOWERS = {
    "geometryType": "esriGeometryPoint",
    "spatialReference": UTM_15N,
    "fields": [OBJECTID, NAME],
    "features": [
        {
            "geometry": {"x": 500000 + 80 * n, "y": 4980000 + 30 * n},
            "attributes": {"OBJECTID": n + 1, "Name": f"Tower {n + 1}"},
        }
        for n in range(3)
    ],
}
TRACKS = {
    "geometryType": "esriGeometryPolyline",
    "hasZ": True,
    "hasM": True,
    "spatialReference": UTM_15N,
    "fields": [OBJECTID, SEEN],
    "features": [
        {
            "geometry": {"paths": [[[500000, 4980000, 10, 0], [500100, 4980050, 12.5, 111.8]]]},
            "attributes": {"OBJECTID": 1, "Seen": 1700000000123},
        },
        {
            "geometry": {
                "paths": [
                    [[500200, 4980000, -3, 5], [500250, 4980000, 0, 55]],
                    [[500300, 4980100, 1, 60], [500300, 4980200, 2, 160]],
                ]
            },
            "attributes": {"OBJECTID": 2, "Seen": None},
        },
    ],
}
VISITS = {  # a table: records without geometry
    "fields": [OBJECTID, NAME, SEEN],
    "features": [
        {"attributes": {"OBJECTID": 1, "Name": "first", "Seen": 1714979289123}},
        {"attributes": {"OBJECTID": 2, "Name": "second", "Seen": None}},
    ],
}
