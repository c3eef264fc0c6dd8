"""The property every decoder of server bodies must have: whatever the body, it ends, and either
gives values of the types gp_core declares or raises one of gp_core's typed errors (a GPError) with
a message a user can read; never KeyError, TypeError, ValueError, RecursionError, numpy's or
shapely's errors."""

from __future__ import annotations

import dataclasses
import functools
import signal
import time
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Callable, TypeVar

from remote_gp.gp_core import GPError, Server
from remote_gp.gp_core.errors import warnings_to

T = TypeVar("T")

#: CPU seconds one input may take (the slowest take a few hundredths): past this a decoder hangs.
CPU_SECONDS = 20.0
#: The longest error message: one that quotes a whole body helps nobody.
LONGEST_MESSAGE = 1500


class DecoderHang(Exception):
    pass


@dataclasses.dataclass
class Tally:
    """What the fuzzing did, for the summary at the end of the run."""

    inputs: int = 0
    refused: int = 0
    seconds: float = 0.0
    """Time spent in the decoders."""
    first: float = 0.0
    last: float = 0.0
    """When the first input went in and the last came out (time.monotonic)."""


TALLY = Tally()


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """DecoderHang once the process has used `seconds` of CPU time in the block (CPU time, not wall
    time: a busy machine does not make a decoder hang)."""

    def stop(signum: int, frame: Any) -> None:
        raise DecoderHang(f"the decoder was still busy after {seconds} s of CPU time")

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def only_typed_errors(decode: Callable[[], T]) -> T | None:
    """What `decode()` gives, or None when it raised a GPError; anything else raised fails the test."""
    TALLY.inputs += 1
    start = time.monotonic()
    TALLY.first = TALLY.first or start
    try:
        with cpu_budget(CPU_SECONDS), warnings_to(lambda message: None):
            return decode()
    except GPError as error:
        TALLY.refused += 1
        message = str(error)
        assert message.strip(), f"{type(error).__name__} without a message"
        assert len(message) <= LONGEST_MESSAGE, f"a message of {len(message)} characters: {message[:300]}..."
        return None
    finally:
        TALLY.last = time.monotonic()
        TALLY.seconds += TALLY.last - start


def assert_typed(value: Any, hint: Any = None, where: str = "value") -> None:
    """`value` is of the type `hint` says (by default its own class's), and so is every field of a
    dataclass inside it, as their annotations declare."""
    if hint is None:
        hint = type(value)
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return
    if origin in (typing.Union, types.UnionType):
        problems = []
        for option in arguments:
            try:
                return assert_typed(value, option, where)
            except AssertionError as problem:
                problems.append(str(problem))
        raise AssertionError(" / ".join(problems))
    if hint is type(None):
        assert value is None, f"{where} is {value!r}, not None"
        return
    if origin is not None:
        assert isinstance(value, origin), f"{where} is {type(value).__name__} {value!r:.80}, not {hint}"
        if origin is list and arguments:
            for index, item in enumerate(value):
                assert_typed(item, arguments[0], f"{where}[{index}]")
        if origin is tuple and arguments:
            assert len(value) == len(arguments), f"{where} has {len(value)} items, not {len(arguments)}"
            for index, (item, item_hint) in enumerate(zip(value, arguments)):
                assert_typed(item, item_hint, f"{where}[{index}]")
        if origin is dict and arguments:
            for key, item in value.items():
                assert_typed(key, arguments[0], f"{where} key {key!r:.40}")
                assert_typed(item, arguments[1], f"{where}[{key!r:.40}]")
        return
    if hint is float:
        hint = (int, float)
    assert isinstance(value, hint) and not (isinstance(value, bool) and hint in (int, (int, float))), (
        f"{where} is {type(value).__name__} {value!r:.80}, not {getattr(hint, '__name__', hint)}"
    )
    if dataclasses.is_dataclass(value):
        hints = _hints(type(value))
        for field in dataclasses.fields(value):
            if field.name in hints and not field.name.startswith("_"):
                assert_typed(getattr(value, field.name), hints[field.name], f"{where}.{field.name}")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, localns={"Server": Server})
