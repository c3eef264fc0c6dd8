"""What Processing users read (issue 12, items 4 and 5): a failed job's error said once, a partial
success placed with its warnings, retries in the Processing log, help the dialog renders well, and
a connection's stored login that cannot be read named with the reason."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from qgis.core import QgsApplication, QgsErrorItem, QgsProcessingException, QgsVectorLayer
from qgis.PyQt.QtWidgets import QTextBrowser

from gp_server.hooks import drop_status_requests
from gp_server.lifecycle_tool import FAILURE_MESSAGE, PARTIAL_WARNING
from qgis_helpers import alg_id, basic_authcfg, wait_for
from remote_gp.bridge import descriptions
from remote_gp.bridge.connections import Connection, ConnectionStore
from remote_gp.bridge.feedback import relayed_to
from remote_gp.bridge.help import plain, sanitised
from remote_gp.bridge.network import QgisTransport
from remote_gp.bridge.source import Source
from remote_gp.gp_core import CredentialsUnreadable, Job, RetryPolicy, Server
from test_browser import connection, expanded, model  # noqa: F401 (model: a fixture)
from test_processing import Recorder, run

SCENARIO = ("GP/Lifecycle", "RunScenario")
#: Status requests dropped: at least one poll's (five tries of gp_core's, each of which Qt 5 sends
#: four times on a closed connection: 20), fewer than five polls' (which would end the wait), for
#: Qt sending a request 2 to 6 times.
DROPPED = 30
ARCGIS_PRO_HTML = (
    '<DIV STYLE="text-align:Left;"><DIV><P><SPAN>Buffers </SPAN><SPAN STYLE="font-weight:bold;">points</SPAN>'
    "<SPAN>.</SPAN></P><UL><LI><P><SPAN>one</SPAN></P></LI><LI><P><SPAN>two</SPAN></P></LI></UL><P><SPAN>See "
    '</SPAN><A href="https://esri.com/help" target="_blank">the help</A><A href="javascript:alert(1)">, not this'
    '</A>.<SCRIPT>alert(2)</SCRIPT><IMG src="https://x/y.png" onerror="alert(3)"/></P></DIV></DIV>'
)


# -- a failed job ------------------------------------------------------------------------------------


def test_a_failed_jobs_error_is_said_once_by_the_exception_a_script_gets(plugin, local):
    feedback = Recorder()
    with pytest.raises(QgsProcessingException) as failed:
        run(alg_id(local, *SCENARIO), {"scenario": "fail", "features": "memory:"}, feedback)
    assert f"ended as Failed: {FAILURE_MESSAGE} Failed to execute (RunScenario)." in str(failed.value)
    told = feedback.infos + feedback.warnings + feedback.errors
    assert not [text for text in told if FAILURE_MESSAGE in text]
    assert any(text.startswith("Failed at ") for text in feedback.infos)  # the other messages as they come


def test_a_timed_out_job_says_why_once_too(plugin, local):
    feedback = Recorder()
    with pytest.raises(QgsProcessingException, match="ended as TimedOut: The job exceeded the maximum time"):
        run(alg_id(local, *SCENARIO), {"scenario": "timeout", "features": "memory:"}, feedback)
    assert not [text for text in feedback.errors if "maximum time" in text]


# -- a partial success -------------------------------------------------------------------------------


def test_a_partly_succeeded_job_places_its_outputs_and_shows_its_warnings(plugin, local, tmp_path):
    feedback = Recorder()
    results = run(
        alg_id(local, *SCENARIO), {"scenario": "partial", "features": str(tmp_path / "squares.gpkg")}, feedback
    )
    assert results["outcome"] == "done" and QgsVectorLayer(results["features"]).featureCount() == 1
    assert PARTIAL_WARNING in feedback.warnings
    assert any("succeeded only in part: its results are kept" in text for text in feedback.warnings)
    assert not feedback.errors


# -- retries -----------------------------------------------------------------------------------------


def test_a_status_answer_that_never_came_is_told_to_the_processing_log(plugin, local, gp_server):
    """The job's first status requests are dropped, each time it is sent: by Qt (which sends a GET
    again on a closed connection), then by gp_core's retries, until the poll gives up and says so;
    the status is read at a later poll."""
    drop_status_requests(gp_server, DROPPED)
    feedback = Recorder()
    results = run(alg_id(local, *SCENARIO), {"scenario": "succeed", "features": "memory:"}, feedback)
    assert results["outcome"] == "done"
    retries = [text for text in feedback.warnings if text.startswith(f"Status of job {results['JOB_ID']} not read (")]
    assert retries and all(text.endswith("; trying again.") for text in retries)


def test_a_status_request_tried_again_is_told_to_the_processing_feedback(plugin, local):
    """The run's warnings channel (`relayed_to`, as processAlgorithm sets it) carries the retry, on
    QGIS's network stack; nothing answers on the discard port."""
    down = Server("http://127.0.0.1:9/arcgis", transport=QgisTransport(), retry=RetryPolicy(attempts=0))
    task = dataclasses.replace(
        Source.read(local).server().task(*SCENARIO), url=f"{down.rest_root}/services/x/GPServer/y"
    )
    feedback = Recorder()
    with relayed_to(feedback):
        assert Job(down, task, "j1").poll() == (False, [])
    assert len(feedback.warnings) == 1
    assert feedback.warnings[0].startswith("Status of job j1 not read (Could not reach http://127.0.0.1:9")
    assert feedback.warnings[0].endswith("; trying again.")


