"""Single values of a server's JSON, read strictly: a value of the wrong JSON type counts as missing,
so what gp_core keeps always has the type it is declared with."""

from __future__ import annotations

import math
from typing import Any


def text_of(value: Any) -> str:
    """Text; "" for anything else (null, a number, an object)."""
    return value if isinstance(value, str) else ""


def number_of(value: Any) -> float | None:
    """A finite number, as a float; None for anything else (true/false, NaN, Infinity, text, an
    integer past the range of a float)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def list_of(value: Any) -> list[Any]:
    """A list; [] for anything else."""
    return value if isinstance(value, list) else []
