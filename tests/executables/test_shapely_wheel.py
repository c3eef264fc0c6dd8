"""With shapely's PyPI wheel (its own GEOS) in the Python of the QGIS executables, where it would meet
QGIS's GEOS and crash QGIS (issue 8), the plugin installed from its zip registers nothing and says why,
in the desktop and in qgis_process. The decision itself is tested in tests/qgis/test_geos_guard.py."""

from __future__ import annotations

import json
import os
from pathlib import Path

from qgis.core import Qgis

from harness import VENV_SITE_PACKAGES, Profile

QGIS_GEOS = f"GEOS {Qgis.geosVersionMajor()}.{Qgis.geosVersionMinor()}.{Qgis.geosVersionPatch()}"
WHEEL_GEOS = "GEOS 3.13.1"  # what shapely 2.1.2's manylinux wheel carries (tests/conftest.py's shapely_wheel)
START = """
import json, traceback
from pathlib import Path
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, loadPlugin, plugins, startPlugin, updateAvailablePlugins

logged = []
QgsApplication.messageLog().messageReceived.connect(
    lambda message, tag, level: logged.append(message) if tag == "Remote GP" and level == Qgis.Critical else None)
try:
    updateAvailablePlugins()
    started = loadPlugin("remote_gp") and startPlugin("remote_gp")
    report = {{
        "started": started,
        "plugin": type(plugins.get("remote_gp")).__name__,
        "provider": QgsApplication.processingRegistry().providerById("remotegp") is not None,
        "log": logged,
        "bar": [[item.title(), item.text()] for item in iface.messageBar().items()],
    }}
except Exception:
    report = {{"error": traceback.format_exc()}}
finally:
    QTimer.singleShot(0, lambda: QgsApplication.exit(0))  # once QGIS's event loop runs
Path({result!r}).write_text(json.dumps(report))
"""


def with_wheel(root: Path, package: Path, wheel: Path, plugins: tuple[str, ...]) -> Profile:
    """A profile with the zip installed (and enabled, if among `plugins`) whose Python finds the wheel's
    shapely first, then the venv's pyshp and requests."""
    profile = Profile(root, python_path=os.pathsep.join([str(wheel), VENV_SITE_PACKAGES]))
    profile.install(package)
    profile.configure(None, plugins=plugins)
    return profile


def test_qgis_desktop_with_the_wheel_registers_nothing_and_says_why(package, shapely_wheel, tmp_path):
    """The startup script loads the plugin itself, so that it hears everything the plugin logs."""
    profile = with_wheel(tmp_path / "profile", package, shapely_wheel, plugins=())
    result = tmp_path / "result.json"
    script = tmp_path / "start.py"
    script.write_text(START.format(result=str(result)))
    started = profile.desktop(script)  # fails on a Python error QGIS would have shown
    assert result.exists(), started.output
    report = json.loads(result.read_text())
    assert report.get("started"), report  # a traceback of the script otherwise
    assert report["plugin"] == "MissingDependencies" and not report["provider"], report
    [logged] = report["log"]
    assert WHEEL_GEOS in logged and QGIS_GEOS in logged and "--no-binary shapely" in logged
    [[title, text]] = report["bar"]
    assert title == "Remote GP" and WHEEL_GEOS in text and "crash QGIS" in text


def test_qgis_process_with_the_wheel_lists_no_remote_algorithm_and_says_why(package, shapely_wheel, tmp_path):
    profile = with_wheel(tmp_path / "profile", package, shapely_wheel, plugins=("remote_gp",))
    listed = profile.qgis_process("list")
    assert "native:buffer" in listed.stdout and "remotegp" not in listed.stdout
    assert f"brings its own {WHEEL_GEOS}, and QGIS runs on {QGIS_GEOS}" in listed.stderr
    assert "--no-binary shapely" in listed.stderr
