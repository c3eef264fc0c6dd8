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
from json.encoder import encode_basestring_ascii  # what json.dumps uses (its C version)
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


def column_text(values: list[Any]) -> list[str]:
    """`value_text` of each value; faster for a column of values of one type."""
    kinds = set(map(type, values))
    if len(kinds) == 1:
        kind = kinds.pop()
        if kind is float and all(map(math.isfinite, values)):
            return list(map(float.__repr__, values))
        if kind is not float:
            return list(map(_PLAIN.get(kind, value_text), values))
    return list(map(value_text, values))


def vertex_text(coords: NDArray[Any]) -> str:
    """`[[x,y],[x,y],...]` for an (n, width) float array: NaN is null (a missing Z or M); an
    infinite value is a ValueError, as in `dumps`."""
    return _vertex_bytes(coords).decode("ascii")


def _vertex_bytes(coords: NDArray[Any]) -> bytes:
    """`vertex_text` as ASCII bytes (what orjson writes)."""
    magnitude = np.abs(coords)
    if np.isinf(magnitude).any():
        raise ValueError("Out of range float values are not JSON compliant: a coordinate is infinite")
    # NaN compares false: orjson writes it as null, as the standard library path below does.
    if orjson is not None and not (((magnitude < _ORJSON_LOW) & (magnitude != 0)) | (magnitude >= _ORJSON_HIGH)).any():
        return orjson.dumps(np.ascontiguousarray(coords, dtype=np.float64), option=orjson.OPT_SERIALIZE_NUMPY)
    missing = np.isnan(coords)
    if missing.any():
        values = coords.astype(object)
        values[missing] = None
        return dumps(values.tolist()).encode("ascii")
    return dumps(coords.tolist()).encode("ascii")


def part_texts(coords: NDArray[Any], counts: NDArray[Any]) -> list[str]:
    """`[[x,y],...]` for each part (a path, a ring, a multipoint's points) of `counts[j]`
    consecutive vertices of `coords`; a part without vertices is `[]`."""
    texts = ["[]"] * len(counts)
    filled = np.flatnonzero(counts > 0)
    if len(filled):
        text, starts, stops = _spans(coords, counts[filled])
        for part, start, stop in zip(filled.tolist(), starts, stops):
            texts[part] = f"[{text[start:stop]}]"
    return texts


def nested_texts(key: str, coords: NDArray[Any], counts: NDArray[Any], groups: NDArray[Any]) -> list[str]:
    """`{"key":[[[x,y],...],...]}` for each geometry of `groups[i]` consecutive parts (paths or
    rings), part j holding `counts[j]` (> 0) consecutive vertices of `coords`."""
    if not len(counts):
        return [f'{{"{key}":[]}}'] * len(groups)
    text, starts, stops = _spans(coords, counts)
    ends = np.cumsum(groups)
    firsts = ends - groups
    texts = []
    for count, first, end in zip(groups.tolist(), firsts.tolist(), ends.tolist()):
        if count == 1:  # most geometries: one slice of the text
            texts.append(f'{{"{key}":[[{text[starts[first] : stops[first]]}]]}}')
        else:
            parts = "],[".join(text[start:stop] for start, stop in zip(starts[first:end], stops[first:end]))
            texts.append(f'{{"{key}":[[{parts}]]}}' if count else f'{{"{key}":[]}}')
    return texts


def _spans(coords: NDArray[Any], counts: NDArray[Any]) -> tuple[str, list[int], list[int]]:
    """`vertex_text(coords)` and where the vertices of each part (`counts[j]` > 0 consecutive
    vertices) start and stop in it (`text[start:stop]` is `[x,y],[x,y]`)."""
    raw = _vertex_bytes(coords)
    starts = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == ord("["))[1:]  # each vertex's "[": numbers have none
    stops = np.empty_like(starts)  # just after each vertex's "]"
    stops[:-1] = starts[1:] - 1
    stops[-1] = len(raw) - 1
    text = raw.decode("ascii")
    last = np.cumsum(counts)
    first: list[int] = starts[last - counts].tolist()
    final: list[int] = stops[last - 1].tolist()
    return text, first, final
