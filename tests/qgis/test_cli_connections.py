"""GP connections without the GUI: the algorithms remotegp:addconnection and
remotegp:refreshconnections in real QGIS against the reference server, and the hint an empty provider
logs. The whole command-line flow in qgis_process is tested in tests/executables/test_cli_fresh_profile.py."""

from __future__ import annotations

import pytest
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsPointXY,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsRasterLayer,
)
from qgis.PyQt.QtCore import QSettings

from qgis_helpers import basic_authcfg, demo_data, wait_for
from remote_gp.bridge import descriptions

ADD, REFRESH = "remotegp:addconnection", "remotegp:refreshconnections"


def run(algorithm: str, parameters: dict, feedback: QgsProcessingFeedback | None = None) -> dict:
    import processing

    return processing.run(algorithm, parameters, feedback=feedback)


def ids_of(key: str) -> set[str]:
    """The ids of a connection's algorithms."""
    algorithms = QgsApplication.processingRegistry().providerById("remotegp").algorithms()
    return {a.id() for a in algorithms if a.name().startswith(key) and a.groupId() != "connectiontools"}


def forget(plugin, key: str) -> None:
    plugin.provider.store.remove(key)
    descriptions.keep_only({c.key for c in plugin.provider.store.all()})
    plugin.provider.refreshAlgorithms()


def assert_slope(path: str) -> None:
    slope = QgsRasterLayer(path, "slope")
    x, y = demo_data.cell_centre(25, 30)
    value, ok = slope.dataProvider().sample(QgsPointXY(x, y), 1)
    assert ok and value == pytest.approx(demo_data.expected_slope(25, 30), abs=1e-3)


class Recorder(QgsProcessingFeedback):
    """A real feedback that keeps its warnings and errors apart (qgis_process prints them so)."""

    def __init__(self, cancel_on_warning: bool = False):
        super().__init__()
        self.warnings: list[str] = []
        self.errors: list[str] = []
        self._cancel_on_warning = cancel_on_warning

    def pushWarning(self, warning):  # noqa: N802
        self.warnings.append(warning)
        super().pushWarning(warning)
        if self._cancel_on_warning:
            self.cancel()

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.errors.append(error)
        super().reportError(error, fatalError)


def test_a_connection_added_and_refreshed_by_algorithms_runs_its_tasks_at_once(plugin, local, data, tmp_path):
    local_cache = descriptions.cache_folder() / f"{local.key}.json"
    local_before = local_cache.stat().st_mtime_ns
    key = run(ADD, {"NAME": "CLI GP", "URL": f" {local.url} "})["KEY"]
    try:
        connection = plugin.provider.store.get(key)
        assert (connection.name, connection.url, connection.authcfg) == ("CLI GP", local.url, "")
        assert not ids_of(key)
        feedback = Recorder()
        result = run(REFRESH, {"CONNECTIONS": "cli gp"}, feedback)  # names are matched whatever their case
        assert result == {"REFRESHED": 1, "FAILED": 0, "SERVICES": 7, "TASKS": 9}
        assert "CLI GP: 7 GP service(s), 9 task(s)." in feedback.textLog()
        assert [w for w in feedback.warnings if w.startswith("CLI GP: Secure left out: ")] and not feedback.errors
        assert len(ids_of(key)) == 9 and (descriptions.cache_folder() / f"{key}.json").is_file()
        again = Recorder()
        run(REFRESH, {"CONNECTIONS": "CLI GP"}, again)  # the folder still needs a sign-in: said, not warned of
        assert not again.warnings and "CLI GP: Secure left out: " in again.textLog()
        assert local_cache.stat().st_mtime_ns == local_before  # only the connection named was refreshed
        slope = run(
            f"remotegp:{key}slopebyvalrunslope",
            {"Input_DEM": str(data / "dem.tif"), "Output_Slope": str(tmp_path / "slope.tif")},
        )
        assert_slope(slope["Output_Slope"])
    finally:
        forget(plugin, key)


def test_the_refresh_runs_on_a_worker_thread_as_the_algorithm_dialog_runs_it(plugin, local):
    added = plugin.provider.store.add("CLI worker", local.url)
    try:
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(REFRESH)
        context, feedback, outcome = QgsProcessingContext(), QgsProcessingFeedback(), {}
        task = QgsProcessingAlgRunnerTask(algorithm, {"CONNECTIONS": "CLI worker"}, context, feedback)
        task.executed.connect(lambda ok, results: outcome.update(ok=ok, results=results))
        QgsApplication.taskManager().addTask(task)
        wait_for(task)
        assert outcome == {"ok": True, "results": {"REFRESHED": 1, "FAILED": 0, "SERVICES": 7, "TASKS": 9}}
        assert len(ids_of(added.key)) == 9
    finally:
        forget(plugin, added.key)


def test_adding_an_existing_name_updates_it_with_an_authcfg_whose_secrets_stay_apart(plugin, local):
    key = run(ADD, {"NAME": "CLI signed in", "URL": "https://gis.example.org/arcgis"})["KEY"]
    try:
        authcfg = basic_authcfg()
        assert run(ADD, {"NAME": "CLI Signed In", "URL": local.url, "AUTHCFG": authcfg})["KEY"] == key
        connection = plugin.provider.store.get(key)
        assert (connection.name, connection.url, connection.authcfg) == ("CLI Signed In", local.url, authcfg)
        assert [c.key for c in plugin.provider.store.all() if c.name.lower() == "cli signed in"] == [key]
        assert run(REFRESH, {"CONNECTIONS": "CLI Signed In"}) == {
            "REFRESHED": 1,
            "FAILED": 0,
            "SERVICES": 10,
            "TASKS": 12,
        }
        assert f"remotegp:{key}securesummarizesyncsummarize" in ids_of(key)
        settings = QSettings()
        stored = "\n".join(f"{k}={settings.value(k)}" for k in settings.allKeys())
        assert "gp-password-1" not in stored and "gpuser" not in stored
    finally:
        forget(plugin, key)


