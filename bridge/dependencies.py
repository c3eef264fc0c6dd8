"""What Remote GP needs in the Python QGIS runs: requests, pyshp, and shapely 2.0 or later on GEOS
3.10.1 or later, a GEOS that cannot meet another one in QGIS's process (see geos_check). Checked
before anything imports them: when something is wrong the plugin stands aside, registers nothing,
and says what is wrong and which commands fix it on this platform."""

from __future__ import annotations

import importlib.util
import os
import platform
import re
import shlex
import sys
import sysconfig
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from qgis.core import Qgis, QgsMessageLog

from . import geos_check, translation
from .i18n import tr
from .product import NAME

# shapely 2.0 is the vectorised API gp_core is written against. GEOS 3.10.1: shapely's from_geojson
# needs it (to_geojson and ISO WKB need 3.10.0); nothing else gp_core and bridge call needs more.
MIN_SHAPELY = (2, 0)
MIN_GEOS = (3, 10, 1)
# What the fix commands install: the versions the project is tested with.
SHAPELY, PYSHP, REQUESTS = "shapely==2.1.2", "pyshp==3.1.6", "requests==2.34.2"


@dataclass(frozen=True)
class Problem:
    """Something that keeps Remote GP from running, and what fixes it."""

    text: str  # a missing package's name, or a sentence saying what is wrong
    install: str = ""  # the pip requirement that fixes it ("": pip cannot)
    missing: bool = True  # `text` names a package this QGIS's Python lacks
    remove: Path | None = None  # the folder of a shapely to uninstall first


def problems() -> list[Problem]:
    """What keeps Remote GP from running in this QGIS; empty when nothing does."""
    found = _shapely_problems()
    if importlib.util.find_spec("shapefile") is None:
        found.append(Problem("pyshp", PYSHP))
    if importlib.util.find_spec("requests") is None:
        found.append(Problem("requests", REQUESTS))
    return found


def _shapely_problems() -> list[Problem]:
    version = _version("shapely")
    folder = geos_check.shapely_folder()
    if version is None or folder is None:
        return [Problem(tr("shapely (2.0 or later)"), SHAPELY)]
    if _release(version) < MIN_SHAPELY:
        return [Problem(tr("shapely 2.0 or later (this QGIS has {version})").format(version=version), SHAPELY)]
    bundled = geos_check.bundled_geos(folder)
    if bundled is not None and geos_check.symbols_shared():
        return [
            _two_geos(
                tr("shapely {version} (in {site}) brings its own {geos}, and QGIS runs on GEOS {qgis}.").format(
                    version=version, site=folder.parent, geos=f"GEOS {bundled.version}".strip(), qgis=_qgis_geos()
                ),
                folder,
            )
        ]
    try:  # safe to import now: the GEOS it loads is QGIS's, or lives apart from it
        import shapely
    except Exception as error:  # noqa: BLE001 — a broken build: ImportError, OSError from its libraries
        return [
            Problem(
                tr("shapely {version} (in {site}) does not load: {error}").format(
                    version=version, site=folder.parent, error=error
                ),
                SHAPELY,
                missing=False,
                remove=folder,
            )
        ]
    mapped = geos_check.mapped_geos() if geos_check.symbols_shared() else []
    if len(mapped) > 1:
        return [
            _two_geos(tr("Two GEOS libraries are loaded into QGIS: {paths}.").format(paths=", ".join(mapped)), folder)
        ]
    if shapely.geos_version < MIN_GEOS:
        text = tr("shapely {version} runs on GEOS {geos}; Remote GP needs GEOS {minimum} or later.").format(
            version=version, geos=shapely.geos_version_string, minimum=".".join(map(str, MIN_GEOS))
        )
        if bundled is not None:
            return [Problem(text, SHAPELY, missing=False, remove=folder)]
        return [
            Problem(text + " " + tr("It is the GEOS QGIS runs on: use a QGIS built with a newer GEOS."), missing=False)
        ]
    return []


def _two_geos(fact: str, folder: Path) -> Problem:
    return Problem(
        fact
        + " "
        + tr(
            "On this system the libraries loaded into QGIS share one namespace of symbols: shapely's GEOS would "
            "run partly on QGIS's GEOS, a separate build, and crash QGIS. Remote GP needs a shapely built against "
            "the GEOS QGIS runs on."
        ),
        SHAPELY,
        missing=False,
        remove=folder,
    )


def advice(found: list[Problem]) -> tuple[str, str]:
    """What is wrong, in a line or two, and the commands that fix it on this platform."""
    missing = [problem.text for problem in found if problem.missing]
    parts = [tr("Remote GP cannot run in this QGIS and has registered nothing.")]
    parts += [problem.text for problem in found if not problem.missing]
    if missing:
        parts.append(tr("QGIS's Python lacks: {packages}.").format(packages=", ".join(missing)))
    return " ".join(parts), fix(found)


