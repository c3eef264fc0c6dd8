"""The plugin refuses to run where shapely's GEOS would meet QGIS's (issue 8), decided on real shapely
installs: this machine's, built against the system GEOS (allowed), and a PyPI wheel with its own GEOS
(refused on Linux), in this process and in the QGIS executables, desktop and qgis_process."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from qgis.core import Qgis
from qgis.PyQt.QtCore import QSettings

import remote_gp
from remote_gp.bridge import dependencies, geos_check

PLUGIN = Path(remote_gp.__path__[0]).resolve()
QGIS_GEOS = f"GEOS {Qgis.geosVersionMajor()}.{Qgis.geosVersionMinor()}.{Qgis.geosVersionPatch()}"
WHEEL_GEOS = "GEOS 3.13.1"  # what shapely 2.1.2's manylinux wheel carries
START = """
import json, traceback
from pathlib import Path
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QTimer
import qgis.utils
from qgis.utils import iface, loadPlugin, plugins, startPlugin, updateAvailablePlugins

logged, errors = [], []
QgsApplication.messageLog().messageReceived.connect(
    lambda message, tag, level: logged.append(message) if tag == "Remote GP" and level == Qgis.Critical else None)
qgis.utils.showException = lambda kind, value, trace, *rest, **named: errors.append(
    "".join(traceback.format_exception(kind, value, trace)))  # reported here instead of in a modal dialog
try:
    updateAvailablePlugins()
    started = loadPlugin("remote_gp") and startPlugin("remote_gp")
    report = {{
        "started": started,
        "plugin": type(plugins.get("remote_gp")).__name__,
        "provider": QgsApplication.processingRegistry().providerById("remotegp") is not None,
        "log": logged,
        "bar": [[item.title(), item.text()] for item in iface.messageBar().items()],
        "errors": errors,
    }}
except Exception:
    report = {{"error": traceback.format_exc()}}
finally:
    QTimer.singleShot(0, lambda: QgsApplication.exit(0))  # once QGIS's event loop runs
Path({result!r}).write_text(json.dumps(report))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """shapely 2.1.2 as PyPI's wheel installs it (with its own GEOS in shapely.libs), in a folder of its own."""
    folder = tmp_path_factory.mktemp("wheel")
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                                "--only-binary", ":all:", "--no-deps", "--target", str(folder), "shapely==2.1.2"],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    return folder


