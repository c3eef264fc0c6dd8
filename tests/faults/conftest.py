"""The fault matrix's fixtures: a test CA, and what the cells start from."""
from __future__ import annotations

import pytest

from .prepare import Prepared, prepare
from .tls import Certificates, make_certificates


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return make_certificates(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="session")
def prepared(gp_server: str, tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    return prepare(gp_server, tmp_path_factory.mktemp("inputs"))
