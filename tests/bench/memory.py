"""The peak memory of one step of a process, above what the process held before it: Linux's high-water
mark of resident memory (VmHWM), reset before the step (writing 5 to /proc/self/clear_refs), less the
resident memory then (the interpreter, the peer's imports and its prepared input)."""

from __future__ import annotations

from pathlib import Path

STATUS = Path("/proc/self/status")


def start() -> float:
    """Reset the high-water mark; the resident MB now."""
    Path("/proc/self/clear_refs").write_text("5")
    return _status_mb("VmRSS")


def peak_since(baseline: float) -> float:
    """MB of the highest resident memory since `start`, above its baseline."""
    return _status_mb("VmHWM") - baseline


def _status_mb(key: str) -> float:
    for line in STATUS.read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024  # kB
    raise RuntimeError(f"{STATUS} has no {key}")
