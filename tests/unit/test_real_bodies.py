"""Every real-world body in tests/fixtures/real is decoded by the part of gp_core that reads it,
to the right values. A body added there without a check here fails the last test."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import shapely

from real_bodies import REAL_BODIES, real_body
from remote_gp.gp_core import (
    BadResponse,
    FeatureService,
    FeatureSet,
    ImageService,
    LinearUnit,
    RasterFile,
    RemoteFile,
    Server,
    ServerError,
    TokenRequired,
    TransferLimitExceeded,
)
from remote_gp.gp_core.answers import read_json
from remote_gp.gp_core.geometry import from_esri
from remote_gp.gp_core.job import JobState
from remote_gp.gp_core.model import DataType, Parameter, Service, Task
from remote_gp.gp_core.run import parse_results
from remote_gp.gp_core.transport import HttpResponse
from remote_gp.gp_core.uploads import item_id
from remote_gp.gp_core.values import decode, read_output

SERVER = Server("https://organization.example.com/arcgis")
CHECKED: set[str] = set()


def body(fragment: str) -> dict:
    matches = [p.name for p in REAL_BODIES.glob(f"*{fragment}*.json")]
    CHECKED.update(matches)
    return real_body(fragment)


def result(fragment: str):
    answer = body(fragment)
    return decode(DataType(answer["dataType"]), answer["value"], SERVER)


# -- jobs ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fragment", ["GPJobIdResponse_submitJob", "landfire-python"])
def test_submit_answers(fragment):
    state = JobState.from_json(body(fragment))
    assert state.status == "esriJobSubmitted" and state.job_id.startswith("j") and state.result_urls is None


def test_a_succeeded_job_whose_result_urls_differ_in_case_from_the_names():
    state = JobState.from_json(body("GPJobInfoWithResults_911Hotspot"))
    assert state.result_urls == {
        "Hotspot_Raster": "results/hotspot_raster",
        "Output_Features": "results/output_features",
    }


def test_a_succeeded_job_with_an_empty_message_list():
    state = JobState.from_json(body("911Hotspot_submitJob_expected"))
    assert state.status == "esriJobSucceeded" and state.messages == [] and len(state.result_urls) == 2


def test_a_vrp_job_lists_its_three_results():
    assert set(JobState.from_json(body("mockAllResults_VRP_job")).result_urls) == {
        "out_unassigned_stops",
        "out_stops",
        "out_routes",
    }


def test_a_job_with_results_inputs_and_messages():
    state = JobState.from_json(body("succeeded_job_with_results_inputs_messages"))
    assert state.result_urls == {
        "Output_Long": "results/Output_Long",
        "Output_Feature_Class": "results/Output_Feature_Class",
    }
    assert state.messages[0].description.startswith("Start Time")
    assert state.messages[-1].description.startswith("Succeeded at") and state.messages[-1].severity == 0


def test_progress_default_and_step():
    default = JobState.from_json(body("progress_default")).progress
    step = JobState.from_json(body("progress_step")).progress
    assert (default.type, default.message, default.percent) == ("default", "Executing...", None)
    assert (step.type, step.percent) == ("step", 0.0)


# -- results ---------------------------------------------------------------------------------------


def test_record_sets_and_a_feature_set_whose_spatial_reference_is_an_empty_list():
    answers = body("mockAllResultsRequest_GPRecordSet_results")
    decoded = {name: decode(DataType(a["dataType"]), a["value"], SERVER) for name, a in answers.items()}
    assert decoded["out_stops"].geometry_type is None and len(decoded["out_stops"]) == 0
    routes = decoded["out_routes"]
    assert routes.geometry_type == "esriGeometryPolyline" and routes.spatial_reference is None


def test_an_execute_answer_with_multivalue_rasters_doubles_and_strings():
    answer = body("multivalue_results_with_messages")
    decoded = {name: decode(t, v, SERVER) for name, (t, v) in parse_results(answer).items()}
    assert [type(r) for r in decoded["Output_rasters"]] == [RasterFile, RasterFile]
    assert decoded["Output_rasters"][1].name == "_ags_outrd11.tif"
    assert decoded["Output_doubles"] == pytest.approx([85768.56785, -9678.456, -34545.546])
    assert decoded["Output_strings"] == ["California", "Texas", "Alaska"]
    assert len(answer["messages"]) == 4


def test_a_polyline_result_in_the_old_web_mercator_code():
    ((data_type, value),) = parse_results(body("polyline_featureset_result_wkid102113")).values()
    lines = decode(data_type, value, SERVER)
    assert lines.spatial_reference.epsg == 3857 and lines.attributes[0]["FID"] == 1
    assert lines.geometries[0].coords[0] == (0, 0) and len(lines.geometries[0].coords) > 10


def test_a_feature_result_over_the_transfer_limit_is_an_error_naming_the_limit():
    features = result("exceededTransferLimit")
    assert features.exceeded_transfer_limit and len(features) == 0 and features.spatial_reference.epsg == 3857
    service = Service.from_json(
        {"tasks": ["Buffer"], "executionType": "esriExecutionTypeSynchronous", "maximumRecords": 1000},
        "https://h/GPServer",
        "S",
    )
    answer = body("exceededTransferLimit")
    with pytest.raises(TransferLimitExceeded, match=r"Output 'outputBuffer' .*\(its limit: 1000 records"):
        read_output(
            Task("https://h/GPServer/Buffer", "Buffer", service),
            answer["paramName"],
            DataType(answer["dataType"]),
            answer["value"],
            SERVER,
        )


def test_file_results_sync_async_and_from_a_pdf_export():
    assert result("output_GPDataFile_sync").name == "_ags_output_samplefile.txt"
    assert result("output_GPDataFile_async").name == "output_samplefile.txt"
    pdf = result("SaveToPDF_GPDataFile")
    assert isinstance(pdf, RemoteFile) and pdf.name == "Output.pdf"


def test_raster_results_as_tiffs_and_as_an_image_service():
    for fragment in ("output_GPRasterDataLayer_async_tif", "output_GPRasterDataLayer_sync_tif"):
        raster = result(fragment)
        assert isinstance(raster, RasterFile) and raster.format == "tif" and raster.name.endswith(".tif")
    assert result("image_service") == ImageService(
        "https://organization.example.com/<context>/rest/services/prefix_Output_Raster_Layer/ImageServer"
    )


def test_a_feature_output_written_to_a_feature_service():
    assert isinstance(result("output_feature_service_url"), FeatureService)


def test_scalar_date_and_multivalue_results():
    assert result("GPString_result") == "TestString"
    assert result("output_GPDate") == datetime(2008, 1, 1, tzinfo=timezone.utc)
    assert result("output_GPMultiValue_GPString") == ["Davis", "Irvine"]
    assert result("output_GPMultiValue_GPLinearUnit") == [LinearUnit(345.67, "esriMiles"), LinearUnit(36, "esriMiles")]


def test_a_value_table_with_column_names_and_a_field():
    assert result("GPValueTable_returnColumnName_result")[1] == {
        "output long column": -87,
        "output double column": 567.4564,
    }
    field = result("output_Field")
    assert (field.name, field.type, field.extra["nullable"]) == ("GiPValue", "esriFieldTypeInteger", True)


def test_a_record_set_input_and_the_record_set_a_sync_task_returned():
    both = body("ListVersions_GPRecordSet_input_and_expected")
    table = FeatureSet.from_json(both["input_Versions"])
    assert table.geometry_type is None and table.attributes[0]["name"] == "gdb.Test"
    ((data_type, value),) = parse_results(both["expected"]).values()
    versions = decode(data_type, value, SERVER)
    assert versions.attributes[0]["parentversionname"] == "sde.DEFAULT"


# -- inputs, geometry ------------------------------------------------------------------------------


def test_input_feature_sets():
    points = FeatureSet.from_json(body("input_featureset_points"))
    assert [g.coords[0] for g in points.geometries] == [(-104.44, 34.83), (-100.65, 33.69)]
    dated = FeatureSet.from_json(body("dateonly_timeonly_offset"))
    assert dated.has_z and dated.geometries[0].z == 10.0
    assert dated.fields[0].length == 8 and dated.attributes[0]["sampledate"] == "8/2/2020"


def test_an_extent_input_with_the_spatial_reference_spelled_with_an_underscore():
    extent = decode(DataType("GPExtent"), body("GPExtent_input"), SERVER)
    assert extent.xmin == pytest.approx(2846004.0675147) and extent.ymax == pytest.approx(50822.6389337801)
    assert extent.spatial_reference.epsg == 3857


@pytest.mark.parametrize("number, end", [(24, (3, 3)), (25, (3.5, 1)), (26, (0, 2))])
def test_curve_paths(number, end):
    (line,), _ = from_esri([body(f"curvePaths_example{number}")], "esriGeometryPolyline")
    assert line.coords[-1] == pytest.approx(end)


def test_an_arc_back_to_its_start_is_a_full_circle_around_its_centre():
    (line,), _ = from_esri([body("curvePaths_example25")], "esriGeometryPolyline")
    circle = shapely.LineString(line.coords[1:])
    distances = [shapely.Point(c).distance(shapely.Point(3, 2)) for c in circle.coords]
    radius = shapely.Point(3.5, 1).distance(shapely.Point(3, 2))
    assert min(distances) == pytest.approx(max(distances)) == pytest.approx(radius)


# -- services, tasks, schemas, uploads, errors ------------------------------------------------------


def test_service_descriptions():
    for fragment in ("911CallsHotspot_service_info", "service_info_11.1_with_schema_uploads"):
        assert Service.from_json(body(fragment), "https://h/GPServer", "S").tasks


def test_task_descriptions():
    service = Service.from_json({"tasks": []}, "https://h/GPServer", "S")
    for fragment in ("FeatureFiltersLinePolygon_async_task", "filters_sync_GPValueTable"):
        assert Task.from_json(body(fragment), "https://h/GPServer/T", service).parameters


def test_the_task_schemas_required_parameter_keys_are_all_read():
    schema = body("gp-task__task_json_schema")
    required = schema["properties"]["parameters"]["items"]["required"]
    parameter = Parameter.from_json({key: f"x{key}" for key in required}, "T")
    assert (parameter.display_name, parameter.category, parameter.default_value) == (
        "xdisplayName",
        "xcategory",
        "xdefaultValue",
    )


def test_json_schemas_of_units_and_jobs_are_schemas_not_bodies():
    for fragment in (
        "GPArealUnit_json_schema",
        "GPLinearUnit_json_schema",
        "GPTimeUnit_json_schema",
        "gp-job__job_json_schema",
    ):
        assert body(fragment)["$schema"].startswith("http")


def test_an_upload_answer():
    assert item_id(body("uploads__upload__response"), "upload") == "ib740c7bb-e5d0-4156-9cea-12fa7d3a472c"


def test_error_bodies():
    def answer(fragment):
        return HttpResponse(
            200,
            (REAL_BODIES / next(REAL_BODIES.glob(f"*{fragment}*.json")).name).read_bytes(),
            "application/json",
            "https://h/x",
        )

    body("error_499")
    body("rest_error_400")
    with pytest.raises(TokenRequired):
        read_json(answer("error_499"))
    with pytest.raises(ServerError) as caught:
        read_json(answer("rest_error_400"))
    assert not isinstance(caught.value, BadResponse)


def test_every_real_body_is_checked(request):
    """CHECKED holds the bodies the tests above read: it is complete only when they all ran before this one."""
    module = [item for item in request.session.items if item.module is request.module]
    ran_before = {item.originalname for item in module[: module.index(request.node)]}
    tests = {name for name in vars(request.module) if name.startswith("test_")} - {request.node.originalname}
    if ran_before != tests:
        pytest.skip("counts the bodies the other tests of this module read: run with all of them")
    assert CHECKED == {p.name for p in REAL_BODIES.glob("*.json")}
