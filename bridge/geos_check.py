"""Where shapely's GEOS comes from, found without importing shapely, and whether it can meet QGIS's.

shapely's PyPI wheels carry their own GEOS: on Linux in `shapely.libs` beside the package (auditwheel,
the C++ library's file name ends in its version: libgeos-3ef06f11.so.3.13.1), on Windows in the same
folder (delvewheel: geos-<hash>.dll, no version), on macOS in `shapely/.dylibs` (delocate:
libgeos.3.13.1.dylib). A shapely built from source, or packaged by a distribution, OSGeo4W or conda,
uses the GEOS QGIS uses instead.

Only ELF platforms are at risk. The QGIS executables link GEOS, so its symbols are in the process's
global scope, which the dynamic linker searches before a library's own dependencies: shapely's calls
reach QGIS's libgeos_c wherever it has the function, the wheel's libgeos_c only for newer ones, and
that one's C++ calls reach QGIS's libgeos, another version; QGIS crashes (measured on Debian 12: a
segfault in GEOSOrientPolygons_r). shapely.geos_version, fixed when shapely was compiled, does not
show this mix, hence the decision from the files. Windows binds each DLL import to a named DLL, and
delvewheel renames the wheel's GEOS DLLs; macOS binds each symbol to the library it was linked
against (two-level namespace) and delocate points the wheel at its own copies. There the two GEOS do
not meet.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# Where shapely 2's wheels keep the libraries they bundle, relative to the package folder.
_BUNDLE_FOLDERS = ("../shapely.libs", ".dylibs")
_GEOS_FILE = re.compile(r"^(?:lib)?geos(?:_c)?[-.]")
_GEOS_CPP_VERSION = re.compile(r"^libgeos(?:-[0-9a-f]+)?\.(?:so\.)?(\d+\.\d+\.\d+)(?:\.dylib)?$")
_MAPPED_GEOS_C = re.compile(r"/libgeos_c[-.][^/]*$")


@dataclass(frozen=True)
class BundledGeos:
    """The GEOS a shapely wheel carries: its folder, and its version where the file names say it."""

    folder: Path
    version: str


def shapely_folder() -> Path | None:
    """The folder of the shapely package Python would import, found without importing it."""
    spec = importlib.util.find_spec("shapely")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def bundled_geos(package: Path) -> BundledGeos | None:
    """The GEOS the shapely in `package` brought along, or None when it uses one installed apart."""
    for relative in _BUNDLE_FOLDERS:
        folder = (package / relative).resolve()
        names = sorted(p.name for p in folder.glob("*geos*")) if folder.is_dir() else []
        geos = [name for name in names if _GEOS_FILE.match(name)]
        if geos:
            versions = [m.group(1) for m in map(_GEOS_CPP_VERSION.match, geos) if m]
            return BundledGeos(folder, versions[0] if versions else "")
    return None


def symbols_shared() -> bool:
    """Whether libraries loaded into QGIS resolve symbols in one namespace for the whole process
    (ELF: Linux and the BSDs), so that a second GEOS binds to the first one's symbols."""
    return not sys.platform.startswith(("win32", "cygwin", "darwin"))


def mapped_geos() -> list[str]:
    """The GEOS C libraries mapped into this process (Linux: from /proc/self/maps), one path each;
    more than one means two GEOS met. Empty where the process has no such map."""
    try:
        lines = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return []
    paths = {line.split(maxsplit=5)[-1] for line in lines if _MAPPED_GEOS_C.search(line)}
    return sorted(paths)
