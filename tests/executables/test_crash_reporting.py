"""A QGIS executable that crashes fails a test with the signal named, never hangs it: proved with a
throwaway plugin that dereferences a null pointer as QGIS loads it."""
from __future__ import annotations

import pytest

from harness import ExecutableFailed, Profile

METADATA = """[general]
name=Crasher
qgisMinimumVersion=3.22
description=Crashes QGIS as it loads.
version=1.0
author=Remote GP tests
email=remote-gp@users.noreply.github.com
hasProcessingProvider=yes
"""
INIT = """import ctypes


def classFactory(iface):
    ctypes.string_at(0)  # reads address 0: SIGSEGV
"""


@pytest.fixture
def crashing(tmp_path) -> Profile:
    profile = Profile(tmp_path / "profile")
    plugin = profile.plugins / "crasher"
    plugin.mkdir(parents=True)
    (plugin / "metadata.txt").write_text(METADATA)
    (plugin / "__init__.py").write_text(INIT)
    profile.configure(None, plugins=("crasher",))
    return profile


def test_a_crash_of_qgis_process_names_the_signal(crashing):
    with pytest.raises(ExecutableFailed, match=r"^qgis_process.bin crashed with SIGSEGV \(exit status -11\)"):
        crashing.qgis_process("list")


def test_a_crash_of_desktop_qgis_names_the_signal(crashing, tmp_path):
    script = tmp_path / "never.py"
    script.write_text("raise SystemExit('QGIS should have crashed before running this')\n")
    with pytest.raises(ExecutableFailed, match=r"^qgis \(desktop, under xvfb-run\) crashed with SIGSEGV"):
        crashing.desktop(script)


def test_a_qgis_that_does_not_quit_is_killed_and_reported_as_hung(tmp_path):
    profile = Profile(tmp_path / "profile")
    profile.configure(None, plugins=())
    script = tmp_path / "stay.py"
    script.write_text("print('started, and staying')\n")  # no QgsApplication.exit: QGIS runs on
    with pytest.raises(ExecutableFailed, match=r"^qgis \(desktop, under xvfb-run\) hung after 10 s and was killed"):
        profile.desktop(script, timeout=10)
