"""The job monitor in real QGIS: jobs recorded from Processing and the console, persisted, shown in
the dock, cancelled, their results loaded, and followed again after a restart."""

from __future__ import annotations

import gc
import json
import re
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

import pytest
import qgis.utils
import requests
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, Qt, QThread

from qgis_helpers import alg_id, basic_authcfg, connect, demo_data, plugin_modules_kept, wait_for
from remote_gp.bridge.connections import ConnectionStore
from remote_gp.bridge.jobresume import cached_task, resume
from remote_gp.bridge.jobstore import (
    CAP,
    CONSOLE,
    NO_CONNECTION,
    NO_JOB,
    NO_TASK,
    PROCESSING,
    CancelRequest,
    JobRecord,
    JobStore,
    default_path,
    jobs,
)
from remote_gp.bridge.jobtask import follow
from remote_gp.bridge.source import Source
from remote_gp.gp_core import Job, JobStatus, submit
from remote_gp.ui.job_monitor import (
    CONNECTION,
    ELAPSED,
    PROGRESS,
    STARTED,
    STATUS,
    TASK,
    JobMonitor,
    register,
    unregister,
)


@pytest.fixture
def server(local):
    return Source.read(local).server()


@pytest.fixture
def dock(plugin):
    monitor = JobMonitor(jobs(), ConnectionStore())
    yield monitor
    monitor.detach()
    monitor.deleteLater()


def wait_until(condition: Callable[[], object], seconds: float = 60) -> None:
    """Process Qt events until `condition()` holds."""
    deadline = time.monotonic() + seconds
    while not condition():
        QCoreApplication.processEvents()
        assert time.monotonic() < deadline, "the condition never held"
    QCoreApplication.processEvents()


def lifecycle(server):
    return server.task("GP/Lifecycle", "RunScenario")


def server_status(job_url: str) -> str:
    return requests.get(job_url, params={"f": "json"}).json()["jobStatus"]


def saved(path: Path) -> dict[str, dict]:
    return {record["job_id"]: record for record in json.loads(path.read_text(encoding="utf-8"))["jobs"]}


def row_of(monitor: JobMonitor, job_id: str) -> int:
    rows = [row for row in range(monitor.table.rowCount()) if monitor.table.item(row, TASK).data(Qt.UserRole) == job_id]
    assert len(rows) == 1
    return rows[0]


def row_texts(monitor: JobMonitor, job_id: str) -> dict[int, str]:
    row = row_of(monitor, job_id)
    return {column: monitor.table.item(row, column).text() for column in (TASK, CONNECTION, STATUS, ELAPSED, STARTED)}


def shown_messages(monitor: JobMonitor) -> list[tuple[str, int]]:
    """(text, severity) of the lines under the table."""
    return [
        (monitor.messages.item(i).text(), monitor.messages.item(i).data(Qt.UserRole))
        for i in range(monitor.messages.count())
    ]


def added_layers(before: set[str]) -> list:
    return [layer for key, layer in QgsProject.instance().mapLayers().items() if key not in before]


def load_from(monitor: JobMonitor, job_id: str) -> list:
    """Load Results of a job, as the user does it; the layers it added to the project."""
    before = set(QgsProject.instance().mapLayers())
    monitor.select(job_id)
    notes = len(shown_messages(monitor))
    assert monitor.load_action.isEnabled()
    monitor.load_action.trigger()
    wait_until(lambda: monitor.load_action.isEnabled() and len(shown_messages(monitor)) > notes)
    return added_layers(before)


def test_a_processing_run_is_recorded_with_its_messages_and_saved(plugin, local):
    import processing

    result = processing.run(
        alg_id(local, "GP/Lifecycle", "RunScenario"), {"scenario": "progress", "steps": 3, "features": "memory:"}
    )
    record = jobs().get(result["JOB_ID"])
    assert (record.connection, record.service, record.task, record.origin) == (
        local.key,
        "GP/Lifecycle",
        "RunScenario",
        PROCESSING,
    )
    assert record.task_url.endswith("/GP/Lifecycle/GPServer/RunScenario")
    assert record.status == JobStatus.SUCCEEDED and record.started <= record.ended and record.percent == 100
    descriptions = [message.description for message in record.messages]
    assert [d for d in descriptions if d.startswith("Step")] == [f"Step {i} of 4" for i in range(1, 5)]
    assert any(d.startswith("Succeeded at") for d in descriptions)
    on_disk = saved(default_path())[record.job_id]
    assert on_disk["status"] == JobStatus.SUCCEEDED and on_disk["ended"] == record.ended
    assert [m["description"] for m in on_disk["messages"]] == descriptions


