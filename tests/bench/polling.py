"""P3, polling: how many status requests gp_core's Job.wait sends over jobs of random length (1 to 120 s)
and how late it sees them end, against a poller that asks every second.

    python polling.py [--jobs N] [--seed S]

prints one JSON line. Jobs of two minutes each would take hours; instead Job.wait runs on a simulated
clock (the pattern of tests/unit/test_job_requests.py: gp_core.job's `time` is replaced, its pauses pass
at once and move the clock on), and a real HTTP server answers each status request by that clock: the
job executes until its length has passed, then has succeeded. Half the jobs report no progress, half a
step progressor (ten steps, with their percent) as the reference server's lifecycle task does."""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "unit"))

from remote_gp.gp_core import Job, RetryPolicy, Server, Service, Task, job as job_module  # noqa: E402
from scripted_http import Received, Reply, ScriptedServer  # noqa: E402 (after the path)

STEPS = 10


class Clock:
    """The `time` gp_core.job reads: `sleep` passes at once and moves `now` on."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


class SimulatedJob:
    """The status answers of one job of `length` seconds started at clock 0, counted."""

    def __init__(self, clock: Clock, length: float, progress: bool):
        self.clock, self.length, self.progress, self.requests = clock, length, progress, 0

    def answer(self, request: Received) -> Reply:
        self.requests += 1
        if self.clock.now >= self.length:
            return Reply(body={"jobId": "j1", "jobStatus": "esriJobSucceeded", "results": {}})
        body: dict[str, Any] = {"jobId": "j1", "jobStatus": "esriJobExecuting"}
        if self.progress:
            step = math.floor(STEPS * self.clock.now / self.length)
            body["progress"] = {"type": "step", "message": f"Step {step + 1} of {STEPS}", "percent": 100 * step / STEPS}
        return Reply(body=body)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    clock = Clock()
    job_module.time = clock  # type: ignore[assignment]
    rows = []
    jobs = [SimulatedJob(clock, rng.uniform(1.0, 120.0), progress=index % 2 == 1) for index in range(args.jobs)]
    followed: list[SimulatedJob] = []  # the last one answers
    with ScriptedServer(lambda request: followed[-1].answer(request)) as server:
        for simulated in jobs:
            followed.append(simulated)
            clock.now = 0.0
            _job(server.url).wait()
            rows.append((simulated.length, simulated.progress, simulated.requests, clock.now - simulated.length))
    print(json.dumps(_summary(rows)))
    return 0


def _job(url: str) -> Job:
    services = f"{url}/arcgis/rest/services"
    service = Service.from_json({"tasks": ["T"]}, f"{services}/GP/S/GPServer", "GP/S")
    task = Task.from_json({"name": "T", "parameters": []}, f"{service.url}/T", service)
    return Job(Server(f"{url}/arcgis", retry=RetryPolicy(attempts=0)), task, "j1", "esriJobSubmitted")


def _summary(rows: list[tuple[float, bool, int, float]]) -> dict[str, Any]:
    """Requests and delays per kind of job, and a 1 s poller's (polls at 0, 1, 2 ... s) on the same jobs."""
    summary: dict[str, Any] = {"jobs": len(rows)}
    for kind, progress in (("plain", False), ("progress", True)):
        chosen = [row for row in rows if row[1] == progress]
        requests = sum(row[2] for row in chosen)
        once_a_second = sum(math.ceil(length) + 1 for length, *_ in chosen)
        summary[kind] = {
            "jobs": len(chosen),
            "requests_per_job": requests / len(chosen),
            "one_second_requests_per_job": once_a_second / len(chosen),
            "request_share": requests / once_a_second,
            "median_delay_s": statistics.median(row[3] for row in chosen),
            "one_second_median_delay_s": statistics.median(math.ceil(r[0]) - r[0] for r in chosen),
            # The goal per job: seen at most max(150 ms, 3 % of its length) after it ended.
            "within_goal_share": sum(row[3] <= max(0.15, 0.03 * row[0]) for row in chosen) / len(chosen),
            "median_delay_share_of_length": statistics.median(row[3] / row[0] for row in chosen),
        }
    return summary


if __name__ == "__main__":
    sys.exit(main())
