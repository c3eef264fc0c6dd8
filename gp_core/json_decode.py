"""Reading JSON bodies: with msgspec when it is installed (an optional speed-up), else the standard library.

A result of a few million vertices read by `json.loads` becomes millions of small lists, several
times the size of the body, that are only turned into numpy arrays afterwards. With msgspec the
body is decoded straight from its bytes, and the geometry of each feature (an object in a
"features" list) is kept as `msgspec.Raw`, a view of the body's text: `coordinates` reads the
coordinates of many such geometries into one numpy array, with no Python object per vertex.

Both paths give the same values: msgspec only decodes what it reads exactly as `json.loads`
does, and whatever it refuses (NaN, numbers past float's range, text that is not UTF-8, JSON
nested too deeply) is read by `json.loads`, as it was without msgspec. Geometries whose text is
not the plain `{"rings": [...]}` (`paths`, `points`) form are decoded like any other value.
"""

from __future__ import annotations

import json
import re
from array import array
from typing import TYPE_CHECKING, Any, Optional

import numpy as np

try:
    import msgspec
except ImportError:  # optional: the standard library reads the same
    msgspec = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from numpy.typing import NDArray

#: Objects and lists down to this depth are walked to find "features" lists (the value of a job's
#: result, the results of a synchronous task, a multivalue of feature sets); deeper ones are plain values.
_WALKED_DEPTH = 4
_LEADING_SPACE = re.compile(rb"[ \t\n\r]*")
#: Geometry members whose coordinates `coordinates` reads, and the depth of their vertex arrays.
SIMPLE_KEYS = {"rings": 3, "paths": 3, "points": 2}
_PREFIXES = {key: b'{"' + key.encode() + b'":' for key in SIMPLE_KEYS}
_PREFIX_LENGTH = max(map(len, _PREFIXES.values()))
_EMPTY_LENGTH = 8  # `[]` and white space: a geometry without parts
_BRACKETS_TO_SPACES = bytes.maketrans(b"[]", b"  ")
_NUMBER_CHARACTERS = b"0123456789.-+eE \t\n\r"


if msgspec is not None:

    class _Feature(msgspec.Struct):
        attributes: Any = None
        geometry: msgspec.Raw = msgspec.Raw(b"null")

    _NULL = msgspec.Raw(b"null")
    _OBJECT = msgspec.json.Decoder(dict[str, msgspec.Raw])
    _LIST = msgspec.json.Decoder(list[msgspec.Raw])
    _FEATURES = msgspec.json.Decoder(list[_Feature])
    _ANY = msgspec.json.Decoder()
    _NUMBERS = msgspec.json.Decoder(list[float])
    _NUMBERS_OR_NULL = msgspec.json.Decoder(list[Optional[float]])  # evaluated: `float | None` needs Python 3.10
    _REFUSED: tuple[type[BaseException], ...] = (msgspec.DecodeError, RecursionError)


def loads(data: bytes) -> Any:
    """The JSON value of `data` (UTF-8; bytes that are not are read as U+FFFD). Feature geometries may
    be raw (see the module docstring; `tree` reads one). ValueError or RecursionError as `json.loads`."""
    if msgspec is not None:
        try:
            return _walk(memoryview(data)[_LEADING_SPACE.match(data).end() :], 0)  # type: ignore[union-attr]
        except _REFUSED:
            pass
    return json.loads(data.decode("utf-8", errors="replace").strip())


def _walk(raw: Any, depth: int) -> Any:
    """A value, with the geometries of features lists kept raw."""
    first = bytes(memoryview(raw)[:1])
    if depth > _WALKED_DEPTH or first not in (b"{", b"["):
        return _ANY.decode(raw)
    if first == b"[":
        return [_walk(item, depth + 1) for item in _LIST.decode(raw)]
    return {
        key: _features(value) if key == "features" else _walk(value, depth + 1)
        for key, value in _OBJECT.decode(raw).items()
    }


def _features(raw: Any) -> Any:
    """A features list: objects with their attributes and their geometry kept raw (None when null or
    absent; other members are not read); anything else as it is."""
    try:
        features = _FEATURES.decode(raw)
    except msgspec.ValidationError:
        return _ANY.decode(raw)
    return [{"attributes": f.attributes, "geometry": None if f.geometry == _NULL else f.geometry} for f in features]


def is_raw(value: Any) -> bool:
    """Whether `value` is a geometry `loads` kept raw."""
    return msgspec is not None and isinstance(value, msgspec.Raw)


def tree(raw: Any) -> Any:
    """A raw geometry as `json.loads` reads it."""
    try:
        return _ANY.decode(raw)
    except _REFUSED:
        return json.loads(bytes(raw).decode("utf-8", errors="replace"))


def trees(raws: list[Any]) -> list[Any]:
    """Raw geometries as `json.loads` reads them (with one call of msgspec for them all)."""
    try:
        values: list[Any] = _ANY.decode(b"[" + b",".join(raws) + b"]")
    except _REFUSED:
        return [tree(raw) for raw in raws]
    return values