def test_a_job_followed_from_the_console_is_recorded(plugin, local, server):
    job = submit(server, lifecycle(server), {"scenario": "fail"})
    wait_for(follow(job))
    record = jobs().get(job.id)
    assert (record.connection, record.origin, record.status) == (local.key, CONSOLE, "esriJobFailed")
    assert any("ERROR 999999" in m.description and m.severity == 2 for m in record.messages)
    assert record.ended is not None and not jobs().is_followed(job.id)
    assert saved(default_path())[job.id]["status"] == "esriJobFailed"


def test_the_warnings_of_a_followed_job_reach_its_listeners(plugin, server):
    following, heard, ended = follow(submit(server, lifecycle(server), {"scenario": "unknown-state"})), [], []
    following.messageReceived.connect(lambda text, severity: heard.append((text, severity)))
    following.taskTerminated.connect(lambda: ended.append(True))  # queued after every other signal
    wait_until(lambda: ended)
    assert any(
        "'expectedFailure', which is not one of the documented ones" in text and severity == 1
        for text, severity in heard
    )


def test_the_dock_lists_jobs_newest_first_with_the_selected_jobs_messages(plugin, local, server, qgis_iface):
    import processing

    handle = register(plugin.provider.store, qgis_iface)
    try:
        assert not handle.dock.isVisible() and handle.action.isCheckable()
        monitor = handle.dock
        first = processing.run(
            alg_id(local, "GP/Lifecycle", "RunScenario"), {"scenario": "progress", "steps": 1, "features": "memory:"}
        )["JOB_ID"]
        failed = submit(server, lifecycle(server), {"scenario": "fail"})
        wait_for(follow(failed))
        assert row_of(monitor, failed.id) < row_of(monitor, first)
        texts = row_texts(monitor, first)
        assert texts[TASK] == "RunScenario" and texts[CONNECTION] == "Local GP" and texts[STATUS] == "Succeeded"
        assert re.fullmatch(r"\d+:\d\d", texts[ELAPSED])
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", texts[STARTED])
        assert monitor.table.cellWidget(row_of(monitor, first), PROGRESS).value() == 100
        assert row_texts(monitor, failed.id)[STATUS] == "Failed"

        monitor.select(first)
        assert ("Step 2 of 2", 0) in shown_messages(monitor)
        assert monitor.load_action.isEnabled() and monitor.remove_action.isEnabled()
        assert not monitor.cancel_action.isEnabled()
        monitor.select(failed.id)
        error = next(i for i in range(monitor.messages.count()) if "ERROR 999999" in monitor.messages.item(i).text())
        item = monitor.messages.item(error)
        assert item.data(Qt.UserRole) == 2 and not item.icon().isNull() and item.foreground().color().red() > 150
        assert not monitor.load_action.isEnabled()

        monitor.remove_action.trigger()
        assert jobs().get(failed.id) is None and failed.id not in {
            monitor.table.item(row, TASK).data(Qt.UserRole) for row in range(monitor.table.rowCount())
        }
        assert failed.id not in saved(default_path())
    finally:
        unregister(handle)


def test_cancel_in_the_dock_cancels_a_console_job_on_the_server(plugin, server, dock):
    job = submit(server, lifecycle(server), {"scenario": "endless"})
    task = follow(job)
    wait_until(lambda: jobs().get(job.id).status == "esriJobExecuting")
    wait_until(lambda: row_texts(dock, job.id)[STATUS] == "Executing")  # the dock hears of it through Qt's queue
    dock.select(job.id)
    assert dock.cancel_action.isEnabled() and not dock.remove_action.isEnabled()
    dock.cancel_action.trigger()
    wait_for(task)
    assert server_status(job.url) == "esriJobCancelled"
    assert jobs().get(job.id).status == "esriJobCancelled"
    assert dock.remove_action.isEnabled() and not dock.cancel_action.isEnabled()


