"""The README's Debian 12 install steps, run as written for the system QGIS's Python, give a plugin that
runs a polygon task in qgis_process.bin with exactly those packages and nothing of the venv.

The steps install into a throwaway user base (PYTHONUSERBASE), so the machine is left as it was:
the apt line is a no-op where the packages are installed already (they are, for `make test`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from harness import ROOT, Profile, algorithm_id, run
from layers import DONUT_AREA, SQUARE_AREA, polygons

MARKER = "<!-- install: debian-12 -->"
DEBIAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"  # `python3` is Debian's
INSTALL_TIMEOUT = 900  # shapely is compiled


def documented_steps() -> list[str]:
    """The commands of the sh block right after the README's marker, as root runs them: without
    `sudo`, and apt-get (apt's scriptable twin) answering yes."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(re.escape(MARKER) + r"\s*```sh\n(.*?)```", readme, re.DOTALL)
    assert block, f"README.md has no sh block after {MARKER}"
    steps = [line.strip().removeprefix("sudo ") for line in block.group(1).splitlines() if line.strip()]
    return [re.sub(r"^apt install ", "apt-get install -y ", step) for step in steps]


def test_the_documented_debian_12_steps_give_a_working_plugin(package, gp_server, tmp_path):
    user_base = tmp_path / "user-base"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "QGIS_"))}
    env.update(PATH=DEBIAN_PATH, PYTHONUSERBASE=str(user_base), DEBIAN_FRONTEND="noninteractive")
    steps = documented_steps()
    assert any("pip install" in step for step in steps), steps
    run(["bash", "-e", "-x", "-c", "\n".join(steps)], env, INSTALL_TIMEOUT, name="the Debian 12 steps").check()

    found = run(
        ["python3", "-c", "import shapely; print(shapely.__file__); print(shapely.geos_version_string)"], env, 60
    ).check()
    shapely_file, geos = found.stdout.split()
    assert Path(shapely_file).is_relative_to(user_base) and geos == "3.11.1"  # built on Debian's GEOS

    profile = Profile(tmp_path / "profile", python_path="", extra_env={"PYTHONUSERBASE": str(user_base)})
    profile.install(package)
    profile.configure(gp_server)
    results = profile.run_algorithm(
        algorithm_id("GP/SummarizeSync", "Summarize"), Input_Features=polygons(tmp_path), Hull=tmp_path / "hull.gpkg"
    )
    assert (results["Feature_Count"], results["Total_Area"]) == (2, pytest.approx(DONUT_AREA + SQUARE_AREA))
