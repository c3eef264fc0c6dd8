"""The README's standalone PyQGIS script, run as written by Debian's /usr/bin/python3 (no QGIS
executable around it) for a user whose default profile has the installed zip and a connection to the
reference server: it finds that profile by QGIS's names, loads the provider without `iface` and runs
a remote task."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from osgeo import ogr

from harness import PROCESS_TIMEOUT, ROOT, Profile, algorithm_id, run

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
import demo_data

MARKER = "<!-- standalone: pyqgis -->"
DOCUMENTED_ID = "remotegp:localgpgpbufferbyvalbufferpoints"


def documented_script() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(re.escape(MARKER) + r"\s*```python\n(.*?)```", readme, re.DOTALL)
    assert block, f"README.md has no python block after {MARKER}"
    assert DOCUMENTED_ID in block.group(1)
    return block.group(1)


def test_the_documented_standalone_script_runs_a_remote_task_from_the_user_s_profile(package, gp_server, tmp_path):
    home = tmp_path / "home"
    profile = Profile(home / ".local" / "share" / "QGIS" / "QGIS3")  # the user's default profile, where QGIS keeps it
    profile.install(package)
    profile.configure(gp_server)
    work = tmp_path / "work"
    demo_data.make_points(work / "towers.shp")
    script = work / "buffer.py"
    script.write_text(documented_script().replace(DOCUMENTED_ID, algorithm_id("GP/BufferByVal", "BufferPoints")))
    env = profile.env(HOME=str(home), QT_QPA_PLATFORM="offscreen")
    env.pop("XDG_DATA_HOME", None)
    command = ["/usr/bin/env", "-C", str(work), "/usr/bin/python3", script.name]  # in the folder of its files
    ran = run(command, env, PROCESS_TIMEOUT, "the README's standalone script").check()
    assert "'Output_Polygons': 'buffers.gpkg'" in ran.stdout
    dataset = ogr.Open(str(work / "buffers.gpkg"))  # its layer lives as long as it
    assert dataset.GetLayer(0).GetFeatureCount() == len(demo_data.TOWERS)
