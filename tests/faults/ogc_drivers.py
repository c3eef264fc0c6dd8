"""What an OGC API - Processes client does in each phase, through gp_core's public API (OgcServer,
OgcJob, OgcResults), against the hostile world in front of pygeoapi (tests/ogc_server).

Like drivers.py: a driver returns a short account of what it got, raises gp_core's errors as they
come, Stopped when a wait ended without the state it waited for, WrongAnswer when gp_core handed
over something else than what was asked for without a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from remote_gp.gp_core import FeatureSet, PollPolicy
from remote_gp.gp_core.ogc_job import OgcJob
from remote_gp.gp_core.ogc_server import OgcResults, OgcServer

from .drivers import Stopped, WrongAnswer
from .phases import DISCOVERY, DISMISS, DOWNLOAD, EXECUTE, POLL, RESULT, SUBMIT
from .terms import DOWNLOADED, OGC_BUFFER, OGC_SLOPE, OGC_SLOW, TOWERS

ENDLESS_SECONDS, ENDLESS_STEPS = 20.0, 20
"""A slow job that outlives any cell, stopping within a second of its dismissal."""


@dataclass(frozen=True)
class OgcContext:
    """What one cell's driver works with."""

    server: Callable[[], OgcServer]
    """A new OgcServer for the cell's client and URL."""
    scratch: Path
    """An empty folder for downloads."""
    buffer_job: str
    """A successful job of the buffer (features by value)."""
    slope_job: str
    """A successful job of the slope, its GeoTIFF by reference (a /files/ link)."""
    polls: PollPolicy


def discovery(context: OgcContext) -> str:
    server = context.server()
    listed = server.processes()
    process = server.process(OGC_BUFFER)
    return f"{len(listed)} processes; process {process.id} with {len(process.inputs)} inputs"


def execute_buffer(context: OgcContext) -> str:
    outcome = context.server().execute(OGC_BUFFER, {"features": TOWERS, "distance": 1.0}, asynchronous=False)
    if not isinstance(outcome, OgcResults):
        raise WrongAnswer(f"results were asked for, the answer is {outcome!r}")
    return f"output of {_features(outcome.output('buffered'))}"


def submit_slow(context: OgcContext) -> str:
    job = _submitted(context.server(), 0.2, 1)
    return f"{job.name} submitted ({job.status})"


def poll(context: OgcContext) -> str:
    job = _submitted(context.server(), 0.2, 2)
    job.wait(policy=context.polls)
    job.check()
    slept = job.results().output("slept")
    if not isinstance(slept, dict):
        raise WrongAnswer(f"the output is {type(slept).__name__}, not the JSON object the job made: {slept!r:.80}")
    return f"{job.name} followed to {job.status}"


def dismiss(context: OgcContext) -> str:
    job = _submitted(context.server(), ENDLESS_SECONDS, ENDLESS_STEPS)
    state = job.wait(cancelled=lambda: True, policy=context.polls)
    if state != "dismissed":
        raise Stopped(f"the wait for {job.name} ended with the job {state}")
    return f"{job.name} dismissed"


def result(context: OgcContext) -> str:
    server = context.server()
    job = server.job(context.buffer_job, server.process(OGC_BUFFER))
    return f"output of {_features(job.results().output('buffered'))}"


def download(context: OgcContext) -> str:
    server = context.server()
    job = server.job(context.slope_job, server.process(OGC_SLOPE))
    path = job.results().output("slope", context.scratch / DOWNLOADED)
    if not isinstance(path, Path):
        raise WrongAnswer(f"the output is {type(path).__name__}, not the raster's file")
    return f"{path.name}: {path.stat().st_size} bytes"


def _submitted(server: OgcServer, seconds: float, steps: int) -> OgcJob:
    outcome = server.execute(OGC_SLOW, {"seconds": seconds, "steps": steps}, asynchronous=True)
    if not isinstance(outcome, OgcJob):
        raise WrongAnswer(f"a job was asked for (Prefer: respond-async), the answer is {_shown(outcome)}")
    return outcome


def _shown(outcome: Any) -> str:
    return f"results holding {', '.join(outcome.values)}" if isinstance(outcome, OgcResults) else repr(outcome)


def _features(features: object) -> str:
    if not isinstance(features, FeatureSet):
        raise WrongAnswer(f"features were expected, got {type(features).__name__}: {str(features)[:80]!r}")
    return f"{len(features)} features"


DRIVERS: dict[str, Callable[[OgcContext], str]] = {
    DISCOVERY: discovery,
    EXECUTE: execute_buffer,
    SUBMIT: submit_slow,
    POLL: poll,
    DISMISS: dismiss,
    RESULT: result,
    DOWNLOAD: download,
}
