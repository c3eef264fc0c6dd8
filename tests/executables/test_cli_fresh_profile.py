"""The whole command-line flow in qgis_process.bin on a new profile with the plugin installed from its
zip and no GP connection: the hint, adding a connection, refreshing it, listing and running its tasks.
The connection algorithms themselves are tested in QGIS in tests/qgis/test_cli_connections.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from osgeo import gdal

from harness import Profile

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
import demo_data

gdal.UseExceptions()
ADD, REFRESH = "remotegp:addconnection", "remotegp:refreshconnections"


@pytest.fixture
def fresh(package, tmp_path) -> Profile:
    """A new profile with the plugin installed and enabled, and no GP connection."""
    profile = Profile(tmp_path / "profile")
    profile.install(package)
    profile.configure(None)
    return profile


def test_qgis_process_adds_refreshes_lists_and_runs_on_a_fresh_profile(fresh, gp_server, tmp_path):
    listed = fresh.qgis_process("list")
    assert f"\t{ADD}\t" in listed.stdout and f"\t{REFRESH}\t" in listed.stdout
    assert "Remote GP has no GP connections yet" in listed.stderr
    assert "qgis_process run remotegp:addconnection --NAME=" in listed.stderr
    nothing = fresh.qgis_process("run", REFRESH, check=False)
    assert nothing.returncode == 1 and "There are no GP connections to refresh. Add one first: " in nothing.stderr

    added = fresh.qgis_process("run", ADD, "--NAME=Local GP", f"--URL={gp_server}")
    assert "KEY:\tlocalgp\n" in added.stdout

    refreshed = fresh.qgis_process("run", REFRESH)
    assert "Remote GP has no task descriptions yet for the connection(s) 'Local GP'" in refreshed.stderr
    assert "Local GP: 7 GP service(s), 9 task(s)." in refreshed.stdout
    assert "FAILED:\t0\n" in refreshed.stdout and "TASKS:\t9\n" in refreshed.stdout

    listed = fresh.qgis_process("list")
    assert "\tremotegp:localgpslopebyvalrunslope\tRun Slope\n" in listed.stdout
    assert "Remote GP has no" not in listed.stderr

    output = tmp_path / "slope.tif"
    fresh.qgis_process(
        "run",
        "remotegp:localgpslopebyvalrunslope",
        f"--Input_DEM={demo_data.make_dem(tmp_path / 'dem.tif')}",
        f"--Output_Slope={output}",
    )
    slope, row, column = gdal.Open(str(output)), 25, 30  # the dataset kept: its band does not keep it
    value = slope.GetRasterBand(1).ReadAsArray()[row, column]
    assert value == pytest.approx(demo_data.expected_slope(row, column), abs=1e-3)
