"""RunScenario: a job that shows a chosen sequence of states, for testing how clients follow jobs.

The tool's run starts at submitJob and takes ``seconds`` (0, the default: no time at all), then ends
with outcome "done" and one 10 m square (or more squares than the transfer limit, or an error). While
it runs it reports the default progressor (``Executing...``) or, with ``progressor`` "step", a step
progressor: ``steps`` equal steps, step i setting ``Working: step i of n`` at 100 (i - 1) / n percent
and logging that text as a message. What a job shows is its script (see ``job_script`` and the rule
in ``jobs``), chosen by the ``scenario`` input, ``steps`` long where a scenario repeats something; the
last running state is shown until the run has ended:

* succeed, fail, transfer-limit: Executing, then Succeeded (fail: Failed, the tool raising an error).
* queued: Submitted for ``steps`` status requests, then Waiting for ``steps``, then Executing, Succeeded.
* progress: Executing with a step progress ``Step i of n`` (n = steps + 1, percent 0 to 100) and one
  message per step, then Succeeded.
* timeout: Executing, then esriJobTimedOut.
* partial: Executing, then esriJobPartialSucceeded with a warning, the results listed.
* unknown-state: Executing, then expectedFailure (a state outside Esri's list), the results listed.
* late-results: Executing, then Succeeded without results for ``steps`` requests, then with them.
* endless: Executing until cancelled.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shapely.geometry import box

from .esri_geometry import POLYGON
from .featureset import NAME_FIELD, OBJECTID_FIELD, SHAPE_FIELDS, Feature, FeatureSet
from .job_script import (
    EXECUTING,
    EXECUTING_FRAME,
    STANDARD,
    SUBMITTED,
    SUCCEEDED,
    SUCCEEDED_FRAME,
    TIMED_OUT,
    WAITING,
    Frame,
    Script,
)
from .messages import ERROR, INFORMATIVE, WARNING, Message
from .model import MAXIMUM_RECORDS
from .spatial_ref import UTM_15N
from .tool_errors import ToolError
from .toolrun import ToolContext

SCENARIOS = (
    "succeed",
    "queued",
    "progress",
    "fail",
    "timeout",
    "partial",
    "late-results",
    "unknown-state",
    "transfer-limit",
    "endless",
)
PROGRESSORS = ("default", "step")
MAX_SECONDS = 120
# Seen in the wild, not in Esri's documented list:
PARTIAL_SUCCEEDED = "esriJobPartialSucceeded"
UNDOCUMENTED = "expectedFailure"
PARTIAL_WARNING = "WARNING 000000: 1 of 2 parts of the work could not be done; the results hold the others."
TIMEOUT_MESSAGE = "The job exceeded the maximum time the service allows a job to run, and was stopped."
FAILURE_MESSAGE = "ERROR 999999: Something unexpected caused the tool to fail."
FEATURE_FIELDS = (OBJECTID_FIELD, NAME_FIELD, *SHAPE_FIELDS)
FEATURES_SCHEMA = FeatureSet(POLYGON, UTM_15N, FEATURE_FIELDS).to_json()
SQUARE_ORIGIN = (500000.0, 4980000.0)
SQUARE_SIDE = 10.0


def run_scenario(inputs: Mapping[str, Any], ctx: ToolContext) -> dict[str, Any]:
    scenario: str = inputs["scenario"]
    _work(inputs["seconds"], inputs["steps"] if inputs["progressor"] == "step" else None, ctx)
    if scenario == "fail":
        raise ToolError(FAILURE_MESSAGE)
    count = MAXIMUM_RECORDS + 1 if scenario == "transfer-limit" else 1
    ctx.info(f"Scenario {scenario}: {count} square(s)")
    return {
        "outcome": "done",
        "features": FeatureSet(POLYGON, UTM_15N, FEATURE_FIELDS, tuple(_square(n) for n in range(count))),
    }


def _work(seconds: float, steps: int | None, ctx: ToolContext) -> None:
    """Take ``seconds``; in ``steps`` equal steps that set the step progressor, unless None."""
    if steps is None:
        ctx.work(seconds)
        return
    for i in range(1, steps + 1):
        text = f"Working: step {i} of {steps}"
        ctx.step_progress(text, round(100 * (i - 1) / steps))
        ctx.info(text)
        ctx.work(seconds / steps)


def script(inputs: Mapping[str, Any]) -> Script:
    scenario: str = inputs["scenario"]
    steps: int = inputs["steps"]
    if scenario == "queued":
        return Script((*[Frame(SUBMITTED)] * steps, *[Frame(WAITING)] * steps, EXECUTING_FRAME), (SUCCEEDED_FRAME,))
    if scenario == "progress":
        return Script(_progress_frames(steps + 1), (SUCCEEDED_FRAME,))
    if scenario == "timeout":
        return Script((EXECUTING_FRAME,), (Frame(TIMED_OUT, messages=(Message(ERROR, TIMEOUT_MESSAGE),)),))
    if scenario == "late-results":
        waiting = [Frame(SUCCEEDED, closing=True), *[Frame(SUCCEEDED)] * (steps - 1)]
        return Script((EXECUTING_FRAME,), (*waiting, Frame(SUCCEEDED, results=True)))
    if scenario == "partial":
        partial = Frame(PARTIAL_SUCCEEDED, messages=(Message(WARNING, PARTIAL_WARNING),), results=True, closing=True)
        return Script((EXECUTING_FRAME,), (partial,))
    if scenario == "unknown-state":
        return Script((EXECUTING_FRAME,), (Frame(UNDOCUMENTED, results=True, closing=True),))
    if scenario == "endless":
        return Script((EXECUTING_FRAME,), None)
    return STANDARD


def _progress_frames(count: int) -> tuple[Frame, ...]:
    """Step i of count, its percent from 0 to 100; the first frame also says Executing...."""
    frames = []
    for i in range(1, count + 1):
        text = f"Step {i} of {count}"
        progress = {"type": "step", "message": text, "percent": round(100 * (i - 1) / (count - 1))}
        messages = (*EXECUTING_FRAME.messages, Message(INFORMATIVE, text)) if i == 1 else (Message(INFORMATIVE, text),)
        frames.append(Frame(EXECUTING, progress, messages))
    return tuple(frames)


def _square(n: int) -> Feature:
    x, y = SQUARE_ORIGIN[0] + 2 * SQUARE_SIDE * n, SQUARE_ORIGIN[1]
    square = box(x, y, x + SQUARE_SIDE, y + SQUARE_SIDE)
    return Feature(
        square, {"OBJECTID": n + 1, "Name": f"square {n + 1}", "Shape_Length": square.length, "Shape_Area": square.area}
    )
