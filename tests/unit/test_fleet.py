"""gp_core.wait_all: many jobs followed by one loop with Job.wait's rules (the reference server counts
each job's requests), and merge_feature_sets, which puts their feature outputs together."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import Point

from gp_server.hooks import await_run, job_order, job_requests
from remote_gp.gp_core import (
    STRING,
    FeatureSet,
    Field,
    GeometryError,
    GPWarning,
    Job,
    JobNotFound,
    PollPolicy,
    RetryPolicy,
    Server,
    Service,
    Task,
    fleet as fleet_module,
    job as job_module,
    merge_feature_sets,
    submit,
    wait_all,
)
from scripted_http import Reply, ScriptedServer
from test_job_requests import Clock  # a test clock: its sleep passes at once

pytestmark = pytest.mark.timeout(60)
FAST = PollPolicy(first=0.001, longest=0.001)


@pytest.fixture(scope="module")
def scenario(server):
    task = server.task("GP/Lifecycle", "RunScenario")
    return lambda name, steps=2: submit(server, task, {"scenario": name, "steps": steps})


def test_every_job_is_followed_to_its_end_with_the_requests_its_own_wait_takes(scenario):
    jobs = [scenario(name) for name in ("succeed", "fail", "queued", "late-results", "succeed", "timeout")]
    for job in jobs:
        await_run(job.url)  # each run has ended: every status request moves each job one state on
    seen: dict[str, list[str]] = {job.id: [] for job in jobs}
    given_up = wait_all(jobs, lambda job, new: seen[job.id].append(job.status), policy=FAST)
    assert given_up == {}
    assert [job.status for job in jobs] == [
        "esriJobSucceeded",
        "esriJobFailed",
        "esriJobSucceeded",
        "esriJobSucceeded",
        "esriJobSucceeded",
        "esriJobTimedOut",
    ]
    # as one wait each: executing, then the end (queued: 2 submitted, 2 waiting; late-results: 2 without results)
    assert [job_requests(job.url)["status"] for job in jobs] == [2, 2, 6, 4, 2, 2]
    assert all(states[-1] == job.status for job, states in zip(jobs, seen.values()))
    orders = [job_order(job.url) for job in jobs]
    assert max(submitted for submitted, _ in orders) < min(ended for _, ended in orders)


def test_a_cancel_goes_to_every_job_and_again_to_a_queued_one_until_the_server_takes_it(scenario):
    jobs = [scenario("endless"), scenario("queued"), scenario("endless")]
    await_run(jobs[1].url)
    assert wait_all(jobs, cancelled=lambda: True, policy=FAST) == {}
    assert [job.status for job in jobs] == ["esriJobCancelled"] * 3
    # as Job.wait: refused while the job shows Submitted, taken once it runs (endless) or waits (queued)
    endless = {"status": 3, "cancel": 2}  # executing, cancelling, cancelled
    assert [job_requests(job.url) for job in jobs] == [endless, {"status": 5, "cancel": 4}, endless]


def test_a_job_that_cannot_be_followed_leaves_the_loop_with_its_error_and_the_others_go_on(scenario, server):
    lost = Job(server, server.task("GP/Lifecycle", "RunScenario"), "jnosuchjob")
    done = scenario("succeed")
    given_up = wait_all([lost, done], policy=FAST)
    assert list(given_up) == [lost] and isinstance(given_up[lost], JobNotFound)
    assert "Job 'jnosuchjob' does not exist" in str(given_up[lost])
    assert done.status == "esriJobSucceeded"


def test_ended_jobs_are_not_asked_about(scenario):
    job = scenario("succeed")
    job.status = "esriJobSucceeded"
    assert wait_all([job], policy=FAST) == {} and job_requests(job.url)["status"] == 0


def test_jobs_still_running_after_the_cancel_grace_are_left_with_a_warning(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(fleet_module, "time", clock)
    polls: list[float] = []

    def answer(request):
        if request.path.endswith("/cancel"):
            return Reply(body={"jobStatus": "esriJobCancelling"})
        polls.append(clock.now)
        return Reply(body={"jobStatus": "esriJobExecuting"})

    with ScriptedServer(answer) as scripted:
        services = f"{scripted.url}/arcgis/rest/services"
        service = Service.from_json({"tasks": ["T"]}, f"{services}/GP/S/GPServer", "GP/S")
        task = Task.from_json({"name": "T", "parameters": []}, f"{service.url}/T", service)
        server = Server(f"{scripted.url}/arcgis", retry=RetryPolicy(attempts=0))
        jobs = [Job(server, task, "j1"), Job(server, task, "j2")]
        policy = PollPolicy(first=1.0, factor=2.0, longest=4.0, tick=0.25, cancel_grace=3.0)
        with pytest.warns(GPWarning, match=r"^2 job\(s\) had not ended 3 s after the cancel and may go on on the "):
            wait_all(jobs, cancelled=lambda: True, policy=policy)
    assert polls == [0, 0, 1, 1, 3]  # each job: at once, after 1 s, after 2 s more (the grace is over)
    assert [job.status for job in jobs] == ["esriJobExecuting"] * 2


def test_each_job_is_polled_as_its_own_wait_would_towards_the_end_its_progress_predicts(monkeypatch):
    """j1 runs 64 s in eight steps of 8 s, saying 12.5 % more at each; j2 runs 30 s and says nothing
    measurable. Followed together, each job's status requests come when its own Job.wait's would."""
    clock = Clock()
    monkeypatch.setattr(fleet_module, "time", clock)
    monkeypatch.setattr(job_module, "time", clock)
    polls: dict[str, list[float]] = {"j1": [], "j2": []}

    def answer(request):
        job_id = request.path.rsplit("/", 1)[-1]
        polls[job_id].append(clock.now)
        length, progress = (64, {"type": "step", "percent": 12.5 * (clock.now // 8)}) if job_id == "j1" else (30, None)
        if clock.now >= length:
            return Reply(body={"jobId": job_id, "jobStatus": "esriJobSucceeded"})
        return Reply(body={"jobId": job_id, "jobStatus": "esriJobExecuting", "progress": progress})

    policy = PollPolicy(first=0.25, factor=2.0, longest=8.0, precision=1 / 16)
    with ScriptedServer(answer) as scripted:
        services = f"{scripted.url}/arcgis/rest/services"
        service = Service.from_json({"tasks": ["T"]}, f"{services}/GP/S/GPServer", "GP/S")
        task = Task.from_json({"name": "T", "parameters": []}, f"{service.url}/T", service)
        server = Server(f"{scripted.url}/arcgis", retry=RetryPolicy(attempts=0))
        alone = {}
        for job_id in polls:
            clock.now = 0.0
            Job(server, task, job_id).wait(policy=policy)
            alone[job_id], polls[job_id] = polls[job_id], []
        clock.now = 0.0
        assert wait_all([Job(server, task, "j1"), Job(server, task, "j2")], policy=policy) == {}
    assert polls == alone
    # j1's end predicted from its steps (see test_job_requests): 14 requests, its end seen at once
    assert polls["j1"] == pytest.approx(
        [0, 0.25, 0.75, 1.75, 3.75, 7.75, 15.75, 23.75, 31.75, 39.75, 47.75, 55.75, 62.375, 67.5], abs=0.001
    )
    assert polls["j2"] == [0, 0.25, 0.75, 1.75, 3.75, 7.75, 15.75, 23.75, 31.75]  # the back-off


def _points(names: list[str], fields: list[Field] | None = None) -> FeatureSet:
    features = FeatureSet("esriGeometryPoint", None, fields or [Field("Name")], has_m=True)
    for number, name in enumerate(names):
        features.add(Point(number, 0), {"Name": name}, [float(number)])
    return features


def test_merged_feature_sets_keep_every_feature_in_order_with_its_part_s_name():
    extra = [Field("Name"), Field("Group_Name", STRING), Field("Size", "esriFieldTypeDouble")]
    merged = merge_feature_sets([("a", _points(["p", "q"])), ("b", _points(["r"], extra))], "GROUP_NAME")
    assert [f.name for f in merged.fields] == ["Name", "Group_Name", "Size", "GROUP_NAME_2"]
    assert [row["Name"] for row in merged.attributes] == ["p", "q", "r"]
    assert [row["GROUP_NAME_2"] for row in merged.attributes] == ["a", "a", "b"]
    assert [g.x for g in merged.geometries] == [0, 1, 0]
    assert [list(m) for m in merged.measures] == [[0.0], [1.0], [0.0]]


def test_merged_tables_have_no_geometries():
    table = FeatureSet(None, None, [Field("Name")])
    table.set_features(None, [{"Name": "x"}])
    merged = merge_feature_sets([("a", table), ("b", table)], "GROUP_NAME")
    assert merged.geometry_type is None and np.all(merged.geometries == None)  # noqa: E711 (element-wise)
    assert [row["GROUP_NAME"] for row in merged.attributes] == ["a", "b"]


def test_outputs_of_other_geometry_types_cannot_be_merged():
    polygons = FeatureSet("esriGeometryPolygon", None, [Field("Name")])
    with pytest.raises(ValueError, match="nothing to merge"):
        merge_feature_sets([], "GROUP_NAME")
    points = _points(["p"])
    with pytest.raises(GeometryError, match="^The outputs cannot be merged: Point geometries cannot go into"):
        merge_feature_sets([("a", polygons), ("b", points)], "GROUP_NAME")