# -- help --------------------------------------------------------------------------------------------


def test_html_descriptions_are_sanitised_for_the_dialog_and_plain_for_a_console():
    assert sanitised(ARCGIS_PRO_HTML) == (
        "<div><div><p><span>Buffers </span><span>points</span><span>.</span></p><ul><li><p><span>one</span></p>"
        "</li><li><p><span>two</span></p></li></ul><p><span>See </span>"
        '<a href="https://esri.com/help">the help</a><a>, not this</a>.</p></div></div>'
    )
    assert (
        plain(ARCGIS_PRO_HTML) == "Buffers points.\n\n- one\n- two\n\nSee the help (https://esri.com/help), not this."
    )


def test_text_with_angle_brackets_is_plain_text():
    text = "Each output <input>_out answers its input; a < b & c"
    assert plain(text) == text
    assert sanitised(text) == "Each output &lt;input&gt;_out answers its input; a &lt; b &amp; c"


def test_the_dialogs_help_panel_renders_the_help(plugin, local, model, qgis_iface, monkeypatch):  # noqa: F811
    from processing.gui.AlgorithmDialog import AlgorithmDialog

    monkeypatch.setattr(qgis_iface, "browserModel", lambda: model, raising=False)  # the dialog asks QGIS's
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(alg_id(local, *SCENARIO))
    dialog = AlgorithmDialog(algorithm)
    try:
        panel = dialog.findChild(QTextBrowser, "textShortHelp")
        shown = panel.toPlainText()
        assert "Shows the states of the chosen scenario, steps long where it repeats something." in shown
        assert "The run takes the chosen seconds; see job states." in shown
        assert "Scenario\nThe sequence of states to show." in shown
        assert "<" not in shown and "text-align" not in panel.toHtml()
        assert 'href="https://developers.arcgis.com/rest/services-reference/enterprise/job.htm"' in panel.toHtml()
    finally:
        dialog.close()
    scenario = algorithm.parameterDefinition("scenario")
    assert scenario.help() == "<div><p><span>The sequence of states to show.</span></p></div>"


# -- stored logins that cannot be read ---------------------------------------------------------------


@pytest.fixture
def deleted_authcfg(plugin) -> str:
    """The id of an authentication configuration that was deleted."""
    authcfg = basic_authcfg()
    assert QgsApplication.authManager().removeAuthenticationConfig(authcfg)
    return authcfg


@pytest.fixture
def deleted_login(plugin, local, deleted_authcfg) -> Iterator[Connection]:
    """A connection whose authentication configuration was deleted, with the reference server's
    algorithms (as its last refresh left them)."""
    added = plugin.provider.store.add("Deleted login", local.url, deleted_authcfg)
    descriptions.save(added.key, descriptions.load(local.key))
    plugin.provider.refreshAlgorithms()
    yield added
    ConnectionStore().remove(added.key)
    descriptions.keep_only({c.key for c in ConnectionStore().all()})
    plugin.provider.refreshAlgorithms()


def unreadable(name: str, authcfg: str, reason: str) -> str:
    return (
        f"The stored login of the connection '{name}' (authentication configuration '{authcfg}') could not be "
        f"read: {reason}"
    )


MISSING = "QGIS's authentication database has no such configuration."


def test_a_run_on_a_deleted_login_fails_before_anything_is_sent(deleted_login):
    feedback = Recorder()
    with pytest.raises(QgsProcessingException) as refused:
        run(alg_id(deleted_login, *SCENARIO), {"scenario": "succeed", "features": "memory:"}, feedback)
    assert str(refused.value) == unreadable(deleted_login.name, deleted_login.authcfg, MISSING)
    assert not feedback.infos  # stopped before the inputs were read: no job was submitted


def test_a_refresh_of_a_deleted_login_says_why_and_keeps_the_cache(plugin, deleted_login):
    logged: list[str] = []
    record = lambda message, tag, level: logged.append(message)  # noqa: E731
    QgsApplication.messageLog().messageReceived.connect(record)
    try:
        wait_for(plugin.provider.refresh([deleted_login]))
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(record)
    assert (
        "Deleted login could not be refreshed; its cached algorithms stay: "
        + unreadable(deleted_login.name, deleted_login.authcfg, MISSING)
        in logged
    )


def test_the_browser_shows_a_deleted_login_as_an_error_item(model, local, deleted_authcfg):  # noqa: F811
    with connection(model, local.url, "Browser deleted login", deleted_authcfg) as item:
        [error] = expanded(model, item)
        assert isinstance(error, QgsErrorItem)
        assert error.name() == unreadable("Browser deleted login", deleted_authcfg, MISSING)


def test_a_locked_authentication_database_is_named_as_the_reason(plugin, local):
    """In QGIS without the master password (the desktop's prompt cancelled; a script that sets none)."""
    authcfg, manager = basic_authcfg(), QgsApplication.authManager()
    manager.clearMasterPassword()
    try:
        source = Source.read(Connection("locked", "Locked", local.url, authcfg))
        with pytest.raises(CredentialsUnreadable) as refused:
            source.server().task(*SCENARIO)
        assert str(refused.value) == unreadable("Locked", authcfg, "QGIS's master password was not given.")
    finally:
        assert manager.setMasterPassword("remote-gp-tests", True)
        manager.removeAuthenticationConfig(authcfg)