def test_cancel_in_the_dock_cancels_a_processing_run_and_signals_reach_the_main_thread(plugin, local, dock):
    main, threads, added = QCoreApplication.instance().thread(), [], []

    def changed(job_id: str) -> None:
        threads.append(QThread.currentThread() == main)

    jobs().added.connect(added.append)
    jobs().changed.connect(changed)
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(alg_id(local, "GP/Lifecycle", "RunScenario"))
    context, feedback, outcome = QgsProcessingContext(), QgsProcessingFeedback(), {}
    run = QgsProcessingAlgRunnerTask(algorithm, {"scenario": "endless", "features": "memory:"}, context, feedback)
    run.executed.connect(lambda ok, results: outcome.update(ok=ok, results=results))
    QgsApplication.taskManager().addTask(run)
    wait_until(lambda: added and jobs().get(added[0]).status == "esriJobExecuting")
    job_id = added[0]
    dock.select(job_id)
    assert dock.cancel_action.isEnabled()
    dock.cancel_action.trigger()
    wait_for(run)
    assert outcome["results"]["JOB_ID"] == job_id
    record = jobs().get(job_id)
    assert record.origin == PROCESSING and record.status == "esriJobCancelled"
    assert server_status(f"{record.task_url}/jobs/{job_id}") == "esriJobCancelled"
    assert threads and all(threads)
    jobs().added.disconnect(added.append)
    jobs().changed.disconnect(changed)


def test_load_results_adds_the_buffers_and_the_slope_raster(plugin, server, data, dock):
    buffers = submit(
        server,
        server.task("GP/BufferByVal", "BufferPoints"),
        {"Input_Features": str(data / "towers.shp"), "Distance": "5 feet"},
    )
    slope = submit(server, server.task("SlopeByVal", "RunSlope"), {"Input_DEM": str(data / "dem.tif")})
    wait_for(follow(buffers))
    wait_for(follow(slope))

    (polygons,) = load_from(dock, buffers.id)
    assert isinstance(polygons, QgsVectorLayer) and polygons.name() == "BufferPoints: Output Polygons"
    assert polygons.featureCount() == 10 and polygons.crs().authid() == "EPSG:26915"
    assert polygons.geometryType() == 2  # polygons
    (raster,) = load_from(dock, slope.id)
    assert isinstance(raster, QgsRasterLayer) and raster.isValid() and raster.crs().authid() == "EPSG:26915"
    assert raster.width() == demo_data.COLUMNS
    QgsProject.instance().removeMapLayers([polygons.id(), raster.id()])


def test_an_ogc_run_is_recorded_and_its_results_load_from_the_monitor(plugin, ogc, dock):
    import processing

    result = processing.run(alg_id(ogc, "processes", "slow"), {"seconds": 0.2, "steps": 2})
    record = jobs().get(result["JOB_ID"])
    assert (record.connection, record.service, record.task, record.origin) == (ogc.key, "processes", "slow", PROCESSING)
    assert record.status == JobStatus.SUCCEEDED and record.ended is not None
    assert row_texts(dock, record.job_id)[STATUS] == "Succeeded"

    towers = QgsVectorLayer("Point?crs=EPSG:26915&field=Name:string", "towers", "memory")
    feature = QgsFeature(towers.fields())
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*demo_data.CENTRE)))
    feature.setAttributes(["centre"])
    towers.dataProvider().addFeatures([feature])
    buffered = processing.run(alg_id(ogc, "processes", "buffer"), {"features": towers, "distance": 0.001})
    (layer,) = load_from(dock, buffered["JOB_ID"])
    assert isinstance(layer, QgsVectorLayer) and layer.featureCount() == 1 and layer.crs().authid() == "EPSG:4326"
    assert layer.name() == "buffer: Buffered features"
    QgsProject.instance().removeMapLayers([layer.id()])


def test_an_ogc_job_running_when_qgis_quit_is_followed_again(plugin, ogc, tmp_path):
    from remote_gp.gp_core.ogc_task import TaskJob, execute_ogc

    source = Source.read(ogc)
    task = cached_task(JobRecord("", ogc.key, "processes", "slow", "", CONSOLE, 0))
    path = tmp_path / "jobs.json"
    before = JobStore(path)
    job = TaskJob(execute_ogc(source.ogc_server(), task, {"seconds": 1, "steps": 2}), task)
    with before.following(job, ogc.key, CONSOLE, CancelRequest()):
        before.update(job)
    job_id = job.id
    del before, job
    gc.collect()

    after = JobStore(path)
    (following,) = [task for task in resume(after, ConnectionStore()) if task.job.id == job_id]
    wait_for(following)
    assert after.get(job_id).status == JobStatus.SUCCEEDED
    assert after.get(job_id).job_url == f"{ogc.url}/jobs/{job_id}"  # where the server said it is


