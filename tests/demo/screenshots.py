"""`make screenshots`: pictures of Remote GP as a user meets it, taken offscreen in real QGIS
against the reference GP server (connection manager, Browser, an algorithm dialog, the job
monitor, a result on the map). Usage: python tests/demo/screenshots.py OUTPUT_FOLDER
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ["QGIS_CUSTOM_CONFIG_PATH"] = tempfile.mkdtemp(prefix="remote_gp_screens_")  # a profile of its own
sys.path.append("/usr/share/qgis/python/plugins")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsContrastEnhancement,
    QgsFillSymbol,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsProject,
    QgsRasterLayer,
    QgsSingleBandGrayRenderer,
    QgsTask,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QSize, Qt  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402
from qgis.PyQt.QtWidgets import QTreeView, QWidget  # noqa: E402

import demo_data  # noqa: E402
from gp_server.process import running_server  # noqa: E402


def settle(seconds: float = 0.5) -> None:
    """Let Qt lay out and paint (and QGIS deliver signals) before a grab."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()


def until(condition, what: str, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while not condition():
        QCoreApplication.processEvents()
        if time.monotonic() > end:
            raise SystemExit(f"Timed out waiting for {what}.")


def wait_task(task: QgsTask) -> None:
    until(lambda: task.status() in (QgsTask.Complete, QgsTask.Terminated), task.description())


def grab(widget: QWidget, path: Path, size: QSize | None = None) -> None:
    if size is not None:
        widget.resize(size)
    widget.show()
    settle()
    widget.grab().save(str(path))
    print(f"  {path}")


def connection_manager(plugin, out: Path) -> None:
    from remote_gp.ui.connection_dialog import ConnectionsDialog

    dialog = ConnectionsDialog(plugin.provider.store, lambda connection: None)
    dialog.table.selectRow(0)
    wait_task(dialog.test())
    grab(dialog, out / "connection_manager.png", QSize(780, 420))
    dialog.close()


def browser_tree(out: Path) -> None:
    from qgis.gui import QgsBrowserGuiModel

    model = QgsBrowserGuiModel()
    model.initialize()
    view = QTreeView()
    view.setHeaderHidden(True)
    view.setModel(model)
    view.resize(QSize(420, 520))
    view.show()
    index = model.findPath("remotegp:")
    for name in ("Local GP", "GP", "BufferByVal", None):
        view.expand(index)
        until(partial(_listed, model, index), f"the children of {model.data(index)}")
        if name is not None:
            index = next(
                model.index(row, 0, index)
                for row in range(model.rowCount(index))
                if model.data(model.index(row, 0, index), Qt.DisplayRole) == name
            )
    view.setCurrentIndex(model.index(0, 0, index))
    view.scrollTo(model.findPath("remotegp:"), QTreeView.PositionAtTop)
    grab(view, out / "browser.png")


def _listed(model, index) -> bool:
    """Whether an item's children are there (asking the model to fetch them, as a view does)."""
    if model.canFetchMore(index):
        model.fetchMore(index)
    return model.rowCount(index) > 0 and model.data(model.index(0, 0, index), Qt.DisplayRole) != "Loading…"


def algorithm_dialog(connection, towers: QgsVectorLayer, out: Path) -> None:
    from processing.gui.AlgorithmDialog import AlgorithmDialog

    from remote_gp.bridge.connections import slug

    algorithm = QgsApplication.processingRegistry().createAlgorithmById(
        f"remotegp:{connection.key}{slug('GP/BufferByVal')}bufferpoints"
    )
    dialog = AlgorithmDialog(algorithm, False, None)
    dialog.setParameters({"Input_Features": towers.id(), "Distance": 5, "Distance_UNIT": "Feet"})
    grab(dialog, out / "algorithm_dialog.png", QSize(900, 560))
    dialog.close()


def fanout_dialog(connection, towers: QgsVectorLayer, out: Path) -> None:
    from processing.gui.AlgorithmDialog import AlgorithmDialog

    from remote_gp.bridge.connections import slug

    dialog = AlgorithmDialog(QgsApplication.processingRegistry().createAlgorithmById("remotegp:fanout"), False, None)
    dialog.setParameters(
        {
            "ALGORITHM": f"remotegp:{connection.key}{slug('GP/BufferByVal')}bufferpoints",
            "INPUT": [towers.id()],
            "CHUNK_SIZE": 2,
            "PARAMETERS": '{"Distance": 5, "Distance_UNIT": "Feet"}',
        }
    )
    grab(dialog, out / "fanout_dialog.png", QSize(900, 620))
    dialog.close()


def run_jobs(connection, towers: QgsVectorLayer, folder: Path) -> dict:
    import processing

    from remote_gp.bridge.connections import slug
    from remote_gp.bridge.jobtask import follow
    from remote_gp.gp_core import Server, submit

    buffer = f"remotegp:{connection.key}{slug('GP/BufferByVal')}bufferpoints"
    scenario = f"remotegp:{connection.key}{slug('GP/Lifecycle')}runscenario"
    slope = processing.run(
        f"remotegp:{connection.key}{slug('SlopeByVal')}runslope",
        {"Input_DEM": str(folder / "dem.tif"), "Output_Slope": str(folder / "slope.tif")},
    )
    buffers = processing.run(
        buffer,
        {
            "Input_Features": towers,
            "Distance": 12,
            "Distance_UNIT": "Meters",
            "Output_Polygons": str(folder / "buffers.gpkg"),
        },
    )
    try:
        processing.run(scenario, {"scenario": "fail", "features": "memory:"})
    except Exception:  # noqa: BLE001 — this job is meant to fail: the monitor shows it
        pass
    server = Server(connection.url)
    endless = follow(submit(server, server.task("GP/Lifecycle", "RunScenario"), {"scenario": "progress", "steps": 8}))
    until(lambda: endless.job.status == "esriJobExecuting", "a running job")
    return {"slope": slope["Output_Slope"], "buffers": buffers["Output_Polygons"], "running": endless}


def job_monitor(out: Path) -> None:
    from remote_gp.bridge.connections import ConnectionStore
    from remote_gp.bridge.jobstore import jobs
    from remote_gp.ui.job_monitor import JobMonitor

    dock = JobMonitor(jobs(), ConnectionStore())
    dock.setFloating(True)
    dock.table.selectRow(0)
    grab(dock, out / "job_monitor.png", QSize(860, 420))
    dock.detach()
    dock.close()


def result_map(outputs: dict, towers: QgsVectorLayer, out: Path) -> None:
    slope = QgsRasterLayer(outputs["slope"], "Slope")
    renderer = QgsSingleBandGrayRenderer(slope.dataProvider(), 1)
    renderer.setGradient(QgsSingleBandGrayRenderer.WhiteToBlack)  # steeper is darker
    statistics = slope.dataProvider().bandStatistics(1)
    stretch = QgsContrastEnhancement(slope.dataProvider().dataType(1))
    stretch.setContrastEnhancementAlgorithm(QgsContrastEnhancement.StretchToMinimumMaximum)
    stretch.setMinimumValue(statistics.minimumValue)
    stretch.setMaximumValue(statistics.maximumValue)
    renderer.setContrastEnhancement(stretch)
    slope.setRenderer(renderer)
    buffers = QgsVectorLayer(outputs["buffers"], "Buffers", "ogr")
    buffers.renderer().setSymbol(
        QgsFillSymbol.createSimple({"color": "240,160,48,200", "outline_color": "140,80,10", "outline_width": "0.5"})
    )
    towers.renderer().setSymbol(QgsMarkerSymbol.createSimple({"name": "circle", "color": "30,60,120", "size": "1.6"}))
    settings = QgsMapSettings()
    settings.setLayers([towers, buffers, slope])
    settings.setDestinationCrs(slope.crs())
    settings.setExtent(slope.extent())
    settings.setOutputSize(QSize(900, 560))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(str(out / "result_map.png"))
    print(f"  {out / 'result_map.png'}")


def main(folder: str) -> None:
    out = Path(folder).resolve()
    out.mkdir(parents=True, exist_ok=True)
    app = QgsApplication([], True)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from remote_gp.plugin import RemoteGpPlugin

    with running_server() as root, tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch)
        demo_data.make_points(data / "towers.shp")
        demo_data.make_dem(data / "dem.tif")
        plugin = RemoteGpPlugin(None)
        plugin.initProcessing()
        connection = plugin.provider.store.add("Local GP", root)
        plugin.provider.store.add("Sample server", "https://sampleserver6.arcgisonline.com/arcgis")
        wait_task(plugin.provider.refresh([connection]))
        towers = QgsVectorLayer(str(data / "towers.shp"), "Towers", "ogr")
        QgsProject.instance().addMapLayer(towers)
        from remote_gp.ui import browser

        registration = browser.register(
            plugin.provider.store, plugin.provider.refresh, plugin.connections_changed, None
        )
        print(f"Screenshots in {out}:")
        connection_manager(plugin, out)
        browser_tree(out)
        algorithm_dialog(connection, towers, out)
        fanout_dialog(connection, towers, out)
        outputs = run_jobs(connection, towers, data)
        job_monitor(out)
        outputs["running"].cancel()
        wait_task(outputs["running"])
        result_map(outputs, towers, out)
        browser.unregister(registration)
        plugin.unload()
    app.exitQgis()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "ui/screenshots")