def simple_key(raw: Any) -> str | None:
    """The member of a raw geometry that is its only one and holds only numbers and null in arrays
    (`{"rings":[[[1,2],...]]}`), whose coordinates `coordinates` reads; None for any other form."""
    start = bytes(memoryview(raw)[:_PREFIX_LENGTH])
    for key, prefix in _PREFIXES.items():
        if start.startswith(prefix):
            return key
    return None


def coordinates(raws: list[Any], key: str) -> tuple[NDArray[Any], list[NDArray[Any]]]:
    """The vertices of raw geometries that all have the one member `key` (see `simple_key`), as an
    (n, width) float array, and the counts of each level: for rings and paths, the rings (paths) of
    each geometry and the vertices of each ring (path); for points, the points of each geometry.

    ValueError when they are not all of that form, plain arrays of vertices of the same width, at
    least x and y (the caller then decodes them one by one, as `json.loads` reads them, with its errors)."""
    depth, prefix = SIMPLE_KEYS[key], _PREFIXES[key]
    text = b"".join(raws)
    tokens = text.translate(None, _NUMBER_CHARACTERS)
    count = len(raws)
    # Each raw is a JSON object: n "{" in all, n of them starting the member, 2n quotes (its name),
    # so each raw is that member alone. What is left holds only arrays and null.
    if tokens.count(b"{") != count or tokens.count(prefix) != count or tokens.count(b'"') != 2 * count:
        raise ValueError(f"not all of the form {{{key!r}: [...]}}")
    tokens = tokens.replace(prefix, b"").replace(b"}", b"")
    if tokens.translate(None, b"[],").replace(b"null", b""):
        raise ValueError("not only arrays of numbers and null")
    width, tokens = _vertices_as_v(tokens.replace(b"null", b""))
    token = np.frombuffer(tokens, dtype=np.uint8)
    is_open, is_vertex = token == ord("["), token == ord("v")
    level = np.cumsum(is_open.astype(np.int8) - (token == ord("]")), dtype=np.int8)
    if len(token) and (
        level.max() >= depth
        or (level[is_vertex] != depth - 1).any()
        or (is_open[:-1] & (token[1:] == ord("]")) & (level[:-1] > 1)).any()
    ):
        raise ValueError("arrays nested otherwise than geometry, parts and vertices of one width, or empty")
    values = _numbers(_numbers_array(raws, prefix))
    vertices = int(is_vertex.sum())
    if len(values) != vertices * width:
        raise ValueError("numbers outside vertices")
    item = is_open | is_vertex
    item_levels = level[item]  # an array's level; a vertex's is its array's: made one deeper
    item_levels[is_vertex[item]] = depth
    counts = [_children(item_levels, parent) for parent in range(1, depth)]
    if len(counts[0]) != count:
        raise ValueError("not an array")
    return values.reshape(vertices, width), counts


def _numbers_array(raws: list[Any], prefix: bytes) -> bytes:
    """The numbers (and nulls) of raw geometries of one member as one JSON array:
    `{"rings":[[[1,2]]]}`, `{"rings":[]}` as `[   1,2   ]`."""
    members = [memoryview(raw)[len(prefix) : -1] for raw in raws]
    present = (member for member in members if len(member) > _EMPTY_LENGTH or member.tobytes().strip() != b"[]")
    return b"[" + b",".join(present).translate(_BRACKETS_TO_SPACES) + b"]"


def _numbers(text: bytes) -> NDArray[Any]:
    """The numbers of a JSON array as floats (null as NaN). ValueError for a number past float's range.

    Decoded as floats first (about 40 % faster than allowing null) and gathered by `array`, which
    converts a list of floats in half the time numpy's `array` takes."""
    try:
        try:
            return np.frombuffer(array("d", _NUMBERS.decode(text)), dtype=float)
        except msgspec.ValidationError:  # a null among them
            return np.array(_NUMBERS_OR_NULL.decode(text), dtype=float)
    except msgspec.DecodeError as error:  # a number past float's range, `[ ]`: read one by one
        raise ValueError(str(error)) from None


def _vertices_as_v(tokens: bytes) -> tuple[int, bytes]:
    """The width of the first vertex (its commas, plus one) and the structure with every vertex of
    that width (`[,]` for two numbers) as "v"; vertices of other widths stay arrays."""
    close = tokens.find(b"]")
    if close < 0:
        return 2, tokens
    vertex = tokens[tokens.rfind(b"[", 0, close) : close + 1]
    if len(vertex) < 3:
        raise ValueError("a vertex of fewer than two numbers")
    return len(vertex) - 1, tokens.replace(vertex, b"v")


def _children(levels: NDArray[Any], parent: int) -> NDArray[Any]:
    """For each array at level `parent` (in the order they open), how many items (arrays, vertices) it holds."""
    is_parent = levels == parent
    index = np.cumsum(is_parent) - 1
    return np.bincount(index[levels == parent + 1], minlength=int(is_parent.sum()))