def test_results_the_server_no_longer_keeps_are_reported(plugin, local, server, tmp_path):
    task = lifecycle(server)
    purged = JobRecord(
        "jpurged0000",
        local.key,
        "GP/Lifecycle",
        "RunScenario",
        task.url,
        CONSOLE,
        time.time() - 60,
        time.time() - 30,
        JobStatus.SUCCEEDED,
    )
    path = tmp_path / "jobs.json"
    path.write_text(json.dumps({"format": 1, "jobs": [purged.to_json()]}), encoding="utf-8")
    monitor = JobMonitor(JobStore(path), ConnectionStore())
    try:
        assert load_from(monitor, purged.job_id) == []
        assert any(
            "no longer keeps job jpurged0000" in text and severity == 2 for text, severity in shown_messages(monitor)
        )
    finally:
        monitor.detach()


def test_after_a_restart_running_jobs_are_followed_again_until_they_end(plugin, local, server, tmp_path):
    path, task = tmp_path / "jobs.json", lifecycle(server)
    before = JobStore(path)
    done = submit(server, task, {"scenario": "succeed"})
    wait_for(follow(done, store=before))
    queued = submit(server, task, {"scenario": "queued", "steps": 3})
    endless = submit(server, task, {"scenario": "endless"})
    for job in (queued, endless):  # followed for a while by a QGIS that then quit
        with before.following(job, local.key, CONSOLE, CancelRequest()):
            job.refresh()
            before.update(job)
    before.track(Job(server, task, "jgoneconnection", "esriJobExecuting"), "gonegp", CONSOLE, CancelRequest())
    before.track(
        Job(server, replace(task, name="Gone"), "jgonetask", "esriJobExecuting"), local.key, CONSOLE, CancelRequest()
    )
    assert before.get(endless.id).status == "esriJobExecuting" and before.get(queued.id).status == "esriJobSubmitted"
    done_id, queued_id, endless_id = done.id, queued.id, endless.id
    del before, done, queued, endless, job
    gc.collect()

    after = JobStore(path)
    following = {task.job.id: task for task in resume(after, ConnectionStore())}
    assert set(following) == {queued_id, endless_id}
    records = {record.job_id: record for record in after.records()}
    assert set(records) == {done_id, queued_id, endless_id, "jgoneconnection", "jgonetask"}
    assert (records["jgoneconnection"].missing, records["jgonetask"].missing) == (NO_CONNECTION, NO_TASK)
    monitor = JobMonitor(after, ConnectionStore())
    try:
        assert row_texts(monitor, "jgoneconnection")[CONNECTION].endswith("(connection removed)")
        monitor.select(endless_id)
        monitor.cancel_action.trigger()
        wait_for(following[endless_id])
        assert after.get(endless_id).status == "esriJobCancelled" and after.get(endless_id).ended is not None
        assert server_status(following[endless_id].job.url) == "esriJobCancelled"
        wait_for(following[queued_id])
        finished = after.get(queued_id)
        assert finished.status == JobStatus.SUCCEEDED
        assert any(m.description.startswith("Succeeded at") for m in finished.messages)
        assert saved(path)[queued_id]["status"] == JobStatus.SUCCEEDED

        (squares,) = load_from(monitor, queued_id)
        assert squares.featureCount() == 1 and squares.crs().authid() == "EPSG:26915"
        assert ("RunScenario: Outcome: done", 0) in shown_messages(monitor)
        (earlier,) = load_from(monitor, done_id)  # ended before the restart
        assert earlier.featureCount() == 1
        QgsProject.instance().removeMapLayers([squares.id(), earlier.id()])
    finally:
        monitor.detach()


def test_a_job_the_server_no_longer_knows_is_marked_lost_once_and_shown_so(plugin, local, server, tmp_path):
    path = tmp_path / "jobs.json"
    before = JobStore(path)  # a QGIS that quit while following a job the server has since purged
    before.track(Job(server, lifecycle(server), "jforgotten", "esriJobExecuting"), local.key, CONSOLE, CancelRequest())
    del before
    gc.collect()

    after = JobStore(path)
    (following,) = resume(after, ConnectionStore())
    wait_for(following)
    lost = after.get("jforgotten")
    assert lost.missing == NO_JOB and lost.is_ended and lost.ended is not None
    assert lost.status == "esriJobExecuting"  # the last state the server gave
    assert lost.error.startswith("The server no longer knows job jforgotten of task 'RunScenario'")
    assert saved(path)["jforgotten"]["missing"] == NO_JOB
    assert resume(JobStore(path), ConnectionStore()) == []  # the next start asks the server nothing

    monitor = JobMonitor(JobStore(path), ConnectionStore())
    try:
        assert row_texts(monitor, "jforgotten")[STATUS] == "Lost"
        monitor.select("jforgotten")
        assert (lost.error, 2) in shown_messages(monitor)
        assert not monitor.cancel_action.isEnabled() and not monitor.load_action.isEnabled()
        assert monitor.remove_action.isEnabled()
    finally:
        monitor.detach()


