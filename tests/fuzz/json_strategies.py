"""Hypothesis strategies for server bodies: any JSON at all, JSON built from the keys real bodies use,
and structured mutations of real bodies (keys dropped, values replaced by wrong types, NaN and
Infinity, huge and negative numbers, empty and unicode strings, deep nesting)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis import assume, strategies as st

#: Values that break naive decoders: non-finite floats, numbers past float and int64 range, zero,
#: negatives, empty and odd strings.
EDGE_SCALARS = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        -1,
        1,
        2**31,
        -(2**63),
        2**64,
        10**400,
        -(10**400),
        0.5,
        -0.0,
        1e308,
        -1e308,
        5e-324,
        float("nan"),
        float("inf"),
        float("-inf"),
        "",
        " ",
        "#",
        "null",
        "NaN",
        "Infinity",
        "0",
        "-1",
        "1e999",
        "true",
        "\x00",
        "\u202e\u0645\u0631\u062d\u0628\u0627",
        "\U0001f5fa\ufe0f",
        "é" * 3,
        "<html>",
        "esriJobSucceeded",
        "esriGeometryPolygon",
        "GPMultiValue:",
        "GPMultiValue:GPMultiValue:GPLong",
        "results/../../admin",
    ]
)
SCALARS = st.one_of(
    EDGE_SCALARS,
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
)


def one_of_these(values: list[Any]) -> st.SearchStrategy[Any]:
    """One of `values` (st.sampled_from, without its repr of every value: bodies are long)."""
    return st.integers(0, len(values) - 1).map(lambda index: values[index])


def mostly(usual: st.SearchStrategy, unusual: st.SearchStrategy, one_in: int = 8) -> st.SearchStrategy:
    """`usual`, and `unusual` once in about `one_in` draws (st.one_of would weigh each of the
    strategies nested in `unusual` as much as `usual`)."""
    return st.integers(1, one_in).flatmap(lambda n: unusual if n == 1 else usual)


def any_json(
    keys: st.SearchStrategy[str] = st.text(max_size=12),  # noqa: B008 — a strategy is immutable
    max_leaves: int = 30,
) -> st.SearchStrategy[Any]:
    """Any JSON value (with NaN and Infinity, which Python's json reads), objects keyed by `keys`."""
    return st.recursive(
        SCALARS,
        lambda children: st.lists(children, max_size=6) | st.dictionaries(keys, children, max_size=6),
        max_leaves=max_leaves,
    )


def deeply_nested(value: Any, depth: int, as_list: bool) -> Any:
    for _ in range(depth):
        value = [value] if as_list else {"value": value}
    return value


def keyed_json(keys: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """JSON whose object keys are mostly `keys` (those real bodies use), so decoders go past their
    first check."""
    return any_json(keys | st.text(max_size=8))


def paths(value: Any) -> Iterator[tuple]:
    """The path of every value inside `value` (keys and indexes), `value` itself first; without
    recursion, as values may be nested deeply."""
    stack: list[tuple[tuple, Any]] = [((), value)]
    while stack:
        path, item = stack.pop()
        yield path
        if isinstance(item, dict):
            stack.extend((path + (key,), child) for key, child in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((path + (index,), child) for index, child in reversed(list(enumerate(item))))


def copied(value: Any) -> Any:
    """A deep copy of JSON-like data, without recursion (copy.deepcopy recurses twice per level: a
    value wrapped 900 deep by an earlier mutation would exceed Python's recursion limit)."""
    top: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(top, 0, value)]
    while stack:
        parent, key, item = stack.pop()
        if isinstance(item, dict):
            parent[key] = new = dict.fromkeys(item)  # keys in their order, values filled below
            stack.extend((new, name, child) for name, child in item.items())
        elif isinstance(item, list):
            parent[key] = new = [None] * len(item)
            stack.extend((new, index, child) for index, child in enumerate(item))
        else:
            parent[key] = item
    return top[0]


def _get(value: Any, path: tuple) -> Any:
    for step in path:
        value = value[step]
    return value


def _replaced(root: Any, path: tuple, new: Any) -> Any:
    _get(root, path[:-1])[path[-1]] = new
    return root


def _dropped(root: Any, path: tuple) -> Any:
    del _get(root, path[:-1])[path[-1]]
    return root


def keyed_objects(keys: st.SearchStrategy[str]) -> st.SearchStrategy[dict]:
    """JSON objects (what every answer is) made of `keys` mostly."""
    return st.dictionaries(keys | st.text(max_size=8), keyed_json(keys), max_size=8)


def _mutate(draw: st.DrawFn, root: dict, keys: st.SearchStrategy[str]) -> dict:
    """One change at one place of `root` (in place where it can); the root stays an object, as every
    answer that reaches a decoder is one. (A function, not a strategy: a strategy's repr would hold
    the whole body.)"""
    places = list(paths(root))
    path = places[draw(st.integers(0, len(places) - 1))]
    old = _get(root, path)
    kind = (
        draw(st.sampled_from(["drop", "scalar", "json", "wrap", "swap", "empty", "repeat", "key"])) if path else "key"
    )
    if kind == "drop":
        return _dropped(root, path)
    if kind == "scalar":
        return _replaced(root, path, draw(SCALARS))
    if kind == "json":
        return _replaced(root, path, draw(keyed_json(keys)))
    if kind == "wrap":  # the value nested a few levels, or as deeply as Python's json reads
        depth = draw(st.sampled_from([1, 2, 3, 50, 900]))
        return _replaced(root, path, deeply_nested(old, depth, draw(st.booleans())))
    if kind == "swap":  # an object where a list was, and the other way round
        if isinstance(old, dict):
            new: Any = list(old.values())
        elif isinstance(old, list):
            new = {str(index): item for index, item in enumerate(old)}
        else:
            new = [old]
        return _replaced(root, path, new)
    if kind == "empty":
        return _replaced(root, path, type(old)() if isinstance(old, (dict, list, str)) else None)
    if kind == "repeat":  # a list grown with copies of its own items
        if isinstance(old, list) and old:
            old.extend(copied(old[: draw(st.integers(1, 3))]))
        return root
    if isinstance(old, dict):  # "key": a key added, taken from what real bodies use
        old[draw(keys)] = draw(SCALARS | keyed_json(keys))
    return root


#: The deepest body Python's json reads (its recursion limit is 1000, less the calls it runs under).
DEEPEST = 950


@st.composite
def mutated(draw: st.DrawFn, seeds: st.SearchStrategy[dict], keys: st.SearchStrategy[str]) -> dict:
    """A seed body with one to four mutations (sometimes none: the seed as it is), no deeper than a
    body read from JSON can be."""
    value = copied(draw(seeds))
    for _ in range(draw(st.integers(0, 4))):
        value = _mutate(draw, value, keys)
    assume(max(map(len, paths(value))) <= DEEPEST)
    return value


def keys_of(bodies: list[Any]) -> list[str]:
    """Every object key in `bodies`, sorted (Hypothesis shrinks towards the first)."""
    keys: set[str] = set()
    for body in bodies:
        for path in paths(body):
            if path and isinstance(path[-1], str):
                keys.add(path[-1])
    return sorted(keys)