def fix(found: list[Problem], system: str = sys.platform, release: dict[str, str] | None = None) -> str:
    """The commands that install what `found` asks for on this platform, `system` being a sys.platform
    and `release` a Linux's os-release ("" when pip cannot help)."""
    requirements = list(dict.fromkeys(problem.install for problem in found if problem.install))
    if not requirements:
        return ""
    remove = next((problem.remove for problem in found if problem.remove is not None), None)
    if system == "win32":
        name, where = "Windows", tr("the OSGeo4W Shell (Start menu, beside QGIS)")
        lines = ["python -m pip install " + _quoted(requirements)]
    elif system == "darwin":  # recent QGIS.app bundles' python3 does not run outside QGIS
        name, where = "macOS", tr("QGIS's Python Console (Plugins menu)")
        listed = ", ".join(f'"{requirement}"' for requirement in ["--user", *requirements])
        lines = [f'import pip; pip.main(["install", {listed}])']
    else:
        release = _os_release() if release is None else release
        name, where = release.get("PRETTY_NAME", "Linux"), tr("a terminal")
        lines = _linux_commands(requirements, remove, release)
    return (
        tr("To fix it on {system}, run in {where}, then restart QGIS:").format(system=name, where=where)
        + "\n\n"
        + "\n".join("    " + line for line in lines)
    )


def _linux_commands(requirements: list[str], remove: Path | None, release: dict[str, str]) -> list[str]:
    """On Linux shapely is built from source against the system's GEOS, the one QGIS runs on: a
    wheel's own GEOS would meet QGIS's (see geos_check)."""
    build = SHAPELY in requirements
    family = {release.get("ID", ""), *release.get("ID_LIKE", "").split()}
    if family & {"debian", "ubuntu"}:
        lines = ["sudo apt install python3-pip" + (" python3-dev build-essential libgeos-dev" if build else "")]
    elif family & {"fedora", "rhel", "centos"}:
        lines = ["sudo dnf install python3-pip" + (" python3-devel gcc-c++ geos-devel" if build else "")]
    else:
        lines = [
            "# "
            + tr("first install with your package manager: pip, Python's headers, a C++ compiler and GEOS's headers")
        ]
    python = _python()
    managed = " --break-system-packages" if _externally_managed() else ""
    if remove is not None:
        sudo = "" if os.access(remove.parent, os.W_OK) else "sudo "
        lines.append(f"{sudo}{python} -m pip uninstall{managed} -y shapely")
    no_binary = " --no-binary shapely" if build else ""
    lines.append(f"{python} -m pip install --user{managed}{no_binary} {_quoted(requirements)}")
    return lines


class MissingDependencies:
    """Stands in for the plugin when it cannot run: it registers nothing and says why, and what fixes it."""

    def __init__(self, iface, found: list[Problem]):
        self.iface = iface
        self.translator = translation.install()
        self.summary, self.details = advice(found)
        self.message = "\n\n".join(part for part in (self.summary, self.details) if part)

    def initProcessing(self) -> None:  # noqa: N802 (QGIS's names)
        QgsMessageLog.logMessage(self.message, NAME, Qgis.Critical)

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()
        if self.iface is not None:
            self.iface.messageBar().pushMessage(NAME, self.summary, self.details, Qgis.Critical, 0)

    def unload(self) -> None:
        translation.remove(self.translator)


def _qgis_geos() -> str:
    """The version of the GEOS QGIS runs on, as 3.11.1."""
    return f"{Qgis.geosVersionMajor()}.{Qgis.geosVersionMinor()}.{Qgis.geosVersionPatch()}"


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _release(version: str) -> tuple[int, int]:
    """(2, 1) for "2.1.2", (2, 0) for "2.0rc1": the major and minor numbers."""
    match = re.match(r"(\d+)(?:\.(\d+))?", version)
    return (int(match.group(1)), int(match.group(2) or 0)) if match else (0, 0)


def _python() -> str:
    """The command that runs the Python QGIS embeds (in QGIS, sys.executable is QGIS itself)."""
    python = Path(sys.base_exec_prefix) / "bin" / "python3"
    return shlex.quote(str(python)) if python.is_file() else "python3"


def _externally_managed() -> bool:
    """Whether pip refuses to install into this Python without --break-system-packages (PEP 668)."""
    return (Path(sysconfig.get_path("stdlib")) / "EXTERNALLY-MANAGED").is_file()


def _os_release() -> dict[str, str]:
    if sys.version_info < (3, 10):  # QGIS 3.22 on Python 3.9: no freedesktop_os_release
        return {}
    try:
        return platform.freedesktop_os_release()
    except OSError:
        return {}


def _quoted(requirements: list[str]) -> str:
    return " ".join(f'"{requirement}"' for requirement in requirements)
