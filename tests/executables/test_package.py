"""`make package` builds a zip that QGIS's own "Install from ZIP" installs into a clean profile, in real
QGIS desktop (on a virtual X display); without shapely 2 and pyshp the plugin says what to install."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from harness import Profile

INSTALL = """
import json, traceback
from pathlib import Path
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.utils import plugins
import pyplugin_installer

try:
    pyplugin_installer.instance().installFromZipFile({zip!r})
    plugin = plugins.get("remote_gp")
    report = {{
        "plugin": type(plugin).__name__ if plugin else None,
        "provider": QgsApplication.processingRegistry().providerById("remotegp") is not None,
        "message": getattr(plugin, "message", ""),
        "installed": sorted(p.name for p in Path({plugins!r}).iterdir()),
    }}
except Exception:
    report = {{"error": traceback.format_exc()}}
finally:
    QTimer.singleShot(0, lambda: QgsApplication.exit(0))  # once QGIS's event loop runs
Path({result!r}).write_text(json.dumps(report))
"""


def install_in_qgis(package: Path, profile: Profile) -> dict:
    """Start QGIS desktop with an empty profile, install the zip as "Install from ZIP" does, report."""
    result = profile.root / "result.json"
    script = profile.root / "install.py"
    script.write_text(INSTALL.format(zip=str(package), result=str(result), plugins=str(profile.plugins)))
    started = profile.desktop(script)
    assert result.exists(), started.output
    return json.loads(result.read_text())


def test_the_zip_installs_and_loads_in_a_clean_profile(package, tmp_path):
    report = install_in_qgis(package, Profile(tmp_path))  # the venv's shapely 2 and pyshp
    assert report == {"plugin": "RemoteGpPlugin", "provider": True, "message": "", "installed": ["remote_gp"]}


def test_without_its_dependencies_the_plugin_says_what_to_install(package, tmp_path):
    report = install_in_qgis(package, Profile(tmp_path, python_path=""))  # Debian's Python: no shapely 2, no pyshp
    assert report["plugin"] == "MissingDependencies" and not report["provider"]
    assert "shapely (2.0 or later), pyshp" in report["message"] and "pip install" in report["message"]


def test_the_zip_holds_the_plugin_and_nothing_for_development(package):
    names = zipfile.ZipFile(package).namelist()
    assert "remote_gp/metadata.txt" in names and "remote_gp/gp_core/arcpy.py" in names
    assert "remote_gp/bridge/algorithm.py" in names and "remote_gp/ui/icons/remote_gp.svg" in names
    assert {"remote_gp/i18n/remote_gp_fr.qm", "remote_gp/i18n/remote_gp_de.qm"} <= set(names)  # built, not kept
    assert not [n for n in names if n.startswith("remote_gp/ui/screenshots/")]
    assert not [n for n in names if n.startswith(("remote_gp/tests", "remote_gp/.")) or n.endswith((".pyc", ".ts"))]
    assert not [n for n in names if "Makefile" in n or "requirements" in n]