def test_a_server_that_cannot_be_reached_is_counted_keeps_its_algorithms_and_alone_fails_the_run(plugin, local):
    down = plugin.provider.store.add("CLI down", "http://127.0.0.1:9/arcgis")
    try:
        descriptions.save(down.key, descriptions.load(local.key))  # cached while it was up
        plugin.provider.refreshAlgorithms()
        cache = descriptions.cache_folder() / f"{down.key}.json"
        cached, cached_ids = cache.read_text(), ids_of(down.key)
        feedback = Recorder()
        result = run(REFRESH, {"CONNECTIONS": f"CLI down,{local.name}"}, feedback)
        assert result == {"REFRESHED": 1, "FAILED": 1, "SERVICES": 7, "TASKS": 9}
        assert [
            w
            for w in feedback.warnings
            if w.startswith(
                "CLI down could not be refreshed; its cached algorithms stay: Could not reach http://127.0.0.1:9"
            )
        ]
        assert feedback.errors == ["Connection(s) not refreshed: CLI down."]
        assert cache.read_text() == cached and ids_of(down.key) == cached_ids
        with pytest.raises(QgsProcessingException, match="No GP connection could be refreshed: CLI down."):
            run(REFRESH, {"CONNECTIONS": "CLI down"})  # nothing refreshed: the run fails (qgis_process exits 1)
        assert cache.read_text() == cached and ids_of(down.key) == cached_ids
    finally:
        forget(plugin, down.key)


def test_a_new_connection_that_cannot_be_reached_is_not_said_to_keep_algorithms_it_never_had(plugin):
    down = plugin.provider.store.add("CLI new and down", "http://127.0.0.1:9/arcgis")
    try:
        feedback = Recorder()
        with pytest.raises(QgsProcessingException, match="No GP connection could be refreshed: CLI new and down."):
            run(REFRESH, {"CONNECTIONS": "CLI new and down"}, feedback)
        (warning,) = feedback.warnings
        assert warning.startswith(
            "CLI new and down could not be refreshed; it has no algorithms until a refresh goes through: "
            "Could not reach http://127.0.0.1:9"
        )
        assert not ids_of(down.key)
    finally:
        forget(plugin, down.key)


def test_a_refresh_cancelled_half_way_stores_nothing(plugin, local):
    added = plugin.provider.store.add("CLI cancelled", local.url)
    try:
        feedback = Recorder(cancel_on_warning=True)  # the first warning comes after the catalog, before the services
        result = run(REFRESH, {"CONNECTIONS": "CLI cancelled"}, feedback)
        assert feedback.warnings and feedback.isCanceled()
        assert result == {"REFRESHED": 0, "FAILED": 0, "SERVICES": 0, "TASKS": 0}
        assert descriptions.load(added.key) is None and not ids_of(added.key)
    finally:
        forget(plugin, added.key)


@pytest.mark.parametrize(
    "algorithm, parameters, message",
    [
        (REFRESH, {"CONNECTIONS": "Local GP, Nowhere"}, "No GP connection is named 'Nowhere'. The connections are: "),
        (ADD, {"NAME": " ", "URL": "https://gis.example.org/arcgis"}, "Give the connection a name."),
        (
            ADD,
            {"NAME": "Bad", "URL": "gis.example.org"},
            "'gis.example.org' is not an http(s) address of an ArcGIS server.",
        ),
        (
            ADD,
            {"NAME": "Bad", "URL": "https://gis.example.org/arcgis", "AUTHCFG": "zzzz999"},
            "QGIS's authentication database has no configuration with the id 'zzzz999'.",
        ),
    ],
)
def test_bad_parameters_are_refused_before_anything_runs(plugin, local, algorithm, parameters, message):
    names = [c.name for c in plugin.provider.store.all()]
    with pytest.raises(QgsProcessingException) as refused:
        run(algorithm, parameters)
    assert message in str(refused.value)
    assert [c.name for c in plugin.provider.store.all()] == names


def test_a_load_says_once_how_to_fill_a_connection_without_descriptions(plugin, local):
    empty = plugin.provider.store.add("CLI never refreshed", "https://gis.example.org/arcgis")
    logged = []

    def record(message: str, tag: str, level: Qgis.MessageLevel) -> None:
        if tag == "Remote GP":
            logged.append((message, level))

    QgsApplication.messageLog().messageReceived.connect(record)
    try:
        provider = type(plugin.provider)(plugin.provider.store)  # a second one, never registered
        provider.load()
        [(hint, level)] = logged
        assert hint.startswith("Remote GP has no task descriptions yet for the connection(s) ")
        assert "'CLI never refreshed'" in hint and f"'{local.name}'" not in hint
        assert "Refresh GP Connections" in hint and "qgis_process run remotegp:refreshconnections" in hint
        assert level == Qgis.Info  # in QGIS; qgis_process shows it as Critical, the only level it prints
        assert {ADD, REFRESH} <= {a.id() for a in provider.algorithms()}
        logged.clear()
        provider.refreshAlgorithms()
        assert logged == []
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(record)
        plugin.provider.store.remove(empty.key)
