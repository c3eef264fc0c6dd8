"""A QGIS executable that crashes fails a test with the signal named, and a Python error in the desktop
fails it with the traceback, never hangs it: proved with throwaway plugins that dereference a null
pointer, or raise, as QGIS loads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import ExecutableFailed, Profile

METADATA = """[general]
name=Crasher
qgisMinimumVersion=3.22
description=Fails as QGIS loads it.
version=1.0
author=Remote GP tests
email=remote-gp@users.noreply.github.com
hasProcessingProvider=yes
"""
QUIT = """from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer

QTimer.singleShot(0, lambda: QgsApplication.exit(0))  # once QGIS's event loop runs
"""
CRASHING = """import ctypes


def classFactory(iface):
    ctypes.string_at(0)  # reads address 0: SIGSEGV
"""
RAISING = """def classFactory(iface):
    raise RuntimeError("the plugin failed to start")
"""


def with_plugin(root: Path, init: str) -> Profile:
    """A profile with only a throwaway plugin, enabled, whose __init__.py is `init`."""
    profile = Profile(root)
    plugin = profile.plugins / "crasher"
    plugin.mkdir(parents=True)
    (plugin / "metadata.txt").write_text(METADATA)
    (plugin / "__init__.py").write_text(init)
    profile.configure(None, plugins=("crasher",))
    return profile


@pytest.fixture
def crashing(tmp_path) -> Profile:
    return with_plugin(tmp_path / "profile", CRASHING)


def test_a_crash_of_qgis_process_names_the_signal(crashing):
    with pytest.raises(ExecutableFailed, match=r"^qgis_process.bin crashed with SIGSEGV \(exit status -11\)"):
        crashing.qgis_process("list")


def test_a_crash_of_desktop_qgis_names_the_signal(crashing, tmp_path):
    script = tmp_path / "never.py"
    script.write_text("raise SystemExit('QGIS should have crashed before running this')\n")
    with pytest.raises(ExecutableFailed, match=r"^qgis \(desktop, under xvfb-run\) crashed with SIGSEGV"):
        crashing.desktop(script)


def test_a_python_error_in_desktop_qgis_fails_the_run_with_its_traceback(tmp_path):
    """QGIS would show it in a modal dialog, under xvfb-run with nobody to close it."""
    raising = with_plugin(tmp_path / "profile", RAISING)
    script = tmp_path / "quit.py"
    script.write_text(QUIT)
    with pytest.raises(
        ExecutableFailed,
        match=r"(?s)^qgis \(desktop, under xvfb-run\) raised a Python error: .*"
        r"RuntimeError: the plugin failed to start",
    ):
        raising.desktop(script)


def test_a_qgis_that_does_not_quit_is_killed_and_reported_as_hung(tmp_path):
    profile = Profile(tmp_path / "profile")
    profile.configure(None, plugins=())
    script = tmp_path / "stay.py"
    script.write_text("print('started, and staying')\n")  # no QgsApplication.exit: QGIS runs on
    with pytest.raises(ExecutableFailed, match=r"^qgis \(desktop, under xvfb-run\) hung after 10 s and was killed"):
        profile.desktop(script, timeout=10)
