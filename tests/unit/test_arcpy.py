"""The arcpy face beyond the seed scripts' happy path."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import pytest
import shapely

from remote_gp.gp_core import FeatureSet, GPError, GPWarning, arcpy

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
import demo_data

#: The longest a test loops on result.status, as arcpy scripts do, before it fails.
STATUS_LOOP_SECONDS = 60


def status_loop(result: arcpy.Result, going_on: Callable[[int], bool]) -> int:
    """Loop on `result.status` as an arcpy script does (it polls the server at most once per interval)
    while `going_on(status)`; the status it ended on. Fails the test after STATUS_LOOP_SECONDS."""
    deadline = time.monotonic() + STATUS_LOOP_SECONDS
    while going_on(status := result.status):
        if time.monotonic() > deadline:
            pytest.fail(f"Job {result.resultID} is still in state {status} after {STATUS_LOOP_SECONDS} s.")
        time.sleep(0.01)
    return status


@pytest.fixture(scope="module")
def tools(gp_server):
    services = gp_server.replace("/arcgis", "/arcgis/services")
    return {
        "buffer": arcpy.ImportToolbox(f"{services};GP/BufferByVal", "mytools"),
        "slope": arcpy.ImportToolbox(f"{services};SlopeByVal", "slopetools"),
        "summary": arcpy.ImportToolbox(f"{gp_server}/rest/services/GP/SummarizeSync/GPServer", "sync"),
    }


@pytest.fixture
def own_imports():
    """The toolboxes a test imports are forgotten after it, so that the tests that name a tool without
    its alias (bufferpoints) see the module's toolboxes only, in whatever order the tests run."""
    tools, names = dict(arcpy._tools), set(vars(arcpy))
    yield
    arcpy._tools.clear()
    arcpy._tools.update(tools)
    for name in set(vars(arcpy)) - names:
        delattr(arcpy, name)


@pytest.fixture
def scratch(tmp_path):
    arcpy.env.scratchWorkspace = str(tmp_path)
    yield tmp_path
    arcpy.env.scratchWorkspace = None


def test_tools_are_on_the_module_and_on_the_toolbox(tools):
    assert tools["buffer"].BufferPoints is arcpy.BufferPoints_mytools
    assert "Input_Features, Distance" in arcpy.BufferPoints_mytools.__doc__


def test_parameter_defaults_and_execution_types(tools):
    schema = arcpy.GetParameterValue("bufferpoints", 0)
    assert isinstance(schema, FeatureSet) and len(schema) == 0
    assert schema.geometry_type == "esriGeometryPoint" and schema.spatial_reference.epsg == 26915
    assert arcpy.GetParameterValue("BufferPoints_mytools", 1) == "100 Meters"
    assert arcpy.IsSynchronous("Summarize") and not arcpy.IsSynchronous("bufferpoints")
    with pytest.raises(GPError, match="No imported tool is called 'Clip'"):
        arcpy.GetParameterValue("Clip", 0)


def test_a_failed_job_ends_the_status_loop_and_its_output_raises_the_servers_errors(tools):
    points = arcpy.GetParameterValue("bufferpoints", 0)
    points.add(shapely.Point(500_000, 4_980_000), {"Name": "a"})
    result = arcpy.BufferPoints_mytools(points, "-5 feet")
    assert status_loop(result, lambda status: status < 4) == 5
    assert "000854" in result.getMessages(2) and result.maxSeverity == 2
    with pytest.raises(arcpy.ExecuteError, match="Failed"):
        result[0]


def test_rasters_go_to_the_scratch_workspace_without_replacing_earlier_ones(tools, scratch, tmp_path):
    dem = demo_data.make_dem(tmp_path / "inputs" / "dem.tif")
    first, second = arcpy.RunSlope_slopetools(str(dem))[0], arcpy.RunSlope_slopetools(str(dem))[0]
    assert Path(first) == scratch / "slope.tif" and Path(second) == scratch / "slope_1.tif"


def test_without_a_scratch_workspace_rasters_go_to_the_temp_folder_and_a_gdb_means_its_folder(tmp_path):
    assert arcpy.env.scratchFolder == tempfile.gettempdir()
    arcpy.env.scratchWorkspace = str(tmp_path / "scratch.gdb")
    try:
        assert arcpy.env.scratchFolder == str(tmp_path)
    finally:
        arcpy.env.scratchWorkspace = None


