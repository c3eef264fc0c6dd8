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
    text = vertex_text(coords)
    raw = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    starts = np.flatnonzero(raw == ord("["))[1:]  # each vertex's "[" (numbers and null have none)
    stops = np.empty_like(starts)  # just after each vertex's "]"
    stops[:-1] = starts[1:] - 1
    stops[-1] = len(text) - 1
    last = np.cumsum(counts)
    first: list[int] = starts[last - counts].tolist()
    final: list[int] = stops[last - 1].tolist()
    return text, first, final
