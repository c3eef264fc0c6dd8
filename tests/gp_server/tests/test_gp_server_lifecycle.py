"""The reference server's GP/Lifecycle (RunScenario): every scenario's states, answer by answer.

No sleeps: a job's shown state moves at most one step per status request (see gp_server.jobs), and
its last running state is shown until the run has ended, which a test awaits (``ended``) before
the request that must show the end: so each test reads the exact sequence of answers.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests

from gp_server.hooks import await_run, drop_status_requests

SUBMITTED, WAITING, EXECUTING = "esriJobSubmitted", "esriJobWaiting", "esriJobExecuting"
SUCCEEDED, FAILED, TIMED_OUT = "esriJobSucceeded", "esriJobFailed", "esriJobTimedOut"
CANCELLING, CANCELLED, PARTIAL = "esriJobCancelling", "esriJobCancelled", "esriJobPartialSucceeded"
UNDOCUMENTED = "expectedFailure"
INFORMATIVE, WARNING, ERROR = "esriJobMessageTypeInformative", "esriJobMessageTypeWarning", "esriJobMessageTypeError"
DEFAULT_PROGRESS = {"type": "default", "message": "Executing..."}
ENDLESS_POLLS = 25
LONG_RUN_SECONDS = 120  # longer than any test: only a cancel ends such a run in time
MAX_POLLS = 500


@pytest.fixture(scope="module")
def task(gp_server: str) -> str:
    return f"{gp_server}/rest/services/GP/Lifecycle/GPServer/RunScenario"


def submit(http: requests.Session, task: str, scenario: str, **form: Any) -> str:
    answer = http.post(f"{task}/submitJob", data={"f": "json", "scenario": scenario, **form}).json()
    assert answer["jobStatus"] == SUBMITTED
    return f"{task}/jobs/{answer['jobId']}"


def status(http: requests.Session, job: str, **params: Any) -> dict[str, Any]:
    return http.get(job, params={"f": "json", **params}).json()


def answers(http: requests.Session, job: str, count: int) -> list[dict[str, Any]]:
    """The next ``count`` status answers."""
    return [status(http, job) for _ in range(count)]


def states(shown: list[dict[str, Any]]) -> list[str]:
    return [a["jobStatus"] for a in shown]


def messages(http: requests.Session, job: str) -> list[tuple[str, str]]:
    """The messages of one more status request (which moves the job on, unless it is final)."""
    return [(m["type"], m["description"]) for m in status(http, job)["messages"]]


def ended(http: requests.Session, job: str, count: int) -> list[dict[str, Any]]:
    """The next ``count`` status answers once the run has ended."""
    await_run(job)
    return answers(http, job, count)


def first_answer_with(http: requests.Session, job: str, text: str) -> dict[str, Any]:
    """The first status answer whose messages include ``text`` (a run's message, logged as it goes)."""
    for _ in range(MAX_POLLS):
        answer = status(http, job)
        if any(m["description"] == text for m in answer["messages"]):
            return answer
    raise AssertionError(f"no message {text!r} after {MAX_POLLS} status requests: {answer}")


def result(http: requests.Session, job: str, name: str) -> dict[str, Any]:
    return http.get(f"{job}/results/{name}", params={"f": "json", "returnType": "data"}).json()


def test_the_task_offers_the_scenarios(http: requests.Session, task: str) -> None:
    params = {p["name"]: p for p in http.get(task, params={"f": "json"}).json()["parameters"]}
    assert params["scenario"]["parameterType"] == "esriGPParameterTypeRequired"
    assert params["scenario"]["choiceList"] == [
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
    ]
    assert (params["steps"]["defaultValue"], params["steps"]["filter"]) == (
        2,
        {"type": "range", "minimum": 1, "maximum": 20},
    )
    assert (params["seconds"]["dataType"], params["seconds"]["defaultValue"], params["seconds"]["filter"]) == (
        "GPDouble",
        0,
        {"type": "range", "minimum": 0, "maximum": 120},
    )
    assert (params["progressor"]["defaultValue"], params["progressor"]["choiceList"]) == (
        "default",
        ["default", "step"],
    )
    assert [(p["name"], p["dataType"]) for p in params.values() if p["parameterType"].endswith("Derived")] == [
        ("outcome", "GPString"),
        ("features", "GPFeatureRecordSetLayer"),
    ]


def test_succeed(http: requests.Session, task: str) -> None:
    job = submit(http, task, "succeed")
    [executing] = answers(http, job, 1)
    assert (executing["jobStatus"], executing["progress"]) == (EXECUTING, DEFAULT_PROGRESS)
    assert "results" not in executing
    succeeded, again = ended(http, job, 2)
    assert states([succeeded, again]) == [SUCCEEDED, SUCCEEDED] and "progress" not in succeeded
    assert succeeded["results"] == {
        "outcome": {"paramUrl": "results/outcome"},
        "features": {"paramUrl": "results/features"},
    }
    assert result(http, job, "outcome") == {"paramName": "outcome", "dataType": "GPString", "value": "done"}
    features = result(http, job, "features")["value"]
    assert features["geometryType"] == "esriGeometryPolygon" and len(features["features"]) == 1
    assert features["features"][0]["attributes"]["Shape_Area"] == 100
    shown = messages(http, job)
    assert shown[:2] == [(INFORMATIVE, "Submitted."), (INFORMATIVE, "Executing...")]
    assert shown[2][1].startswith("Executing (RunScenario): RunScenario succeed")
    assert shown[-1][0] == INFORMATIVE and shown[-1][1].startswith("Succeeded at ")


def test_messages_come_unless_refused(http: requests.Session, task: str) -> None:
    """returnMessages: "The default is true" (Esri's gp-job reference); Esri's own client never sends it."""
    job = submit(http, task, "succeed")
    assert status(http, job)["messages"][:2] == [
        {"type": INFORMATIVE, "description": "Submitted."},
        {"type": INFORMATIVE, "description": "Executing..."},
    ]
    assert status(http, job, returnMessages="false")["messages"] == []
    assert status(http, job, returnMessages="true")["messages"][:2] == status(http, job)["messages"][:2]


def test_queued_waits_then_runs(http: requests.Session, task: str) -> None:
    job = submit(http, task, "queued", steps="3")
    assert states(answers(http, job, 7)) == [SUBMITTED] * 3 + [WAITING] * 3 + [EXECUTING]
    assert states(ended(http, job, 2)) == [SUCCEEDED, SUCCEEDED]
    shown = [text for _, text in messages(http, job)]
    assert shown[:2] == ["Submitted.", "Executing..."] and shown[-1].startswith("Succeeded at ")


def test_a_queued_job_refuses_cancel_while_submitted_and_accepts_it_when_waiting(
    http: requests.Session, task: str
) -> None:
    job = submit(http, task, "queued")
    refused = http.post(f"{job}/cancel", data={"f": "json"}).json()["error"]
    assert refused["code"] == 400 and "esriJobSubmitted" in refused["details"][0]
    assert states(answers(http, job, 3)) == [SUBMITTED, SUBMITTED, WAITING]  # the job went on
    cancelled = http.post(f"{job}/cancel", data={"f": "json"}).json()
    assert cancelled == {"jobId": job.rsplit("/", 1)[1], "jobStatus": CANCELLING}
    assert states(ended(http, job, 3)) == [CANCELLING, CANCELLED, CANCELLED]
    assert messages(http, job) == [(INFORMATIVE, "Submitted."), (INFORMATIVE, "Cancelled")]  # it never ran
    assert result(http, job, "outcome")["error"]["code"] == 400
    assert http.post(f"{job}/cancel", data={"f": "json"}).json()["error"]["code"] == 400


def test_progress_steps_from_0_to_100_percent(http: requests.Session, task: str) -> None:
    job = submit(http, task, "progress", steps="3")
    shown = answers(http, job, 4) + ended(http, job, 1)
    assert states(shown) == [EXECUTING] * 4 + [SUCCEEDED]
    assert [a["progress"] for a in shown[:4]] == [
        {"type": "step", "message": f"Step {i} of 4", "percent": percent}
        for i, percent in zip(range(1, 5), (0, 33, 67, 100))
    ]
    assert "progress" not in shown[4]
    steps = [text for kind, text in messages(http, job) if text.startswith("Step ")]
    assert steps == ["Step 1 of 4", "Step 2 of 4", "Step 3 of 4", "Step 4 of 4"]


def test_progress_messages_appear_one_per_step(http: requests.Session, task: str) -> None:
    job = submit(http, task, "progress", steps="1")
    shown = answers(http, job, 2) + ended(http, job, 1)
    assert states(shown) == [EXECUTING, EXECUTING, SUCCEEDED]
    assert [[m["description"] for m in a["messages"] if m["description"].startswith("Step ")] for a in shown] == [
        ["Step 1 of 2"],
        ["Step 1 of 2", "Step 2 of 2"],
        ["Step 1 of 2", "Step 2 of 2"],
    ]


def test_fail(http: requests.Session, task: str) -> None:
    job = submit(http, task, "fail")
    shown = answers(http, job, 1) + ended(http, job, 2)
    assert states(shown) == [EXECUTING, FAILED, FAILED] and "results" not in shown[-1]
    errors = [text for kind, text in messages(http, job) if kind == ERROR]
    assert errors == ["ERROR 999999: Something unexpected caused the tool to fail.", "Failed to execute (RunScenario)."]
    assert result(http, job, "outcome")["error"]["code"] == 400


def test_timeout(http: requests.Session, task: str) -> None:
    job = submit(http, task, "timeout")
    shown = answers(http, job, 1) + ended(http, job, 2)
    assert states(shown) == [EXECUTING, TIMED_OUT, TIMED_OUT] and "results" not in shown[-1]
    errors = [text for kind, text in messages(http, job) if kind == ERROR]
    assert len(errors) == 1 and "maximum time" in errors[0]
    assert not any(text.startswith("Succeeded") for _, text in messages(http, job))


def test_late_results(http: requests.Session, task: str) -> None:
    job = submit(http, task, "late-results", steps="2")
    shown = answers(http, job, 1) + ended(http, job, 1)
    assert states(shown) == [EXECUTING, SUCCEEDED] and "results" not in shown[1]
    assert result(http, job, "outcome")["error"]["code"] == 400  # not readable before it is listed
    later = answers(http, job, 3)
    assert states(later) == [SUCCEEDED] * 3
    assert ["results" in a for a in later] == [False, True, True]
    assert result(http, job, "outcome")["value"] == "done"
    assert sum(text.startswith("Succeeded at ") for _, text in messages(http, job)) == 1


def test_an_undocumented_final_state_comes_with_results(http: requests.Session, task: str) -> None:
    job = submit(http, task, "unknown-state")
    shown = answers(http, job, 1) + ended(http, job, 2)
    assert states(shown) == [EXECUTING, UNDOCUMENTED, UNDOCUMENTED] and "outcome" in shown[-1]["results"]
    assert result(http, job, "outcome")["value"] == "done"


def test_a_partial_success_comes_with_a_warning_and_results(http: requests.Session, task: str) -> None:
    job = submit(http, task, "partial")
    shown = answers(http, job, 1) + ended(http, job, 1)
    assert states(shown) == [EXECUTING, PARTIAL] and "outcome" in shown[-1]["results"]
    assert [kind for kind, text in messages(http, job) if text.startswith("WARNING 000000")] == [WARNING]
    assert result(http, job, "outcome")["value"] == "done"


def test_a_result_over_the_transfer_limit_has_no_features(http: requests.Session, task: str) -> None:
    job = submit(http, task, "transfer-limit")
    assert states(answers(http, job, 1) + ended(http, job, 1)) == [EXECUTING, SUCCEEDED]
    value = result(http, job, "features")["value"]
    assert (value["features"], value["exceededTransferLimit"]) == ([], True)
    assert value["geometryType"] == "esriGeometryPolygon" and value["fields"][0]["name"] == "OBJECTID"


def test_an_endless_job_runs_until_cancelled(http: requests.Session, task: str) -> None:
    job = submit(http, task, "endless")
    shown = answers(http, job, ENDLESS_POLLS)
    assert states(shown) == [EXECUTING] * ENDLESS_POLLS and shown[-1]["progress"] == DEFAULT_PROGRESS
    assert http.post(f"{job}/cancel", data={"f": "json"}).json()["jobStatus"] == CANCELLING
    assert states(ended(http, job, 3)) == [CANCELLING, CANCELLED, CANCELLED]
    assert messages(http, job)[-1] == (INFORMATIVE, "Cancelled")


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"scenario": "explode"}, "ERROR 000800: Scenario: The value is not a member of succeed | queued"),
        ({"scenario": "queued", "steps": "21"}, "ERROR 000854: Steps: The value is out of the range from 1 to 20."),
        ({"steps": "2"}, "ERROR 000735: Scenario: Value is required"),
        (
            {"scenario": "succeed", "seconds": "121"},
            "ERROR 000854: Seconds: The value is out of the range from 0 to 120.",
        ),
        (
            {"scenario": "succeed", "progressor": "bar"},
            "ERROR 000800: Progressor: The value is not a member of default | step",
        ),
    ],
)
def test_bad_inputs_fail_the_job(http: requests.Session, task: str, form: dict[str, str], expected: str) -> None:
    answer = http.post(f"{task}/submitJob", data={"f": "json", **form}).json()
    job = f"{task}/jobs/{answer['jobId']}"
    assert states(answers(http, job, 1) + ended(http, job, 1)) == [EXECUTING, FAILED]
    assert any(text.startswith(expected) for kind, text in messages(http, job) if kind == ERROR)


