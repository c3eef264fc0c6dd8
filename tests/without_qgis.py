"""Makes QGIS and Qt impossible to import, in the venvs of `make test-core`.

The Makefile copies this file into their site-packages with a .pth file that imports it, so it runs
at the start of every Python there: pytest's, the reference server's, the seed scripts'. Those venvs
see Debian's site packages (for GDAL), where QGIS lives too: without this, a test that needed QGIS
could pass there unnoticed. With it, such a test fails loudly, which proves that gp_core, the
reference server and their tests need no QGIS at all.
"""

import sys

BLOCKED = ("qgis", "PyQt5", "sip")


class _QgisBlocker:
    """A meta path finder that refuses the blocked packages and leaves every other import alone."""

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> None:
        if fullname.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(
                f"No module named {fullname!r} here: make test-core runs without QGIS (tests/without_qgis.py)",
                name=fullname,
            )


sys.meta_path.insert(0, _QgisBlocker())
