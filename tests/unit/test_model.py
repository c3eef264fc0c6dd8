"""Service and task descriptions as real servers send them."""

import pytest

from real_bodies import real_body
from remote_gp.gp_core.errors import BadResponse, GPError
from remote_gp.gp_core.job import STATUSES
from remote_gp.gp_core.model import Service, Task
from remote_gp.gp_core.units import LINEAR_UNITS

URL = "https://h/arcgis/rest/services/X/GPServer"


def test_a_10_91_service_with_a_task_name_containing_spaces():
    service = Service.from_json(real_body("911CallsHotspot_service_info"), URL, "X")
    assert service.tasks == ["911 Calls Hotspot"]
    assert not service.is_synchronous
    assert service.result_map_server_name == "" and service.map_server_url is None
    assert (service.maximum_records, service.supports_uploads, service.current_version) == (1000, False, 10.91)


def test_an_11_1_service_with_uploads_and_a_schema_link():
    service = Service.from_json(real_body("service_info_11.1_with_schema_uploads"), URL, "X")
    assert service.supports_uploads
    assert service.tasks == ["Processing for Northern Districts", "Batch Processing", "PDF Processing"]


def test_a_result_map_service_sits_beside_the_gp_service():
    service = Service.from_json({"tasks": [], "resultMapServerName": "X"}, URL, "X")
    assert service.map_server_url == "https://h/arcgis/rest/services/X/MapServer"


def test_an_async_task_with_feature_filters_and_a_federated_extra_input():
    service = Service.from_json({"tasks": ["FeatureFiltersLinePolygon"]}, URL, "X")
    task = Task.from_json(
        real_body("FeatureFiltersLinePolygon_async_task"), URL + "/FeatureFiltersLinePolygon", service
    )
    assert [p.name for p in task.inputs] == ["Input_Features", "esri_out_feature_service_name"]
    assert [p.name for p in task.outputs] == ["Output_Feature_Class"]
    features = task.parameter("input_features")
    assert features.filter == {"type": "featureClass", "list": ["esriGeometryPolygon", "esriGeometryPolyline"]}
    assert features.default_value["spatialReference"] == {"wkid": 102100, "latestWkid": 3857}
    assert not task.parameter("esri_out_feature_service_name").is_required
    assert not task.is_synchronous
    with pytest.raises(GPError) as unknown:
        task.parameter("Input_Feature")
    assert str(unknown.value) == (
        "Task 'FeatureFiltersLinePolygon' has no parameter 'Input_Feature' (its parameters: "
        "Input_Features, Output_Feature_Class, esri_out_feature_service_name)."
    )


def test_a_sync_task_with_a_value_table_and_a_multivalue_output():
    service = Service.from_json({"tasks": ["filters"], "executionType": "esriExecutionTypeAsynchronous"}, URL, "X")
    task = Task.from_json(real_body("filters_sync_GPValueTable"), URL + "/filters", service)
    assert task.is_synchronous  # the task's own executionType wins
    table = task.parameter("Input_range_filters")
    assert [info["name"] for info in table.parameter_infos] == ["input long column", "input double column"]
    output = task.parameter("Output_raster_layers")
    assert output.is_derived and output.data_type.base == "GPMultiValue"
    assert output.data_type.member == "GPRasterDataLayer"


def test_html_escaped_descriptions_are_unescaped():
    service = Service.from_json({"tasks": ["T"]}, URL, "X")
    task = Task.from_json(
        {"name": "T", "description": "Buffer &lt;b&gt;points&lt;/b&gt; &amp; more", "parameters": []},
        URL + "/T",
        service,
    )
    assert task.description == "Buffer <b>points</b> & more"


def test_a_json_schema_is_not_taken_for_a_task():
    service = Service.from_json({"tasks": []}, URL, "X")
    with pytest.raises(BadResponse, match="no name"):
        Task.from_json(real_body("gp-task__task_json_schema"), URL + "/T", service)


def test_a_parameter_without_a_data_type_names_its_task():
    service = Service.from_json({"tasks": ["T"]}, URL, "X")
    with pytest.raises(BadResponse, match="Task 'T'"):
        Task.from_json({"name": "T", "parameters": [{"name": "a"}]}, URL + "/T", service)


def test_every_job_state_of_esris_schema_is_known():
    schema = real_body("gp-job__job_json_schema")
    assert set(schema["properties"]["jobStatus"]["enum"]) == set(STATUSES)


def test_every_linear_unit_of_esris_schema_is_known():
    schema = real_body("GPLinearUnit_json_schema")
    assert set(schema["properties"]["units"]["enum"]) == set(LINEAR_UNITS)