def test_a_status_request_is_answered_while_the_run_goes_on(http: requests.Session, task: str) -> None:
    """As on ArcGIS, nothing holds a status request until the run ends: a two-minute run is followed
    answer by answer, its step progressor and its messages as it sets and logs them, then cancelled,
    which stops the run at once: its second step (30 s in) never starts."""
    job = submit(http, task, "succeed", seconds=str(LONG_RUN_SECONDS), progressor="step", steps="4")
    working = first_answer_with(http, job, "Working: step 1 of 4")
    assert working["jobStatus"] == EXECUTING and "results" not in working
    assert working["progress"] == {"type": "step", "message": "Working: step 1 of 4", "percent": 0}
    assert states(answers(http, job, 3)) == [EXECUTING] * 3
    assert http.post(f"{job}/cancel", data={"f": "json"}).json()["jobStatus"] == CANCELLING
    assert states(ended(http, job, 2)) == [CANCELLING, CANCELLED]
    shown = [text for _, text in messages(http, job)]
    assert "Working: step 1 of 4" in shown and "Working: step 2 of 4" not in shown and shown[-1] == "Cancelled"


def test_a_timed_run_takes_its_seconds_in_steps(http: requests.Session, task: str) -> None:
    job = submit(http, task, "succeed", seconds="0.5", progressor="step", steps="2")
    assert states(answers(http, job, 1) + ended(http, job, 1)) == [EXECUTING, SUCCEEDED]
    shown = [text for _, text in messages(http, job)]
    assert [text for text in shown if text.startswith("Working")] == ["Working: step 1 of 2", "Working: step 2 of 2"]
    assert shown.index("Working: step 2 of 2") < shown.index("Scenario succeed: 1 square(s)")
    elapsed = float(shown[-1].split("(Elapsed Time: ")[1].split()[0])
    assert elapsed >= 0.5  # a lower bound only: a loaded machine takes longer, never shorter


def test_a_timed_run_without_step_progressor_reports_the_default_one(http: requests.Session, task: str) -> None:
    job = submit(http, task, "succeed", seconds=str(LONG_RUN_SECONDS))
    assert [a["progress"] for a in answers(http, job, 3)] == [DEFAULT_PROGRESS] * 3
    assert http.post(f"{job}/cancel", data={"f": "json"}).json()["jobStatus"] == CANCELLING
    assert states(ended(http, job, 2)) == [CANCELLING, CANCELLED]


def test_status_requests_can_be_dropped_for_tests(http: requests.Session, task: str, gp_server: str) -> None:
    job = submit(http, task, "succeed")
    drop_status_requests(gp_server, 2)
    for _ in range(2):
        with pytest.raises(requests.ConnectionError):
            requests.get(job, params={"f": "json"}, timeout=30)  # a new connection each time
    assert status(http, job)["jobId"] == job.rsplit("/", 1)[-1]
