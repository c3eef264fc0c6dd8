from remote_gp.gp_core.job import STATUSES, is_ended, status_code


def test_arcpy_codes_follow_the_rest_states_in_order():
    assert [status_code(s) for s in STATUSES] == list(range(11))
    assert status_code("esriJobSucceeded") == 4


def test_only_final_states_end_a_job():
    ended = {s for s in STATUSES if is_ended(s)}
    assert ended == {"esriJobSucceeded", "esriJobFailed", "esriJobTimedOut", "esriJobCancelled", "esriJobDeleted"}


def test_states_seen_in_the_wild_end_the_job_and_stop_an_arcpy_loop():
    for state in ("expectedFailure", "esriJobPartialSucceeded", ""):
        assert is_ended(state) and status_code(state) >= 4
