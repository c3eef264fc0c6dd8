"""Python values of GP data types that are more than their JSON: references, files, containers.

Inputs convert to these (see ``converters``) and tools return them; ``gp_values.output_json`` writes
them back the way ArcGIS answers them. The other types are plain JSON-ready values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import ParamInfo


@dataclass(frozen=True)
class DataRef:
    """An input given by reference: an uploaded item or a URL (made local before the tool runs)."""

    url: str | None = None
    item_id: str | None = None

    @property
    def source(self) -> str:
        """What the client sent, for messages."""
        return self.url or self.item_id or ""


@dataclass(frozen=True)
class LocalFile:
    """A file or raster input made local: ``path`` keeps the original file name."""

    path: Path
    source: str


@dataclass(frozen=True)
class OutputFile:
    """A GPDataFile output; answered as ``{"url"}``."""

    path: Path


@dataclass(frozen=True)
class RasterFile:
    """A raster output written by a tool; answered as ``{"url", "format"}``."""

    path: Path


@dataclass(frozen=True)
class Composite:
    """A GPComposite value: the concrete type it was read as, and the value of that type."""

    data_type: str
    value: Any


@dataclass(frozen=True)
class ValueTable:
    """A GPValueTable: one value per column in every row (None for an empty cell, "" for a string)."""

    columns: tuple[ParamInfo, ...]
    rows: tuple[tuple[Any, ...], ...]
