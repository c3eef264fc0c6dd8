"""Many jobs followed at once, by one loop: a fan-out keeps all its jobs in flight on the server while
one thread follows them, and merges what they return.

Each job is polled by `Job.wait`'s rules (`next_interval`): its first status request at once, then
towards the end its progress predicts (`Forecast`), or, while it predicts none, after `policy.first`
seconds, the interval growing by `policy.factor` up to `policy.longest` while nothing changes and
back to `policy.first` when the job moves; dropped connections ridden out by `Job.poll`. Requests
are sequential, one job's after another's, whichever is due first. A cancel goes to every job that
has not ended as soon as it is asked for (again before each poll of a job whose cancel the server
refused, as it does while the job is queued); the jobs are then followed until they end, or for
`policy.cancel_grace` seconds. A job that can no longer be followed (its server gone for good, the
job unknown to it) leaves the loop with its error; the others go on.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .errors import Cancelled, GeometryError, GPError, warn
from .featureset import STRING, FeatureSet, Field
from .job import Forecast, Job, PollPolicy, UpdateCallback, done_fraction, next_interval


@dataclass
class _Turn:
    """When a job's next status request is due, the interval that led to it, and what the job's
    progress predicts."""

    job: Job
    due: float
    interval: float
    forecast: Forecast = dataclasses.field(default_factory=Forecast)


def wait_all(
    jobs: Sequence[Job],
    on_update: UpdateCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    policy: PollPolicy = PollPolicy(),  # noqa: B008 — frozen
) -> dict[Job, GPError]:
    """Poll every job until each has ended (see the module's docstring); `on_update(job, new
    messages)` after every status request that changed something. Returns the jobs given up on, with
    why. After a cancel, jobs still running once the grace has passed are left with a warning."""
    start = time.monotonic()
    turns = [_Turn(job, start, policy.first) for job in jobs if not job.is_ended]
    given_up: dict[Job, GPError] = {}
    cancel_asked: float | None = None
    taken: set[Job] = set()  # jobs whose cancel the server took
    while turns:
        if cancel_asked is None and cancelled is not None and cancelled():
            cancel_asked = time.monotonic()
            for turn in turns:
                turn.due = cancel_asked  # every job's cancel goes out now
        turn = min(turns, key=lambda t: t.due)
        _pause(turn.due, cancelled if cancel_asked is None else None, policy.tick)
        if cancel_asked is None and cancelled is not None and cancelled():
            continue
        job = turn.job
        try:
            if cancel_asked is not None and job not in taken and job.cancel():
                taken.add(job)
            polled = time.monotonic()
            changed, new = job.poll()
            turn.forecast.see(polled, done_fraction(job.progress, job.messages))
        except Cancelled:
            raise
        except GPError as error:
            given_up[job] = error
            turns.remove(turn)
            continue
        if on_update and (changed or new):
            on_update(job, new)
        now = time.monotonic()
        if job.is_ended:
            turns.remove(turn)
        else:
            turn.interval = next_interval(policy, turn.interval, changed or bool(new), turn.forecast.predict(), now)
            turn.due = now + turn.interval
        if turns and cancel_asked is not None and now - cancel_asked >= policy.cancel_grace:
            warn(_still_running([t.job for t in turns], policy.cancel_grace))
            break
    return given_up


def _pause(until: float, cancelled: Callable[[], bool] | None, tick: float) -> None:
    """Sleep until `until`, cutting the sleep short when a cancel is asked for."""
    while (left := until - time.monotonic()) > 0:
        if cancelled is not None and cancelled():
            return
        time.sleep(min(tick, left))


def _still_running(jobs: list[Job], grace: float) -> str:
    listed = ", ".join(f"{job.id} ({job.state})" for job in jobs)
    return f"{len(jobs)} job(s) had not ended {grace:g} s after the cancel and may go on on the server: {listed}."


def merge_feature_sets(parts: Sequence[tuple[str, FeatureSet]], field_name: str) -> FeatureSet:
    """One FeatureSet of the features of every (name, feature set) part, in order, each with its
    part's name in a new text field `field_name` (made unique among the fields, ignoring case). The
    schema is the first part's, with the fields of later parts it lacks added after its own."""
    if not parts:
        raise ValueError("There is nothing to merge.")
    result = parts[0][1].empty_copy()
    known = {field.name.lower() for field in result.fields}
    for _, part in parts[1:]:
        for field in part.fields:
            if field.name.lower() not in known:
                result.fields.append(field.copy())
                known.add(field.name.lower())
    name = _unique(field_name, known)
    result.fields.append(Field(name, STRING, name))
    rows = [{**row, name: label} for label, part in parts for row in part.attributes]
    if result.geometry_type is None:
        result.set_features(None, rows)
        return result
    geometries = np.concatenate([part.geometries for _, part in parts])
    measures = np.concatenate([part.measures for _, part in parts]) if result.has_m else None
    try:
        result.set_features(geometries, rows, measures)
    except GeometryError as error:
        raise GeometryError(f"The outputs cannot be merged: {error}") from None
    return result


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{name}_{number}"
    return candidate