def test_a_synchronous_tool_has_its_result_at_once(tools):
    squares = arcpy.GetParameterValue("Summarize", 0)
    squares.add(shapely.box(500_000, 4_980_000, 500_010, 4_980_010), {"Name": "a"})
    result = arcpy.Summarize_sync(squares, Include_Hull=False)
    assert result.status == 4 and result.outputCount == 4
    assert (result[0], result.getOutput(1)) == (1, pytest.approx(100.0))
    with pytest.raises(arcpy.ExecuteError, match="no result map service"):
        result.getMapImageURL(0)


def test_a_running_job_can_be_cancelled(tools):
    points = arcpy.GetParameterValue("bufferpoints", 0)
    points.add(shapely.Point(500_000, 4_980_000), {"Name": "a"})
    result = arcpy.BufferPoints_mytools(points, "5 feet")
    assert status_loop(result, lambda status: status < 3) == 3  # the server cancels only jobs that are executing
    result.cancel()
    # 7, cancelling, is already >= 4 (as in arcpy)
    assert status_loop(result, lambda status: status in (0, 1, 2, 3, 7)) == 8  # cancelled


def test_too_many_arguments_name_the_tools_inputs(tools):
    with pytest.raises(GPError, match=r"takes 2 inputs \(Input_Features, Distance\)"):
        arcpy.BufferPoints_mytools(1, 2, 3)


def test_a_tool_of_another_service_with_the_same_name_under_one_alias_is_replaced_with_a_warning(
    gp_server, own_imports
):
    services = gp_server.replace("/arcgis", "/arcgis/services")
    arcpy.ImportToolbox(f"{services};GP/BufferByVal", "clash")
    with pytest.warns(GPWarning, match="arcpy.BufferPoints_clash now runs 'BufferPoints' of .*/Secure/BufferByVal"):
        arcpy.ImportToolbox(f"{services};Secure/BufferByVal;gpuser;gp-password-1", "clash")
    assert "/Secure/" in arcpy._tools["BufferPoints_clash"].url


@pytest.mark.parametrize("alias", ["env", "Result", "not a name"])
def test_an_alias_that_would_hide_arcpy_itself_is_refused(gp_server, alias):
    with pytest.raises(GPError, match="cannot be a toolbox alias"):
        arcpy.ImportToolbox(f"{gp_server}/services;GP/BufferByVal", alias)


def test_request_limits_set_on_env_apply_to_every_imported_toolbox(tools):
    assert tools["buffer"].server.settings is arcpy.env.settings
    before = arcpy.env.requestTimeout
    arcpy.env.requestTimeout = 42
    try:
        assert tools["slope"].server.settings.request_deadline == 42.0
    finally:
        arcpy.env.requestTimeout = before
    with pytest.raises(GPError, match="arcpy.env.maxResponseBytes must be a positive number, not 'big'"):
        arcpy.env.maxResponseBytes = "big"


@pytest.mark.timeout(60)
def test_a_job_timeout_set_on_env_ends_the_wait_for_outputs(gp_server, own_imports):
    arcpy.ImportToolbox(f"{gp_server}/rest/services/GP/Lifecycle/GPServer", "lifecycle")
    result = arcpy.RunScenario_lifecycle("endless", 1)
    arcpy.env.jobTimeout = 1.5
    try:
        with pytest.raises(arcpy.ExecuteError, match="has not ended after 1.5 s"):
            result[0]
    finally:
        arcpy.env.jobTimeout = None
        result.cancel()


def test_a_partly_succeeded_job_is_status_4_with_its_warnings_and_outputs(gp_server, own_imports):
    arcpy.ImportToolbox(f"{gp_server}/rest/services/GP/Lifecycle/GPServer", "lifecycle")
    result = arcpy.RunScenario_lifecycle("partial")
    with pytest.warns(GPWarning, match="succeeded only in part"):
        assert status_loop(result, lambda status: status < 4) == 4
    assert result.maxSeverity == 1 and "WARNING 000000" in result.getMessages(1)
    assert result[0] == "done"
