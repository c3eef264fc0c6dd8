"""The fault matrix of the OGC API - Processes client: every fault in every phase where it applies,
for gp_core's OgcServer on requests with an API key and with Basic authentication, and for the
plugin's OGC connection on QGIS's transport with a Basic authentication configuration, against the
hostile world in front of the pygeoapi test server (ogc_matrix.py says what each cell must show,
docs/fault-matrix.md the results).

Like the GP matrix it runs once, in the venv that runs QGIS (`make test`).
"""

from __future__ import annotations

import pytest

from .matrix import Cell
from .ogc_matrix import cells
from .table import Result
from .test_matrix import STALL_SECONDS

pytest.importorskip("pytest_qgis", reason="the fault matrix runs once, in .venv (make test)")

CELLS = cells()


@pytest.mark.timeout(STALL_SECONDS + 60)
@pytest.mark.parametrize("cell", CELLS, ids=[cell.id for cell in CELLS])
def test_ogc_cell(cell: Cell, matrix, fault_table) -> None:
    outcome = matrix.outcome(cell, STALL_SECONDS)
    if outcome.skipped:
        pytest.skip(outcome.skipped)
    report = outcome.observation.report if outcome.observation else {"outcome": "not run", "seconds": None}
    fault_table.append(Result(cell, report["outcome"], tuple(outcome.problems), report["seconds"], outcome.detail))
    if outcome.problems:  # the report itself is not shown: it holds what leaked
        pytest.fail(f"{cell.id} ({report['outcome']}):\n" + "\n".join(outcome.problems), pytrace=False)
