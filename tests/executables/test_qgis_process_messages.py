"""What qgis_process.bin prints (issue 12, items 4 and 5): a failed job's error once, a partial
success with its warnings and exit status 0, help as plain text, and a stored login that cannot be
read named with the reason."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from gp_server.hooks import drop_status_requests
from gp_server.lifecycle_tool import FAILURE_MESSAGE, PARTIAL_WARNING
from gp_server.security import USERS
from harness import CONNECTION_KEY, PROCESS_TIMEOUT, Profile, Run, algorithm_id, run
from layers import polygons
from remote_gp.bridge import descriptions
from remote_gp.gp_core import Server

SCENARIO = algorithm_id("GP/Lifecycle", "RunScenario")
MASTER_PASSWORD = "remote-gp-master"
AUTHCFG, DELETED = "gplogin", "gone123"
# Made by QGIS itself (Debian's python3 runs the QGIS the executables run) in the profile's auth db.
MAKE_AUTHCFG = f"""
from qgis.core import QgsApplication, QgsAuthMethodConfig
app = QgsApplication([], False)
app.initQgis()
manager = QgsApplication.authManager()
assert manager.setMasterPassword({MASTER_PASSWORD!r}, True)
config = QgsAuthMethodConfig("Basic")
config.setId({AUTHCFG!r})
config.setName("GP login")
(username, password), = {dict(USERS)!r}.items()
config.setConfig("username", username)
config.setConfig("password", password)
assert manager.storeAuthenticationConfig(config)[0]
app.exitQgis()
"""


def test_a_failed_jobs_error_is_said_as_it_comes_and_the_failure_names_the_job(installed):
    """qgis_process prints an algorithm's exception three times and each error a feedback reports
    twice (an `ERROR:` line, and again from QGIS's message log), measured with native:raiseexception.
    The server's error is reported once, as it comes (two lines, as any reported error), and the
    exception, printed three times, only names the failed job: 2 lines instead of 5."""
    marker = "a marker error"
    native = installed.qgis_process("run", "native:raiseexception", f"--MESSAGE={marker}", check=False)
    failed = installed.qgis_process("run", SCENARIO, "--scenario=fail", "--features=TEMPORARY_OUTPUT", check=False)
    assert native.returncode == failed.returncode == 1
    assert native.stderr.count(marker) == 3  # (stdout echoes MESSAGE)
    assert failed.stderr.count(f"ERROR:\t{FAILURE_MESSAGE}") == 1 and failed.stderr.count(FAILURE_MESSAGE) == 2
    assert FAILURE_MESSAGE not in failed.stdout
    ended = re.findall(r"Job j\w+ of task 'RunScenario' ended as Failed: its errors are above\.", failed.stderr)
    assert len(ended) == 3
    assert "Failed at " in failed.stdout  # the job's other messages, as they came


def test_a_partly_succeeded_job_exits_0_with_its_outputs_and_warnings(installed, tmp_path):
    output = tmp_path / "squares.gpkg"
    ran = installed.qgis_process("--json", "run", SCENARIO, "--scenario=partial", f"--features={output}")
    answer = json.loads(ran.stdout)
    assert answer["results"]["outcome"] == "done" and output.is_file()
    warnings = answer["log"]["warning"]
    assert PARTIAL_WARNING in warnings and any("succeeded only in part" in text for text in warnings)


def test_a_status_request_tried_again_is_printed_as_it_happens(installed, gp_server):
    """Status requests dropped (see DROPPED in tests/qgis/test_messages.py) until a poll gives up."""
    drop_status_requests(gp_server, 30)
    ran = installed.qgis_process("run", SCENARIO, "--scenario=succeed", "--features=TEMPORARY_OUTPUT")
    assert "WARNING:\tStatus of job " in ran.output and "; trying again." in ran.output


def test_help_is_plain_text(installed):
    shown = installed.qgis_process("help", SCENARIO).stdout
    description = shown.split("Description\n----------------\n", 1)[1].split("\n----------------\n", 1)[0]
    assert description.strip() == (
        "Shows the states of the chosen scenario, steps long where it repeats something.\n\n"
        "The run takes the chosen seconds; see job states "
        "(https://developers.arcgis.com/rest/services-reference/enterprise/job.htm)."
    )
    assert "scenario: Scenario\n\tThe sequence of states to show.\n" in shown  # the argument's help
    echo = installed.qgis_process("help", algorithm_id("GP/DataTypes", "EchoTypes")).stdout
    assert "Each output <input>_out answers its input" in echo  # plain text with angle brackets, kept


# -- stored logins ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def signed_in(package: Path, gp_server: str, tmp_path_factory: pytest.TempPathFactory) -> Profile:
    """A profile whose connection `login` has the Basic configuration AUTHCFG in the profile's auth db
    (locked by MASTER_PASSWORD), and whose connection `deleted` names one the auth db does not hold;
    both with the descriptions a sign-in sees cached."""
    profile = Profile(tmp_path_factory.mktemp("signed-in-profile"))
    profile.install(package)
    profile.configure(gp_server)
    made = run(
        ["/usr/bin/python3", "-c", MAKE_AUTHCFG],
        profile.env(QGIS_AUTH_DB_DIR_PATH=str(profile.default), QT_QPA_PLATFORM="offscreen"),
        PROCESS_TIMEOUT,
    )
    made.check()
    ((username, password),) = USERS.items()
    seen = descriptions.fetch(Server(gp_server, username=username, password=password), lambda name, error: None)
    ini = profile.default / "QGIS" / "QGIS3.ini"
    lines = []
    for key, authcfg in (("login", AUTHCFG), ("deleted", DELETED)):
        (profile.default / "remote_gp" / "descriptions" / f"{key}.json").write_text(json.dumps(seen.to_json()))
        lines += [
            f"connections\\{key}\\name={key.title()}",
            f"connections\\{key}\\url={gp_server}",
            f"connections\\{key}\\authcfg={authcfg}",
        ]
    ini.write_text(ini.read_text().replace("[remote_gp]\n", "[remote_gp]\n" + "\n".join(lines) + "\n"))
    return profile


@pytest.fixture(scope="module")
def layer(tmp_path_factory) -> str:
    return polygons(tmp_path_factory.mktemp("polygons"))


def secure_run(profile: Profile, connection: str, layer: str, **env: str) -> Run:
    """Summarize of the Secure folder (a token required) on `connection`."""
    summarize = algorithm_id("Secure/SummarizeSync", "Summarize").replace(f":{CONNECTION_KEY}", f":{connection}", 1)
    with_env = dataclasses.replace(profile, extra_env={**profile.extra_env, **env})
    return with_env.qgis_process("run", summarize, f"--Input_Features={layer}", "--Hull=TEMPORARY_OUTPUT", check=False)


def test_without_the_master_password_the_login_is_said_to_be_locked(signed_in, layer):
    ran = secure_run(signed_in, "login", layer)
    assert ran.returncode == 1 and "Token Required" not in ran.output
    assert (
        "The stored login of the connection 'Login' (authentication configuration 'gplogin') could not be read: "
        "QGIS's master password was not given. qgis_process reads it from the first line of the file that the "
        "environment variable QGIS_AUTH_PASSWORD_FILE names." in ran.stderr
    )
    assert MASTER_PASSWORD not in ran.output


def test_with_the_master_password_from_a_file_the_login_signs_in(signed_in, layer, tmp_path):
    secret = tmp_path / "master"
    secret.write_text(MASTER_PASSWORD + "\n")
    ran = secure_run(signed_in, "login", layer, QGIS_AUTH_PASSWORD_FILE=str(secret))
    assert ran.returncode == 0, ran.output
    assert "could not be read" not in ran.output


def test_a_deleted_configuration_is_said_to_be_missing(signed_in, layer):
    ran = secure_run(signed_in, "deleted", layer)
    assert ran.returncode == 1 and "Token Required" not in ran.output
    assert (
        "The stored login of the connection 'Deleted' (authentication configuration 'gone123') could not be read: "
        "QGIS's authentication database has no such configuration." in ran.stderr
    )
