"""Pausing Python's cyclic garbage collector while millions of small lists and dicts are built.

Each collection walks every live container, so building a feature set's nested coordinate lists
with the collector running costs several times the building itself. Reference counting still
frees memory while the collector is paused.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
