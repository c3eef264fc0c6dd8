"""The plugin refuses to run where shapely's GEOS would meet QGIS's (issue 8), decided on real shapely
installs: this machine's, built against the system GEOS (allowed), and a PyPI wheel with its own GEOS
(refused on Linux). What the QGIS executables do with the wheel is tested in
tests/executables/test_shapely_wheel.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from qgis.core import Qgis

import remote_gp
from remote_gp.bridge import dependencies, geos_check

PLUGIN = Path(remote_gp.__path__[0]).resolve()
QGIS_GEOS = f"GEOS {Qgis.geosVersionMajor()}.{Qgis.geosVersionMinor()}.{Qgis.geosVersionPatch()}"
WHEEL_GEOS = "GEOS 3.13.1"  # what shapely 2.1.2's manylinux wheel carries


def python_json(script: str, *path: Path | str):
    """What a Python script prints as JSON, run by this venv's Python with `path` as PYTHONPATH."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, path))}
    ran = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


def test_a_shapely_built_against_qgis_geos_is_allowed(qgis_app):
    assert dependencies.problems() == []
    assert geos_check.bundled_geos(geos_check.shapely_folder()) is None
    import shapely

    assert f"GEOS {shapely.geos_version_string}" == QGIS_GEOS
    assert len(geos_check.mapped_geos()) == 1  # QGIS's, which shapely uses too


def test_a_wheels_own_geos_is_found_without_importing_shapely(shapely_wheel):
    bundled = geos_check.bundled_geos(shapely_wheel / "shapely")
    assert bundled == geos_check.BundledGeos(shapely_wheel / "shapely.libs", WHEEL_GEOS.split()[1])


def test_the_wheel_is_refused_with_its_versions_and_the_commands_that_fix_it(shapely_wheel):
    summary, fix = python_json(
        "import json; from remote_gp.bridge import dependencies; "
        "print(json.dumps(dependencies.advice(dependencies.problems())))",
        shapely_wheel,
        sysconfig.get_paths()["purelib"],
        PLUGIN.parent,
    )  # pyshp, requests
    refused = f"shapely 2.1.2 (in {shapely_wheel}) brings its own {WHEEL_GEOS}, and QGIS runs on {QGIS_GEOS}."
    assert refused in summary
    assert "crash QGIS" in summary
    assert "sudo apt install python3-pip python3-dev build-essential libgeos-dev" in fix
    assert "-m pip uninstall --break-system-packages -y shapely" in fix
    assert fix.endswith('-m pip install --user --break-system-packages --no-binary shapely "shapely==2.1.2"')


def test_two_geos_in_one_process_are_seen_in_its_memory_map(shapely_wheel):
    """The check made after importing shapely: QGIS's GEOS loaded first, then the wheel's."""
    mapped = python_json(
        "import ctypes, json; ctypes.CDLL('libgeos_c.so.1', ctypes.RTLD_GLOBAL); import shapely; "
        "from remote_gp.bridge import geos_check; print(json.dumps(geos_check.mapped_geos()))",
        shapely_wheel,
        PLUGIN.parent,
    )
    assert len(mapped) == 2 and [p for p in mapped if p.startswith(str(shapely_wheel / "shapely.libs"))]


def test_the_commands_suit_each_platform():
    """Where shapely's wheels are safe (Windows, macOS) pip installs them; on Linux it builds shapely
    against the system's GEOS, with the distribution's packages for that."""
    shapely_and_pyshp = [
        dependencies.Problem("shapely", dependencies.SHAPELY),
        dependencies.Problem("pyshp", dependencies.PYSHP),
    ]
    windows = dependencies.fix(shapely_and_pyshp, "win32")
    assert "OSGeo4W Shell" in windows and windows.endswith('python -m pip install "shapely==2.1.2" "pyshp==3.1.6"')
    macos = dependencies.fix(shapely_and_pyshp, "darwin")
    assert macos.endswith('import pip; pip.main(["install", "--user", "shapely==2.1.2", "pyshp==3.1.6"])')
    fedora = dependencies.fix(shapely_and_pyshp, "linux", {"ID": "fedora", "PRETTY_NAME": "Fedora Linux 40"})
    assert "on Fedora Linux 40" in fedora and "sudo dnf install python3-pip python3-devel gcc-c++ geos-devel" in fedora
    assert '--no-binary shapely "shapely==2.1.2" "pyshp==3.1.6"' in fedora
    ubuntu = dependencies.fix(shapely_and_pyshp[1:], "linux", {"ID": "ubuntu", "ID_LIKE": "debian"})
    assert "sudo apt install python3-pip\n" in ubuntu and "--no-binary" not in ubuntu  # nothing to build