def test_a_partly_succeeded_job_is_full_in_the_dock_and_its_results_load(plugin, server, dock):
    job = submit(server, lifecycle(server), {"scenario": "partial"})
    wait_for(follow(job))
    assert jobs().get(job.id).status == "esriJobPartialSucceeded"
    assert row_texts(dock, job.id)[STATUS] == "Partly succeeded"
    assert dock.table.cellWidget(row_of(dock, job.id), PROGRESS).value() == 100
    (squares,) = load_from(dock, job.id)
    assert squares.featureCount() == 1
    QgsProject.instance().removeMapLayer(squares.id())


def test_the_oldest_ended_records_go_beyond_the_cap(plugin, server, tmp_path):
    task = lifecycle(server)
    old = [
        JobRecord(
            f"j{n:04d}",
            "",
            "GP/Lifecycle",
            "RunScenario",
            task.url,
            CONSOLE,
            1000.0 + n,
            1001.0 + n,
            JobStatus.SUCCEEDED,
        )
        for n in range(CAP)
    ]
    old[0].status, old[0].ended = "esriJobExecuting", None  # never dropped: it is followed after a restart
    path = tmp_path / "jobs.json"
    path.write_text(json.dumps({"format": 1, "jobs": [record.to_json() for record in old]}), encoding="utf-8")
    store = JobStore(path)
    store.track(Job(server, task, "jnew", JobStatus.SUCCEEDED), "", CONSOLE, CancelRequest())
    kept = saved(path)
    assert len(kept) == CAP and "jnew" in kept and "j0000" in kept and "j0001" not in kept


def test_job_records_never_hold_a_token(plugin, gp_server, data):
    import processing

    connection = connect(plugin, "Signed GP", gp_server, basic_authcfg())
    try:
        result = processing.run(
            alg_id(connection, "Secure/BufferByVal", "BufferPoints"),
            {
                "Input_Features": str(data / "towers.shp"),
                "Distance": 5,
                "Distance_UNIT": "Feet",
                "Output_Polygons": "memory:",
            },
        )
        server = Source.read(connection).server()
        job = submit(
            server,
            server.task("Secure/BufferByVal", "BufferPoints"),
            {"Input_Features": str(data / "towers.shp"), "Distance": "5 feet"},
        )
        wait_for(follow(job))
        assert jobs().get(job.id).connection == connection.key and jobs().get(job.id).status == JobStatus.SUCCEEDED
        text = default_path().read_text(encoding="utf-8")
        assert result["JOB_ID"] in text and job.id in text
        token = server.auth.current()
        assert token and token not in text
        assert "token" not in text.lower() and "gp-password" not in text
    finally:
        plugin.provider.store.remove(connection.key)


def test_unloading_the_plugin_leaves_jobs_running_and_loading_it_follows_them_again(plugin, server):
    """Last in this file: the plugin is loaded anew here."""
    job = submit(server, lifecycle(server), {"scenario": "endless"})
    task = follow(job)
    wait_until(lambda: jobs().get(job.id).status == "esriJobExecuting")
    with plugin_modules_kept():
        assert qgis.utils.unloadPlugin("remote_gp")
        wait_for(task)
        assert server_status(job.url) == "esriJobExecuting" and not jobs().is_followed(job.id)
        assert qgis.utils.loadPlugin("remote_gp") and qgis.utils.startPlugin("remote_gp")
        store = sys.modules["remote_gp.bridge.jobstore"].jobs()  # the store of the plugin loaded anew
        assert not store.is_followed(job.id)  # QGIS starts first: the jobs are followed from its event loop
        wait_until(lambda: store.is_followed(job.id))
        assert store.cancel(job.id)
        wait_until(lambda: store.get(job.id).status == "esriJobCancelled")
    assert server_status(job.url) == "esriJobCancelled"
