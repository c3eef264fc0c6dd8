"""What a client does in each phase, through gp_core's public API, against the hostile server.

A driver returns a short account of what it got, raises gp_core's errors as they come, Stopped
when a wait ended without the state it waited for, and WrongAnswer when gp_core handed over
something else than what was asked for without a word. The Server comes from the caller: on
requests in plain Python, or on QGIS's network stack in a QgsTask.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from remote_gp.gp_core import (
    FeatureSet,
    Job,
    PollPolicy,
    RasterFile,
    RetryPolicy,
    Server,
    Settings,
    arcpy,
    execute,
    submit,
)
from remote_gp.gp_core.mapimage import export_image
from remote_gp.gp_core.uploads import upload

from .phases import CANCEL, DISCOVERY, DOWNLOAD, EXECUTE, MAP_IMAGE, POLL, RESULT, SUBMIT, TOKEN, UPLOAD
from .terms import BUFFER, DOWNLOADED, LIFECYCLE, PASSWORD, SLOPE, SUMMARIZE, UPLOADS, USERNAME

PNG = b"\x89PNG\r\n\x1a\n"

MAX_BODY_BYTES = 32 << 20
"""Enough for every answer here; a gzip bomb stops there."""
RETRY = RetryPolicy(attempts=3, first=0.05, factor=2.0, longest=1.5, total=2.5)
"""Quick retries for tests; `longest` still honours the hostile server's Retry-After of 1 s."""
QUICK_POLLS = PollPolicy(first=0.05, factor=1.5, longest=0.3, tick=0.05, cancel_grace=2.0)
USER_POLLS = PollPolicy(cancel_grace=2.0)
"""What a user gets (polls never faster than the client allows), with a short grace after a cancel."""


def settings(deadline: float) -> Settings:
    return Settings(request_deadline=deadline, download_deadline=deadline, max_body_bytes=MAX_BODY_BYTES)


class Stopped(Exception):
    """A wait ended, within its bounds and without an error, in a state other than the one wanted."""


class WrongAnswer(Exception):
    """The client handed over something other than what was asked for, and said nothing."""


@dataclass(frozen=True)
class Context:
    """What one cell's driver works with."""

    url: str
    """The server's root URL (https://host:port/arcgis)."""
    deadline: float
    """Seconds a request may take."""
    server: Callable[[], Server]
    """A new Server (signed in on first use) for the cell's client and URL."""
    data: Path
    """towers.shp (points), parcels.shp (polygons) and notes.txt."""
    scratch: Path
    """An empty folder for downloads."""
    buffer_job: str
    """A succeeded job of BUFFER (results, map image)."""
    slope_job: str
    """A succeeded job of SLOPE (a raster output to download)."""
    polls: PollPolicy


def discovery(context: Context) -> str:
    server = context.server()
    folder = server.catalog(BUFFER[0].split("/")[0])
    task = server.task(server.service(BUFFER[0]), BUFFER[1])
    return f"{len(folder.services)} services in the folder; task {task.name} with {len(task.parameters)} parameters"


def token(context: Context) -> str:
    service = context.server().service(BUFFER[0])
    return f"signed in, read service {service.name}"


def execute_summary(context: Context) -> str:
    server = context.server()
    result = execute(server, server.task(*SUMMARIZE), {"Input_Features": context.data / "parcels.shp"})
    hull = result.output("Hull")
    return f"{result.output('Feature_Count')} features summarized, hull of {_features(hull)}"


def submit_buffer(context: Context) -> str:
    server = context.server()
    job = _submitted(server, server.task(*BUFFER), context)
    return f"job {job.id} submitted ({job.status})"


def poll(context: Context) -> str:
    server = context.server()
    job = _submitted(server, server.task(*BUFFER), context)
    job.wait(policy=context.polls)
    job.check()
    return f"job {job.id} followed to {job.status}"


def cancel(context: Context) -> str:
    server = context.server()
    job = submit(server, server.task(*LIFECYCLE), {"scenario": "endless"})
    state = job.wait(cancelled=lambda: True, policy=context.polls)
    if state != "esriJobCancelled":
        raise Stopped(f"the wait for job {job.id} ended with the job {state}")
    return f"job {job.id} cancelled"


