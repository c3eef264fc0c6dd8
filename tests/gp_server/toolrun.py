"""Running one task: read the inputs, make references local, call the tool, log ArcGIS-like messages,
report the outcome.

Shared by ``execute`` (run in the request) and by jobs (run in a worker thread). The messages logged
while running are those ArcGIS logs: ``Executing (Task): Task <args>``, ``Start Time: ...``, the
tool's own; the closing ones (``Succeeded at ...`` or the errors and ``Failed to execute (Task).``)
come back in the outcome, because a job shows them only when it shows its final state.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .gp_values import parse_inputs, parse_out_sr
from .messages import ERROR, INFORMATIVE, WARNING, Message, arcgis_time, elapsed
from .model import TaskDef
from .resolve import resolve_inputs
from .spatial_ref import SpatialRef
from .tool_errors import JobCancelled, ToolError
from .value_types import DataRef

DOWNLOAD_TIMEOUT_SECONDS = 60


class ToolContext:
    """What a tool may use: message logging, a progressor, a scratch folder, uploaded items,
    cancellation, and the names of the request's parameters (what the client sent, whatever the task
    reads)."""

    def __init__(
        self,
        *,
        log: Callable[[Message], None],
        scratch_dir: Path,
        find_upload: Callable[[str], Path | None],
        sent_names: Iterable[str],
        cancel: threading.Event | None = None,
        progress: Callable[[Mapping[str, Any]], None] | None = None,
    ) -> None:
        self._log = log
        self._scratch_dir = scratch_dir
        self._find_upload = find_upload
        self.sent_names = tuple(sent_names)
        self._cancel = cancel
        self._progress = progress

    def info(self, text: str) -> None:
        self._log(Message(INFORMATIVE, text))

    def warning(self, text: str) -> None:
        self._log(Message(WARNING, text))

    def step_progress(self, message: str, percent: int) -> None:
        """Set the run's step progressor, as ``arcpy.SetProgressorLabel``/``SetProgressorPosition`` do
        (a job shows it while Executing; a synchronous run has none)."""
        if self._progress is not None:
            self._progress({"type": "step", "message": message, "percent": percent})

    def check_cancelled(self) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise JobCancelled()

    def work(self, seconds: float) -> None:
        """Take ``seconds``, as a long computation would; a cancel stops it at once."""
        if (self._cancel or threading.Event()).wait(seconds):
            raise JobCancelled()

    def scratch(self) -> Path:
        self._scratch_dir.mkdir(parents=True, exist_ok=True)
        return self._scratch_dir

    def local_file(self, ref: DataRef, display_name: str) -> Path:
        """The file behind a ``{"itemID"}`` (an upload) or a ``{"url"}`` (downloaded into scratch)."""
        if ref.item_id is not None:
            path = self._find_upload(ref.item_id)
            if path is None:
                raise ToolError(
                    f"ERROR 000732: {display_name}: Dataset {ref.item_id} does not exist "
                    f"or is not supported (no such uploaded item)"
                )
            return path
        assert ref.url is not None
        return self._download(ref.url, display_name)

    def _download(self, url: str, display_name: str) -> Path:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise ToolError(
                f"ERROR 000732: {display_name}: Dataset {url} does not exist or is not "
                f"supported (only http and https URLs can be read)"
            )
        name = Path(urllib.parse.unquote(parts.path)).name or "download"
        # A folder of its own, so the file keeps its name whatever else is downloaded.
        target = Path(tempfile.mkdtemp(prefix="input_", dir=self.scratch())) / name
        try:
            with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_SECONDS) as answer, target.open("wb") as out:
                shutil.copyfileobj(answer, out)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise ToolError(
                f"ERROR 000732: {display_name}: Dataset {url} does not exist or is not supported ({exc})"
            ) from exc
        self.info(f"Downloaded {url} ({target.stat().st_size} bytes)")
        return target


@dataclass(frozen=True)
class Outcome:
    succeeded: bool
    closing: tuple[Message, ...]
    outputs: Mapping[str, Any] = field(default_factory=dict)
    out_sr: SpatialRef | None = None

    @property
    def errors(self) -> list[str]:
        return [m.description for m in self.closing if m.type == ERROR]


def run_task(task: TaskDef, params: Mapping[str, str], ctx: ToolContext) -> Outcome:
    """Run the task; JobCancelled propagates (the caller decides what a cancelled run shows)."""
    start = time.time()
    ctx.info(f"Executing ({task.name}): {task.name} {_arguments(task, params)}")
    ctx.info(f"Start Time: {arcgis_time(start)}")
    try:
        out_sr = parse_out_sr(params)
        inputs = resolve_inputs(task, parse_inputs(task, params), ctx)
        ctx.check_cancelled()
        outputs = task.tool(inputs, ctx)
    except ToolError as exc:
        return _failed(task, start, exc.messages)
    except JobCancelled:
        raise
    except Exception as exc:  # noqa: BLE001 — a bug or an unforeseen input: fail like ArcGIS, keep the trace for us
        traceback.print_exc(file=sys.stderr)
        return _failed(
            task, start, (f"ERROR 999999: Something unexpected caused the tool to fail. {type(exc).__name__}: {exc}",)
        )
    end = time.time()
    closing = (Message(INFORMATIVE, f"Succeeded at {arcgis_time(end)} {elapsed(start, end)}"),)
    return Outcome(True, closing, outputs, out_sr)


def _failed(task: TaskDef, start: float, errors: tuple[str, ...]) -> Outcome:
    end = time.time()
    closing = (
        *(Message(ERROR, e) for e in errors),
        Message(ERROR, f"Failed to execute ({task.name})."),
        Message(INFORMATIVE, f"Failed at {arcgis_time(end)} {elapsed(start, end)}"),
    )
    return Outcome(False, closing)


def _arguments(task: TaskDef, params: Mapping[str, str]) -> str:
    """The argument list ArcGIS echoes: each input as sent (shortened), ``#`` when not given."""
    by_name = {key.lower(): value for key, value in params.items()}
    shown = []
    for param in task.params:
        value = by_name.get(param.name.lower(), "") if param.is_input else param.name
        value = value.strip() or "#"
        shown.append(value if len(value) <= 60 else value[:57] + "...")
    return " ".join(shown)
