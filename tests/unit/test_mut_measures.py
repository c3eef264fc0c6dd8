"""M values beside geometries: where shapely keeps M itself, and the M values of no geometry
(gp_core.measures; written to kill the mutants `make mutation` found surviving)."""

from __future__ import annotations

import numpy as np
import shapely

from remote_gp.gp_core.measures import NATIVE_M, flat


def test_geometries_carry_m_exactly_where_shapely_keeps_m_through_wkt():
    """GEOS 3.11 reads `LINESTRING M` as Z; 3.12 and later keep M. The tests of geometries that carry M
    run only where gp_core says they can: this says it does so wherever they can."""
    kept = shapely.to_wkt(shapely.from_wkt("LINESTRING M (0 0 5, 1 1 6)")).startswith("LINESTRING M ")
    assert NATIVE_M == kept


def test_no_geometry_has_no_m_value():
    assert flat(np.array([], dtype=object), np.array([], dtype=object)).tolist() == []
    assert flat(None, np.array([shapely.Point(1, 2)], dtype=object)).size == 1
