"""Fixtures of the tests in the real QGIS executables: the zip built once, a profile it is installed in.

Nothing here needs QGIS in the test process: QGIS runs in the executables (see harness.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import Profile, build_package


@pytest.fixture(scope="session")
def package() -> Path:
    """dist/remote_gp-<version>.zip, as `make package` builds it."""
    return build_package()


@pytest.fixture(scope="session")
def installed(package: Path, gp_server: str, tmp_path_factory: pytest.TempPathFactory) -> Profile:
    """A profile with the zip installed, the plugin enabled and the connection `local` to the
    reference server, its task descriptions cached; Python packages from the venv."""
    profile = Profile(tmp_path_factory.mktemp("qgis-profile"))
    profile.install(package)
    profile.configure(gp_server)
    return profile
