from remote_gp.gp_core.job import is_ended, status_code

#: The documented REST job states, in the order of arcpy's Result.status codes (written out here: the
#: tests do not take the code's own list as the truth).
ARCPY_ORDER = [
    "esriJobNew",
    "esriJobSubmitted",
    "esriJobWaiting",
    "esriJobExecuting",
    "esriJobSucceeded",
    "esriJobFailed",
    "esriJobTimedOut",
    "esriJobCancelling",
    "esriJobCancelled",
    "esriJobDeleting",
    "esriJobDeleted",
]


def test_arcpy_codes_follow_the_rest_states_in_order():
    assert [status_code(s) for s in ARCPY_ORDER] == list(range(11))


def test_only_final_states_end_a_job():
    ended = {s for s in ARCPY_ORDER if is_ended(s)}
    assert ended == {"esriJobSucceeded", "esriJobFailed", "esriJobTimedOut", "esriJobCancelled", "esriJobDeleted"}


def test_states_seen_in_the_wild_end_the_job_and_stop_an_arcpy_loop():
    for state in ("expectedFailure", "esriJobUnheardOf", ""):
        assert is_ended(state) and status_code(state) == 5  # failed: never taken for succeeded (4)


def test_a_partial_success_ends_the_job_as_arcpy_s_succeeded():
    assert is_ended("esriJobPartialSucceeded") and status_code("esriJobPartialSucceeded") == 4
