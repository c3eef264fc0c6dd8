"""A polygon layer (a donut and a square) sent by qgis_process.bin with the installed zip, once with
orjson on QGIS's Python path (gp_core/json_encode.py writes the coordinates with it) and once without
(the standard library writes them): the reference server reads the same polygons, holes included."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import VENV_SITE_PACKAGES, Profile, algorithm_id, run
from layers import DONUT_AREA, HULL_AREA, SQUARE_AREA, polygons, total_area

SUMMARIZE = algorithm_id("GP/SummarizeSync", "Summarize")


def without_orjson(folder: Path) -> Path:
    """The venv's packages but orjson, as links in `folder`."""
    folder.mkdir()
    for entry in Path(VENV_SITE_PACKAGES).iterdir():
        if not entry.name.startswith("orjson"):
            (folder / entry.name).symlink_to(entry)
    return folder


@pytest.mark.parametrize("fast", [True, False], ids=["orjson", "standard library"])
def test_a_polygon_layer_is_sent_with_and_without_orjson(package, gp_server, tmp_path, fast):
    python_path = VENV_SITE_PACKAGES if fast else str(without_orjson(tmp_path / "site-packages"))
    profile = Profile(tmp_path / "profile", python_path=python_path)
    profile.install(package)
    profile.configure(gp_server)
    found = run(["/usr/bin/python3", "-c", "import orjson"], profile.env(), 60, name="import orjson")
    assert (found.returncode == 0) == fast, found.output

    results = profile.run_algorithm(SUMMARIZE, Input_Features=polygons(tmp_path), Hull=tmp_path / "hull.gpkg")
    assert (results["Feature_Count"], results["Total_Area"]) == (2, pytest.approx(DONUT_AREA + SQUARE_AREA))
    assert total_area(tmp_path / "hull.gpkg") == pytest.approx(HULL_AREA)
