"""arcgis's import_toolbox on every GP service of the reference server, the Secure folder's with arcgis's
sign-in: one function per task, taking the inputs (and their defaults) gp_core reads from the same
descriptions."""

from __future__ import annotations

import inspect

from arcgis.geoprocessing._tool import _camelCase_to_underscore as python_name

from remote_gp.gp_core import Server

from .esri import TOOL_ARGUMENTS, service_url, toolbox

SECURE = "Secure/"


def gp_services(server: Server) -> list[str]:
    """Every GP service of the catalog and its folders, as gp_core walks it."""
    root = server.catalog()
    return [*root.gp_services, *(name for folder in root.folders for name in server.catalog(folder).gp_services)]


def test_every_gp_service_imports_with_the_tasks_and_inputs_gp_core_reads(signed_in, esri_session, esri_signed_in):
    services = gp_services(signed_in)
    assert "SlopeByVal" in services and "GP/BufferByVal" in services and "Secure/DataTypes" in services
    for name in services:
        module = toolbox(service_url(signed_in, name), esri_signed_in if name.startswith(SECURE) else esri_session)
        service = signed_in.service(name)
        for task in (signed_in.task(service, task_name) for task_name in service.tasks):
            parameters = inspect.signature(getattr(module, python_name(task.name))).parameters
            defaults = {python_name(p.name): p.default_value for p in task.inputs}
            assert list(parameters) == [*defaults, *TOOL_ARGUMENTS], f"{name}: {task.name}"
            assert {key: parameters[key].default for key in defaults} == defaults
            # An empty choiceList restricts nothing: gp_core reads it as no list, arcgis keeps [].
            assert {key: choices for key, choices in module.choice_list[python_name(task.name)].items() if choices} == {
                python_name(p.name): p.choice_list for p in task.parameters if p.choice_list is not None
            }
