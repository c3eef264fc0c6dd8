"""JSON text written directly, for the large feature sets sent to tasks.

`json.dumps` of a feature set's dict costs more than building the dict: every coordinate becomes
a Python float and then text, one by one. Here the coordinates of many geometries are written as
one text (`vertex_text`) and cut at part boundaries (`part_texts`); attribute values are written by
type (`value_text`). The text is compact (no blanks after `,` and `:`) and equal to
`json.dumps(value, separators=(",", ":"), allow_nan=False)` of the same values: floats are their
shortest round-trip text (Python's `repr`), non-ASCII characters are escaped.

orjson, when installed, writes the coordinates several times faster. It is optional: its text is
used only where it is the standard library's (finite floats of magnitude 1e-4 up to 1e16, or 0;
smaller ones orjson writes without an exponent), else the standard library writes them.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]  # C, what json.dumps uses
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

try:
    import orjson
except ImportError:  # optional: the standard library writes the same text
    orjson = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from numpy.typing import NDArray

COMPACT = (",", ":")
_ORJSON_LOW, _ORJSON_HIGH = 1e-4, 1e16  # where orjson writes floats as repr does


def dumps(value: Any) -> str:
    """Compact JSON text; ValueError for NaN and infinities."""
    return json.dumps(value, separators=COMPACT, allow_nan=False)


def float_text(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
    return float.__repr__(value)


_PLAIN: dict[type, Callable[[Any], str]] = {
    str: encode_basestring_ascii,
    int: int.__repr__,
    float: float_text,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
}
PLAIN_TYPES = frozenset(_PLAIN)


def value_text(value: Any) -> str:
    """`dumps(value)`, without its overhead for strings, numbers, booleans and null."""
    write = _PLAIN.get(type(value))
    return write(value) if write is not None else dumps(value)


def vertex_text(coords: NDArray[Any]) -> str:
    """`[[x,y],[x,y],...]` for an (n, width) float array: NaN is null (a missing Z or M); an
    infinite value is a ValueError, as in `dumps`."""
    if np.isinf(coords).any():
        raise ValueError("Out of range float values are not JSON compliant: a coordinate is infinite")
    if orjson is not None and _orjson_writes_repr(coords):
        return orjson.dumps(np.ascontiguousarray(coords, dtype=np.float64), option=orjson.OPT_SERIALIZE_NUMPY).decode()
    if np.isnan(coords).any():
        values = coords.astype(object)
        values[np.isnan(coords)] = None
        return dumps(values.tolist())
    return dumps(coords.tolist())


def _orjson_writes_repr(coords: NDArray[Any]) -> bool:
    magnitude = np.abs(coords[~np.isnan(coords)])
    return bool((((magnitude >= _ORJSON_LOW) & (magnitude < _ORJSON_HIGH)) | (magnitude == 0)).all())


def part_texts(coords: NDArray[Any], counts: NDArray[Any]) -> list[str]:
    """`[[x,y],...]` for each part (a path, a ring, a multipoint's points) of `counts[j]`
    consecutive vertices of `coords`; a part without vertices is `[]`."""
    if not len(coords):
        return ["[]"] * len(counts)
    text = vertex_text(coords)
    raw = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    starts = np.flatnonzero(raw == ord("["))[1:]  # each vertex's "[" (numbers and null have none)
    stops = np.empty_like(starts)  # just after each vertex's "]"
    stops[:-1] = starts[1:] - 1
    stops[-1] = len(text) - 1
    last = np.cumsum(counts)
    first = last - counts
    filled = counts > 0
    texts = ["[]"] * len(counts)
    for part, start, stop in zip(
        np.flatnonzero(filled).tolist(), starts[first[filled]].tolist(), stops[last[filled] - 1].tolist()
    ):
        texts[part] = f"[{text[start:stop]}]"
    return texts
