"""qgis_process, QGIS's command line, lists and runs remote algorithms from an installed plugin."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.PyQt.QtCore import QSettings

import remote_gp
from remote_gp.bridge import descriptions

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
import demo_data  # noqa: E402

QGIS_PROCESS = "/usr/bin/qgis_process.bin"  # /usr/bin/qgis_process rejects Debian's default options


@pytest.fixture
def profile(tmp_path, local) -> tuple[Path, dict]:
    """A QGIS profile with the plugin installed and enabled, the live connection and one to a server
    that is down, both with cached descriptions; and the environment qgis_process runs in."""
    root = tmp_path / "config"
    default = root / "profiles" / "default"
    (default / "python" / "plugins").mkdir(parents=True)
    (default / "python" / "plugins" / "remote_gp").symlink_to(Path(remote_gp.__path__[0]).resolve())
    settings = QSettings(str(default / "QGIS" / "QGIS3.ini"), QSettings.IniFormat)
    settings.setValue("PythonPlugins/remote_gp", True)
    for key, name, url in ((local.key, local.name, local.url), ("down", "Down", "http://127.0.0.1:9/arcgis")):
        settings.setValue(f"remote_gp/connections/{key}/name", name)
        settings.setValue(f"remote_gp/connections/{key}/url", url)
        cache = default / "remote_gp" / "descriptions"
        cache.mkdir(parents=True, exist_ok=True)
        shutil.copy(descriptions.cache_folder() / f"{local.key}.json", cache / f"{key}.json")
    settings.sync()
    site_packages = sysconfig.get_paths()["purelib"]  # the venv's shapely and pyshp
    env = {**os.environ, "QGIS_CUSTOM_CONFIG_PATH": str(root), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": site_packages}
    return root, env


def qgis_process(env: dict, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([QGIS_PROCESS, *arguments], env=env, capture_output=True, text=True, timeout=300)


def test_qgis_process_lists_and_runs_a_remote_algorithm(profile, local, tmp_path):
    _, env = profile
    listed = qgis_process(env, "list")
    assert listed.returncode == 0, listed.stderr
    buffer = f"remotegp:{local.key}gpbufferbyvalbufferpoints"
    assert buffer in listed.stdout and "remotegp:downgpbufferbyvalbufferpoints" in listed.stdout

    towers = demo_data.make_points(tmp_path / "towers.shp")
    output = tmp_path / "buffers.shp"
    ran = qgis_process(env, "run", buffer, f"--Input_Features={towers}", "--Distance=5", "--Distance_UNIT=Feet",
                       f"--Output_Polygons={output}")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    dataset = ogr.Open(str(output))  # kept: a layer is invalid once its dataset is freed
    layer = dataset.GetLayer(0)
    assert layer.GetFeatureCount() == 10 and layer.GetGeomType() == ogr.wkbPolygon
