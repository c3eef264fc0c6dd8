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

With orjson (3.9 or later: `orjson.Fragment`), a whole feature set is written by one `orjson.dumps`
(`document_bytes`): each geometry is a dict whose coordinate parts are numpy views of one array of
vertices (`nested_values`, `part_values`), which orjson writes as nested lists without making a
Python float of any of them (a geometry of one part: one view, of shape (1, n, width)); rows of
attributes go as they are where orjson writes their values as the standard library does (UTC dates
through orjson's datetime hook, as epoch milliseconds: `utc_datetimes`), other values and the
schema as fragments of their text written as above. The text is the same as the standard library's.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta, timezone
from itertools import repeat
from json.encoder import encode_basestring_ascii  # what json.dumps uses (its C version)
from operator import attrgetter, is_
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


def fast() -> bool:
    """Whether orjson is there to write whole documents (`document_bytes`)."""
    return orjson is not None and hasattr(orjson, "Fragment")


def fragment(text: str) -> Any:
    """JSON text that `document_bytes` writes as it is (needs `fast()`)."""
    return orjson.Fragment(text)


def document_bytes(head: dict[str, Any], key: str, values: list[Any]) -> bytes:
    """`{head's members,"key":values}` as compact ASCII text, by orjson (needs `fast()`): head's
    values are written by the standard library, `values` may hold fragments, numpy arrays of
    coordinates that `writes_as_repr` accepted, and UTC datetimes (`utc_datetimes`), written
    as Esri JSON dates: epoch milliseconds."""
    members = {name: fragment(dumps(value)) for name, value in head.items()}
    members[key] = values
    option = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_PASSTHROUGH_DATETIME  # datetimes go to _epoch_ms
    text: bytes = orjson.dumps(members, default=_epoch_ms, option=option)
    return text  # ASCII: strings orjson would write otherwise are fragments (column_values)


#: Esri JSON dates are milliseconds since EPOCH.
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
MILLISECOND = timedelta(milliseconds=1)


_TZINFO = attrgetter("tzinfo")


def utc_datetimes(values: list[Any]) -> bool:
    """Whether the values are datetimes in UTC (`datetime.timezone.utc`, as the decoder makes them)
    or None: `document_bytes` writes them as epoch milliseconds (and None as null)."""
    if not set(map(type, values)) <= {datetime, type(None)}:
        return False
    present = values if None not in values else [value for value in values if value is not None]
    return all(map(is_, map(_TZINFO, present), repeat(timezone.utc)))  # not ==: timezone(timedelta(0)) is not utc


def _epoch_ms(value: Any) -> int:
    """How `document_bytes` writes a datetime that `utc_datetimes` accepted."""
    if type(value) is datetime and value.tzinfo is timezone.utc:
        return (value - EPOCH) // MILLISECOND
    raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")


def writes_as_repr(coords: NDArray[Any]) -> bool:
    """Whether orjson is there and writes every coordinate as the standard library does (NaN as
    null); ValueError for an infinite value, as in `dumps`."""
    if orjson is not None and len(coords) and all(map(_one_sign_in_range, coords.T)):
        return True  # the usual case, without a temporary array (NaN fails the test: checked below)
    magnitude = np.abs(coords)
    if (magnitude >= _ORJSON_HIGH).any():
        if np.isinf(magnitude).any():
            raise ValueError("Out of range float values are not JSON compliant: a coordinate is infinite")
        return False
    # NaN compares false: orjson writes it as null, as the standard library path does.
    return orjson is not None and np.count_nonzero(magnitude < _ORJSON_LOW) == np.count_nonzero(magnitude == 0)


def _one_sign_in_range(values: NDArray[Any]) -> bool:
    """Whether the values all have one sign and magnitudes where orjson writes them as repr does."""
    low, high = values.min(), values.max()
    return bool(_ORJSON_LOW <= low and high < _ORJSON_HIGH or -_ORJSON_HIGH < low and high <= -_ORJSON_LOW)


def column_values(values: list[Any]) -> list[Any]:
    """What `document_bytes` writes as `column_text(values)`: the values themselves where orjson
    writes them as the standard library does, fragments of their text where it does not."""
    kinds = set(map(type, values))
    if kinds == {float}:
        magnitude = np.abs(np.array(values))
        same = (magnitude == 0) | ((magnitude >= _ORJSON_LOW) & (magnitude < _ORJSON_HIGH))
        if same.all():
            return values
        return [value if ok else fragment(float_text(value)) for value, ok in zip(values, same.tolist())]
    elif kinds <= {str, type(None)}:
        strings = [value for value in values if value is not None]
        if all(map(str.isascii, strings)) and "\x7f" not in "".join(strings):
            return values
    elif kinds == {int}:
        if -(2**63) <= min(values) and max(values) < 2**64:
            return values
    return [value if _same_in_orjson(value) else fragment(value_text(value)) for value in values]


def _same_in_orjson(value: Any) -> bool:
    """Whether orjson writes the value as `value_text` does."""
    kind = type(value)
    if kind is str:  # orjson writes non-ASCII characters as they are and DEL unescaped
        return bool(value.isascii() and "\x7f" not in value)
    if kind is float:
        return bool(value == 0 or _ORJSON_LOW <= abs(value) < _ORJSON_HIGH)  # False for NaN and infinities
    if kind is int:
        return bool(-(2**63) <= value < 2**64)
    return value is None or kind is bool


def vertex_text(coords: NDArray[Any]) -> str:
    """`[[x,y],[x,y],...]` for an (n, width) float array: NaN is null (a missing Z or M); an
    infinite value is a ValueError, as in `dumps`."""
    return _vertex_bytes(coords).decode("ascii")


def _vertex_bytes(coords: NDArray[Any]) -> bytes:
    """`vertex_text` as ASCII bytes (what orjson writes)."""
    if writes_as_repr(coords):
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


def part_values(coords: NDArray[Any], counts: NDArray[Any]) -> list[Any]:
    """What `document_bytes` writes as `part_texts(coords, counts)`: a view of the vertices of each
    part (the text of each part where orjson would not write the standard library's)."""
    if not writes_as_repr(coords):
        return list(map(fragment, part_texts(coords, counts)))
    return _views(coords, counts)


def nested_values(key: str, coords: NDArray[Any], counts: NDArray[Any], groups: NDArray[Any]) -> list[Any]:
    """What `document_bytes` writes as `nested_texts(key, coords, counts, groups)`: for each geometry
    a dict whose parts are views of the vertices (its text where orjson would not write the
    standard library's)."""
    if not writes_as_repr(coords):
        return list(map(fragment, nested_texts(key, coords, counts, groups)))
    coords = np.ascontiguousarray(coords, dtype=np.float64)
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)  # where each part's vertices start, and the end
    np.cumsum(counts, out=offsets[1:])
    part_ends = np.cumsum(groups)
    starts, ends = offsets[part_ends - groups].tolist(), offsets[part_ends].tolist()
    # A geometry of one part (most of them) is one (1, n, width) view, written as [[[x,y],...]]: no list.
    solid, whole = coords[np.newaxis], slice(None)
    values: list[Any] = [{key: solid[whole, start:end]} for start, end in zip(starts, ends)]
    others = np.flatnonzero(groups != 1)  # geometries of several parts (or none): a list of views each
    if len(others):
        parts = np.flatnonzero(np.repeat(groups != 1, groups))
        views = [coords[start:end] for start, end in zip(offsets[parts].tolist(), offsets[parts + 1].tolist())]
        sizes = groups[others]
        for index, size, end in zip(others.tolist(), sizes.tolist(), np.cumsum(sizes).tolist()):
            values[index] = {key: views[end - size : end]}
    return values


def _views(coords: NDArray[Any], counts: NDArray[Any]) -> list[NDArray[Any]]:
    """A view of each `counts[j]` consecutive vertices: C-contiguous rows, as orjson needs them."""
    coords = np.ascontiguousarray(coords, dtype=np.float64)
    ends = np.cumsum(counts).tolist()
    return [coords[end - count : end] for count, end in zip(counts.tolist(), ends)]