def result(context: Context) -> str:
    server = context.server()
    job = _finished(server, BUFFER, context.buffer_job, context.polls)
    return f"output of {_features(job.output('Output_Polygons'))}"


def upload_file(context: Context) -> str:
    server = context.server()
    item = upload(server, server.service(UPLOADS), context.data / "notes.txt")
    return f"uploaded as item {item}"


def download(context: Context) -> str:
    server = context.server()
    job = _finished(server, SLOPE, context.slope_job, context.polls)
    raster = job.output("Output_Slope")
    if not isinstance(raster, RasterFile):
        raise WrongAnswer(f"the output is {type(raster).__name__}, not a raster file")
    path = raster.download(context.scratch / DOWNLOADED)
    return f"{path.name}: {path.stat().st_size} bytes"


def map_image(context: Context) -> str:
    server = context.server()
    job = _finished(server, BUFFER, context.buffer_job, context.polls)
    picture, _ = export_image(job, 200, 150)
    if not picture.startswith(PNG):
        raise WrongAnswer(f"the map image is not a PNG: {picture[:16]!r}")
    return f"PNG of {len(picture)} bytes"


def _submitted(server: Server, task, context: Context) -> Job:
    return submit(server, task, {"Input_Features": context.data / "towers.shp", "Distance": "5 meters"})


def _finished(server: Server, address: tuple[str, str], job_id: str, polls: PollPolicy) -> Job:
    """The prepared job, followed afresh (one status request: it has ended)."""
    job = Job(server, server.task(*address), job_id)
    job.wait(policy=polls)
    job.check()
    return job


def _features(features: object) -> str:
    if not isinstance(features, FeatureSet):
        raise WrongAnswer(f"features were expected, got {type(features).__name__}: {str(features)[:80]!r}")
    return f"{len(features)} features"


DRIVERS: dict[str, Callable[[Context], str]] = {
    DISCOVERY: discovery,
    TOKEN: token,
    EXECUTE: execute_summary,
    SUBMIT: submit_buffer,
    POLL: poll,
    CANCEL: cancel,
    RESULT: result,
    UPLOAD: upload_file,
    DOWNLOAD: download,
    MAP_IMAGE: map_image,
}


# -- the arcpy face: a script's own calls, its settings in arcpy.env --------------------------------

ALIAS = "matrix"


def _toolbox(context: Context, service: str) -> arcpy.Toolbox:
    """ImportToolbox as a script signs in (`URL;service;username;password`), with the cell's limits."""
    arcpy.env.requestTimeout = arcpy.env.downloadTimeout = context.deadline
    arcpy.env.maxResponseBytes = MAX_BODY_BYTES
    arcpy.env.scratchWorkspace = str(context.scratch)
    services = context.url.rsplit("/arcgis", 1)[0] + "/arcgis/services"
    return arcpy.ImportToolbox(f"{services};{service};{USERNAME};{PASSWORD}", ALIAS)


def arcpy_import(context: Context) -> str:
    return f"imported {_toolbox(context, BUFFER[0])!r}"


def arcpy_result(context: Context) -> str:
    _toolbox(context, BUFFER[0])
    run = getattr(arcpy, f"{BUFFER[1]}_{ALIAS}")(str(context.data / "towers.shp"), "5 meters")
    return f"output of {_features(run[0])}"


def arcpy_download(context: Context) -> str:
    _toolbox(context, SLOPE[0])
    path = Path(getattr(arcpy, f"{SLOPE[1]}_{ALIAS}")(str(context.data / "dem.tif"))[0])
    if path.parent != context.scratch:
        raise WrongAnswer(f"the raster was saved as {path}, not in arcpy.env.scratchWorkspace")
    return f"{path.name}: {path.stat().st_size} bytes"


ARCPY_DRIVERS: dict[str, Callable[[Context], str]] = {
    DISCOVERY: arcpy_import,
    TOKEN: arcpy_import,
    RESULT: arcpy_result,
    DOWNLOAD: arcpy_download,
}
