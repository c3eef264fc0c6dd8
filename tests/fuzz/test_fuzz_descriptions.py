"""Catalogs, service and task descriptions (model.py), and what the client then reads from them:
parameters' rules, value-table columns, composite types, feature schemas, quantities' defaults."""

from __future__ import annotations

from hypothesis import given, strategies as st

from decoder_property import assert_typed, only_typed_errors
from remote_gp.gp_core import ParameterError
from remote_gp.gp_core.filters import Rules
from remote_gp.gp_core.model import Catalog, Service, Task
from remote_gp.gp_core.values import FEATURES, QUANTITIES, schema_of

ROOT = "https://gis.example.com/arcgis/rest/services"
SERVICE_URL = f"{ROOT}/GP/Tool/GPServer"


@given(data=st.data())
def test_catalogs(bodies, data):
    body = data.draw(bodies.mutated("catalog"))
    catalog = only_typed_errors(lambda: Catalog.from_json(body, ROOT))
    if catalog is not None:
        assert_typed(catalog)
        assert_typed(catalog.gp_services, list[str])


def read_service(body) -> Service:
    service = Service.from_json(body, SERVICE_URL, "GP/Tool")
    assert_typed(service)
    assert_typed(
        (service.is_synchronous, service.supports_uploads, service.map_server_url), tuple[bool, bool, str | None]
    )
    return service


@given(data=st.data())
def test_service_descriptions(bodies, data):
    body = data.draw(bodies.mutated("service"))
    only_typed_errors(lambda: read_service(body))


def read_task(body, service: Service) -> Task:
    """The task, and all the client reads from it before a run (arcpy's face included)."""
    task = Task.from_json(body, f"{SERVICE_URL}/Task", service)
    assert_typed(task)
    assert_typed((task.is_synchronous, task.inputs, task.outputs), tuple[bool, list, list])
    for parameter in task.parameters:
        assert task.parameter(parameter.name) in task.parameters
        assert_typed(
            (parameter.is_input, parameter.is_required, parameter.is_derived, parameter.label),
            tuple[bool, bool, bool, str],
        )
        check_values_against(parameter.rules)
        for column in parameter.columns:
            assert_typed(column)
        for data_type in parameter.allowed_types:
            assert_typed(data_type)
        base, default = parameter.data_type.base, parameter.default_value
        if base in FEATURES:
            schema_of(parameter).to_json()
        if base in QUANTITIES and isinstance(default, dict):  # as arcpy's GetParameterValue shows it
            str(QUANTITIES[base].from_json(default))
    return task


def check_values_against(rules: Rules) -> None:
    """The checks a value goes through before it is sent, with the rules the task declared."""
    assert_typed((rules.kind, rules.coded_values), tuple[str, list[tuple[str, object]]])
    for check in (
        lambda: rules.geometry_type("esriGeometryPoint"),
        lambda: rules.file_name("a.txt"),
        lambda: rules.field_type("esriFieldTypeString"),
        lambda: rules.after(rules.before("Low")),
        lambda: rules.after(5),
        lambda: rules.after(2.5),
    ):
        try:
            check()
        except ParameterError:
            pass  # the value does not pass: what such rules are for


@given(data=st.data())
def test_task_descriptions(bodies, data):
    body = data.draw(bodies.mutated("task"))
    only_typed_errors(lambda: read_task(body, Service(SERVICE_URL, "GP/Tool")))
