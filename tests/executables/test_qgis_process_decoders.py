"""qgis_process.bin reads results with msgspec on QGIS's Python path (the profile of the other tests) and
without it, when the standard library reads them: every geometry family, with Z and M, holes included,
comes back as it went either way (see test_geometry_matrix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import VENV_SITE_PACKAGES, Profile
from test_geometry_matrix import (
    inputs,  # noqa: F401  (a fixture)
    test_every_geometry_family_comes_back_as_it_went as copied_back,
)


@pytest.fixture(scope="module")
def without_msgspec(package: Path, gp_server: str, tmp_path_factory: pytest.TempPathFactory) -> Profile:
    """A profile like `installed` whose Python path hides msgspec: `import msgspec` fails in QGIS."""
    hidden = tmp_path_factory.mktemp("hide-msgspec")
    (hidden / "msgspec.py").write_text('raise ImportError("msgspec is hidden from this QGIS")\n', encoding="utf-8")
    profile = Profile(tmp_path_factory.mktemp("qgis-profile"), python_path=f"{hidden}:{VENV_SITE_PACKAGES}")
    profile.install(package)
    profile.configure(gp_server)
    return profile


def test_msgspec_is_on_the_path_of_the_other_profiles():
    assert (Path(VENV_SITE_PACKAGES) / "msgspec").is_dir()


@pytest.mark.parametrize("profile", ["installed", "without_msgspec"])
def test_results_decode_the_same_with_and_without_msgspec(profile, request, inputs, tmp_path):  # noqa: F811
    copied_back(request.getfixturevalue(profile), inputs, tmp_path, "ZM")