def run(command: list[str], env: dict, timeout: float) -> subprocess.CompletedProcess:
    """Run a command in a session of its own, killed whole on timeout (xvfb-run leaves QGIS and its X
    server behind when only it is killed)."""
    with subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, start_new_session=True) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def python_json(script: str, *path: Path | str):
    """What a Python script prints as JSON, run by this venv's Python with `path` as PYTHONPATH."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, path))}
    ran = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


def with_wheel(wheel: Path) -> str:
    """A PYTHONPATH with the wheel's shapely first, then this venv's pyshp and requests."""
    return os.pathsep.join([str(wheel), sysconfig.get_paths()["purelib"]])


def plugin_profile(root: Path, enabled: bool) -> Path:
    """A throwaway QGIS profile folder with the plugin installed (and enabled, if asked)."""
    default = root / "profiles" / "default"
    (default / "python" / "plugins").mkdir(parents=True)
    (default / "python" / "plugins" / "remote_gp").symlink_to(PLUGIN)
    if enabled:
        settings = QSettings(str(default / "QGIS" / "QGIS3.ini"), QSettings.IniFormat)
        settings.setValue("PythonPlugins/remote_gp", True)
        settings.sync()
    return root


def test_a_shapely_built_against_qgis_geos_is_allowed(qgis_app):
    assert dependencies.problems() == []
    assert geos_check.bundled_geos(geos_check.shapely_folder()) is None
    import shapely

    assert f"GEOS {shapely.geos_version_string}" == QGIS_GEOS
    assert len(geos_check.mapped_geos()) == 1  # QGIS's, which shapely uses too


def test_a_wheels_own_geos_is_found_without_importing_shapely(wheel):
    bundled = geos_check.bundled_geos(wheel / "shapely")
    assert bundled == geos_check.BundledGeos(wheel / "shapely.libs", WHEEL_GEOS.split()[1])


def test_the_wheel_is_refused_with_its_versions_and_the_commands_that_fix_it(wheel):
    summary, fix = python_json("import json; from remote_gp.bridge import dependencies; "
                               "print(json.dumps(dependencies.advice(dependencies.problems())))",
                               with_wheel(wheel), PLUGIN.parent)
    assert f"shapely 2.1.2 (in {wheel}) brings its own {WHEEL_GEOS}, and QGIS runs on {QGIS_GEOS}." in summary
    assert "crash QGIS" in summary
    assert "sudo apt install python3-pip python3-dev build-essential libgeos-dev" in fix
    assert "-m pip uninstall --break-system-packages -y shapely" in fix
    assert fix.endswith('-m pip install --user --break-system-packages --no-binary shapely "shapely==2.1.2"')


def test_two_geos_in_one_process_are_seen_in_its_memory_map(wheel):
    """The check made after importing shapely: QGIS's GEOS loaded first, then the wheel's."""
    mapped = python_json("import ctypes, json; ctypes.CDLL('libgeos_c.so.1', ctypes.RTLD_GLOBAL); import shapely; "
                         "from remote_gp.bridge import geos_check; print(json.dumps(geos_check.mapped_geos()))",
                         wheel, PLUGIN.parent)
    assert len(mapped) == 2 and [p for p in mapped if p.startswith(str(wheel / "shapely.libs"))]


def test_qgis_desktop_with_the_wheel_registers_nothing_and_says_why(wheel, tmp_path):
    result = tmp_path / "result.json"
    script = tmp_path / "start.py"
    script.write_text(START.format(result=str(result)))
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("QGIS_") and key not in ("PYTHONPATH", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = with_wheel(wheel)
    ran = run(["xvfb-run", "-a", "qgis", "--noversioncheck", "--nologo", "--profiles-path",
               str(plugin_profile(tmp_path / "profiles", enabled=False)), "--code", str(script)], env, 120)
    assert ran.returncode == 0 and result.exists(), ran.stdout + ran.stderr
    report = json.loads(result.read_text())
    assert report["started"] and not report["errors"], report
    assert report["plugin"] == "MissingDependencies" and not report["provider"], report
    [logged] = report["log"]
    assert WHEEL_GEOS in logged and QGIS_GEOS in logged and "--no-binary shapely" in logged
    [[title, text]] = report["bar"]
    assert title == "Remote GP" and WHEEL_GEOS in text and "crash QGIS" in text


def test_qgis_process_with_the_wheel_lists_no_remote_algorithm_and_says_why(wheel, tmp_path):
    env = {**os.environ, "QGIS_CUSTOM_CONFIG_PATH": str(plugin_profile(tmp_path, enabled=True)),
           "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": with_wheel(wheel)}
    listed = run(["/usr/bin/qgis_process.bin", "list"], env, 120)
    assert listed.returncode == 0, listed.stderr
    assert "native:buffer" in listed.stdout and "remotegp" not in listed.stdout
    assert f"brings its own {WHEEL_GEOS}, and QGIS runs on {QGIS_GEOS}" in listed.stderr
    assert "--no-binary shapely" in listed.stderr


def test_the_commands_suit_each_platform():
    """Where shapely's wheels are safe (Windows, macOS) pip installs them; on Linux it builds shapely
    against the system's GEOS, with the distribution's packages for that."""
    shapely_and_pyshp = [dependencies.Problem("shapely", dependencies.SHAPELY),
                         dependencies.Problem("pyshp", dependencies.PYSHP)]
    windows = dependencies.fix(shapely_and_pyshp, "win32")
    assert "OSGeo4W Shell" in windows and windows.endswith('python -m pip install "shapely==2.1.2" "pyshp==3.1.6"')
    macos = dependencies.fix(shapely_and_pyshp, "darwin")
    assert macos.endswith('import pip; pip.main(["install", "--user", "shapely==2.1.2", "pyshp==3.1.6"])')
    fedora = dependencies.fix(shapely_and_pyshp, "linux", {"ID": "fedora", "PRETTY_NAME": "Fedora Linux 40"})
    assert "on Fedora Linux 40" in fedora and "sudo dnf install python3-pip python3-devel gcc-c++ geos-devel" in fedora
    assert '--no-binary shapely "shapely==2.1.2" "pyshp==3.1.6"' in fedora
    ubuntu = dependencies.fix(shapely_and_pyshp[1:], "linux", {"ID": "ubuntu", "ID_LIKE": "debian"})
    assert "sudo apt install python3-pip\n" in ubuntu and "--no-binary" not in ubuntu  # nothing to build
