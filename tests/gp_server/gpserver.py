"""GPServer resources: service, task, execute, submitJob, job, results, inputs, cancel."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from . import gp_values, mapserver, uploads
from .gp_values import OutputOptions
from .jobs import Job
from .messages import Message
from .model import ParamDef, ServiceDef, TaskDef
from .request import Request, is_true
from .responses import RestError, not_found
from .spatial_ref import SpatialRef
from .state import ServerState, files_root_url
from .toolrun import Outcome, ToolContext, run_task


def handle(request: Request, state: ServerState, service: ServiceDef, rest: tuple[str, ...]) -> Any:
    """Dispatch ``.../GPServer/<rest>``."""
    if not rest:
        return service.to_json()
    if rest[0].lower() == "uploads":
        return uploads.handle(request, state.uploads, service, rest[1:])
    task = service.task(rest[0])
    if task is None:
        raise not_found("Task")
    operation = rest[1].lower() if len(rest) > 1 else None
    if operation is None:
        return service.task_json(task)
    if operation == "execute" and len(rest) == 2:
        return _execute(request, state, service, task)
    if operation == "submitjob" and len(rest) == 2:
        return _submit(request, state, service, task)
    if operation == "jobs" and len(rest) >= 3:
        return _job_resource(request, state, state.jobs.find(service, task, rest[2]), rest[3:])
    raise not_found("Resource")


def _execute(request: Request, state: ServerState, service: ServiceDef, task: TaskDef) -> dict[str, Any]:
    if service.is_async:
        raise RestError(
            400,
            "Unable to complete operation.",
            [
                f"The execute operation is not supported on {service.path}: it is an asynchronous "
                f"service, use submitJob."
            ],
        )
    messages: list[Message] = []
    # Files of a synchronous run go to arcgisoutput, as on ArcGIS.
    scratch_dir = state.output_dir(service) / f"_ags_{uuid.uuid4().hex}"
    ctx = ToolContext(
        log=messages.append,
        scratch_dir=scratch_dir,
        find_upload=lambda item: state.upload_path(service, item),
        sent_names=request.params,
    )
    outcome = run_task(task, request.params, ctx)
    if not outcome.succeeded:
        raise RestError(400, "Error executing tool.", outcome.errors)
    options = _output_options(request, state, service, outcome.out_sr, request.params)
    results = [_result_json(p, outcome.outputs.get(p.name), options) for p in task.outputs]
    return {"results": results, "messages": [m.to_json() for m in (*messages, *outcome.closing)]}


def _submit(request: Request, state: ServerState, service: ServiceDef, task: TaskDef) -> dict[str, Any]:
    if not service.is_async:
        raise RestError(
            400,
            "Unable to complete operation.",
            [f"The submitJob operation is not supported on {service.path}: it is a synchronous service, use execute."],
        )
    job = state.jobs.submit(service, task, request.params)
    return {"jobId": job.id, "jobStatus": job.shown}


def _job_resource(request: Request, state: ServerState, job: Job, rest: tuple[str, ...]) -> dict[str, Any]:
    if not rest:
        job.step()
        return job.to_json(request.flag("returnMessages", default=True))
    operation = rest[0].lower()
    if operation == "cancel" and len(rest) == 1:
        return {"jobId": job.id, "jobStatus": job.cancel()}
    if operation == "results" and len(rest) == 2:
        return _result(request, state, job, rest[1])
    if operation == "inputs" and len(rest) == 2:
        param = job.task.param(rest[1], inputs=True)
        if param is None:
            raise not_found("Parameter")
        sent = next((v for k, v in job.params.items() if k.lower() == param.name.lower()), None)
        return {"paramName": param.name, "dataType": param.data_type, "value": gp_values.sent_value(sent)}
    raise not_found("Resource")


def _result(request: Request, state: ServerState, job: Job, name: str) -> dict[str, Any]:
    param = job.task.param(name, inputs=False)
    if param is None:
        raise not_found("Parameter")
    outcome = job.readable_outcome()
    if job.service.result_map_server and param.is_geodataset and request.params.get("returnType") != "data":
        return {
            "paramName": param.name,
            "dataType": param.data_type,
            "value": mapserver.map_image(request, state, job, param),
        }
    options = _output_options(
        request, state, job.service, _result_out_sr(request, outcome), {**job.params, **request.params}
    )
    return _result_json(param, outcome.outputs.get(param.name), options)


def _result_out_sr(request: Request, outcome: Outcome) -> SpatialRef | None:
    """A result request's own ``outSR`` wins over the job's ``env:outSR``/``context``."""
    text = request.params.get("outSR", "").strip()
    if not text:
        return outcome.out_sr
    try:
        return SpatialRef.parse(text)
    except ValueError as exc:
        raise RestError(400, "Unable to complete operation.", [f"Invalid outSR: {exc}"]) from exc


def _output_options(
    request: Request, state: ServerState, service: ServiceDef, out_sr: SpatialRef | None, flags: Mapping[str, str]
) -> OutputOptions:
    """How to write the outputs; ``returnZ``/``returnM`` from ``flags``: the execute request's, or a
    result request's over its job's submitJob request's."""
    root_url = files_root_url(service, request.root_url)
    return OutputOptions(
        file_url=lambda path: state.file_url(root_url, path),
        out_sr=out_sr,
        max_records=service.maximum_records,
        column_names=request.flag("returnColumnName"),
        return_z=is_true(flags.get("returnZ")),
        return_m=is_true(flags.get("returnM")),
    )


def _result_json(param: ParamDef, value: Any, options: OutputOptions) -> dict[str, Any]:
    """``{"paramName", "dataType", "value"}``, as ``execute`` lists them and a result resource answers."""
    try:
        written = gp_values.output_json(value, options)
    except ValueError as exc:  # the output cannot be projected to the requested SR
        raise RestError(400, "Unable to complete operation.", [str(exc)]) from exc
    return {"paramName": param.name, "dataType": gp_values.output_data_type(param, value), "value": written}
