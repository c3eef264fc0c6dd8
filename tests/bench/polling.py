"""Benchmark (not a test): how many status requests following a job takes, and how late its end is
seen, for jobs of seeded random length from 1 to 120 s, with and without progress reports. The goal
(issue 13, P3): at most a third of a 1 s poller's requests, and a median delay after the end of at
most max(150 ms, 3 % of the job's length).

    cd tests && ../.venv/bin/python bench/polling.py [--jobs 400] [--seed 13]

Nothing waits: gp_core.job reads a simulated clock whose sleeps pass at once, as in
tests/unit/test_job_requests.py, and the job's server is simulated in the process: each status
request is answered from the clock (Executing, with the job's progress, until its length has passed;
then Succeeded), so each request's time, and the delay, are exact.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests folder

from job_clock import Clock
from remote_gp.gp_core import Job, PollPolicy, Server, Service, Task, job as job_module

ONE_SECOND = PollPolicy(first=1.0, factor=1.0, longest=1.0)
PREDICT = job_module.Forecast.predict
#: What a job says of its progress at `t` seconds of `length`: a progress object, or None.
Reporter = Callable[[float, float], "dict[str, Any] | None"]


class SimulatedServer(Server):
    """Answers the status requests of one job that runs from 0 to `length` s by the clock."""

    def __init__(self, clock: Clock, length: float, progress: Reporter):
        super().__init__("http://simulated.invalid/arcgis")
        self.clock, self.length, self.progress, self.requests = clock, length, progress, 0

    def get(self, url: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        self.requests += 1
        if self.clock.now >= self.length:
            return {"jobId": "j", "jobStatus": "esriJobSucceeded"}
        body: dict[str, Any] = {"jobId": "j", "jobStatus": "esriJobExecuting"}
        progress = self.progress(self.clock.now, self.length)
        if progress is not None:
            body["progress"] = progress
        return body


def no_progress(now: float, length: float) -> dict[str, Any]:
    return {"type": "default", "message": "Executing..."}


def percent(now: float, length: float) -> dict[str, Any]:
    """A whole percent, moving evenly with the work."""
    return {"type": "default", "message": "Executing...", "percent": int(100 * now / length)}


def steps(count: int, uneven: random.Random | None = None) -> Reporter:
    """`count` steps, each at its start showing `step i of n` at 100 (i - 1) / n percent (as the reference
    server's step progressor); equal steps, or steps of random length 0.5–1.5 their share."""
    shares = [uneven.uniform(0.5, 1.5) if uneven else 1.0 for _ in range(count)]
    bounds = [sum(shares[:i]) / sum(shares) for i in range(count)]

    def report(now: float, length: float) -> dict[str, Any]:
        i = max(i for i, bound in enumerate(bounds) if bound * length <= now)
        return {"type": "step", "message": f"Working: step {i + 1} of {count}", "percent": round(100 * i / count)}

    return report


@dataclass
class Outcome:
    length: float
    requests: int
    delay: float

    @property
    def allowed(self) -> float:
        return max(0.15, 0.03 * self.length)


def follow(length: float, progress: Reporter, policy: PollPolicy, predicting: bool = True) -> Outcome:
    """One job followed by `policy`; without `predicting`, as before issue 13: no end predicted from
    the progress, which then only sends the polls back to the first interval when it moves. gp_core.job
    is given back its clock and prediction after."""
    clock = Clock()
    server = SimulatedServer(clock, length, progress)
    service = Service.from_json({"tasks": ["T"]}, "http://simulated.invalid/arcgis/rest/services/S/GPServer", "S")
    task = Task.from_json({"name": "T", "parameters": []}, f"{service.url}/T", service)
    job_module.time = clock  # type: ignore[assignment]  # the simulated clock, as the tests' fixture sets it
    job_module.Forecast.predict = PREDICT if predicting else lambda self: None  # type: ignore[method-assign]
    try:
        Job(server, task, "j", "esriJobExecuting").wait(policy=policy)
    finally:
        job_module.time, job_module.Forecast.predict = time, PREDICT  # type: ignore[method-assign]
    return Outcome(length, server.requests, clock.now - length)


#: Fixed schedules for jobs that report nothing, which gp_core does not use: what the goal would take
#: (the README's Performance section). Each gives the time of the poll after one at `t` (0: the start).
SCHEDULES: dict[str, Callable[[float], float]] = {
    "what-if: every 5.5 % of the time elapsed": lambda t: max(t + 0.15, 1.055 * t),
    "what-if: every 5 s to 60 s, then 3 % (fits 1-120 s only)": lambda t: t + 5 if t < 60 else 1.03 * t,
}


def scheduled(length: float, after: Callable[[float], float]) -> Outcome:
    """A job that reports nothing, followed by a fixed schedule."""
    now, requests = 0.0, 0
    while now < length:
        now, requests = after(now), requests + 1
    return Outcome(length, requests, now - length)


def workloads(jobs: int, seed: int) -> dict[str, list[tuple[float, Reporter]]]:
    draw = random.Random(seed)
    lengths = [draw.uniform(1, 120) for _ in range(jobs)]
    return {
        "no progress": [(length, no_progress) for length in lengths],
        "percent": [(length, percent) for length in lengths],
        "equal steps (2-20)": [(length, steps(draw.randint(2, 20))) for length in lengths],
        "uneven steps (2-20)": [(length, steps(draw.randint(2, 20), draw)) for length in lengths],
    }


def row(name: str, policy_name: str, outcomes: list[Outcome], baseline: int) -> str:
    delays = sorted(o.delay for o in outcomes)
    requests = sum(o.requests for o in outcomes)
    within = sum(o.delay <= o.allowed for o in outcomes) / len(outcomes)
    late = statistics.median(o.delay / o.allowed for o in outcomes)
    met = requests * 3 <= baseline and late <= 1
    p90 = delays[int(0.9 * (len(delays) - 1))]
    return (
        f"| {name} | {policy_name} | {requests} | {requests / baseline:.2f} | {statistics.median(delays):.2f} "
        f"| {p90:.2f} | {within:.0%} | {late:.2f} | {'yes' if met else 'no'} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=400)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    policies = {"1 s poller": (ONE_SECOND, False), "before: no prediction": (PollPolicy(), False)}
    policies["default"] = (PollPolicy(), True)
    print(f"Polling: {args.jobs} jobs of 1–120 s (seed {args.seed}), by a simulated clock.\n")
    print(
        "| jobs | policy | requests | vs 1 s | median delay s | p90 delay s | within max(0.15 s, 3 %) "
        "| median delay / allowed | goal |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, jobs in workloads(args.jobs, args.seed).items():
        baseline = sum(follow(length, progress, ONE_SECOND).requests for length, progress in jobs)
        for policy_name, (policy, predicting) in policies.items():
            outcomes = [follow(length, progress, policy, predicting) for length, progress in jobs]
            print(row(name, policy_name, outcomes, baseline))
        if name == "no progress":
            for schedule_name, after in SCHEDULES.items():
                print(row(name, schedule_name, [scheduled(length, after) for length, _ in jobs], baseline))
    print(
        "\ngoal: requests ≤ 1/3 of the 1 s poller's, and median delay / allowed ≤ 1 "
        "(allowed: max(0.15 s, 3 % of the job's length))"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
