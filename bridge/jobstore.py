"""The record of every GP job started from the plugin (Processing runs and `jobtask.follow`), kept
in the profile (`<profile>/remote_gp/jobs.json`) so the job monitor shows them and jobs still
running when QGIS quit are followed again at the next start (see `jobresume`).

Processing and QgsTasks poll their jobs on worker threads: every update goes through one lock,
and the store lives in the main thread, so Qt delivers its signals there. The file is rewritten
(a temporary file, then replaced) on every change. A record holds only what the server says of a
job and where it runs, never a token or password: none of its fields can carry one.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QObject, pyqtSignal

from ..gp_core import AnyJob, JobNotFound, JobStatus, Message, is_ended, parse_messages

log = logging.getLogger(__name__)

FORMAT = 1
#: Records kept: the newest ones. Records of jobs that have not ended are never dropped, since
#: they are followed again after a restart.
CAP = 200
PROCESSING, CONSOLE = "processing", "console"
#: `JobRecord.missing`: why a record can no longer be followed or have its results loaded. The
#: first two may be undone (the connection or description comes back); a job the server no longer
#: knows (NO_JOB) is lost for good.
NO_CONNECTION, NO_TASK, NO_JOB = "connection", "task", "job"


@dataclass
class JobRecord:
    job_id: str
    connection: str
    """The connection's key; "" for a job of a Server no connection describes (made in the console)."""
    service: str
    task: str
    task_url: str
    origin: str
    started: float
    ended: float | None = None
    status: str = JobStatus.SUBMITTED
    percent: float | None = None
    progress: str = ""
    messages: list[Message] = field(default_factory=list)
    error: str = ""
    """Why following the job stopped before it ended (the server could not be reached...)."""
    missing: str = ""
    """NO_CONNECTION or NO_TASK when the job's connection or its task's cached description is gone,
    NO_JOB when the server said it no longer knows the job."""
    job_url: str = ""
    """Where the job's status is (without a query); "" in records of earlier versions."""

    @property
    def is_lost(self) -> bool:
        return self.missing == NO_JOB

    @property
    def is_ended(self) -> bool:
        """Whether nothing more will happen to the job: it ended, or it is lost."""
        return is_ended(self.status) or self.is_lost

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, body: dict) -> JobRecord:
        return cls(**{**body, "messages": parse_messages(body.get("messages"))})


class Follower(Protocol):
    """What polls a job now; cancelling it cancels the job on the server."""

    def cancel(self) -> None: ...


class CancelRequest:
    """The follower of a Processing run: the monitor's Cancel sets it; the run's `Job.wait` sees it
    and sends the job's cancel (retried while the job is queued)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()


class JobStore(QObject):
    added = pyqtSignal(str)  # job id
    changed = pyqtSignal(str)
    removed = pyqtSignal(str)

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self._lock = threading.Lock()
        self._records: dict[str, JobRecord] = {record.job_id: record for record in _read(path)}
        self._followers: dict[str, Follower] = {}

    def records(self) -> list[JobRecord]:
        """Copies of the records, newest first."""
        with self._lock:
            records = [_copy(record) for record in self._records.values()]
        return sorted(records, key=lambda record: record.started, reverse=True)

    def get(self, job_id: str) -> JobRecord | None:
        with self._lock:
            record = self._records.get(job_id)
            return _copy(record) if record else None

    def track(self, job: AnyJob, connection: str, origin: str, follower: Follower) -> None:
        """Record `job` (unless it is known already, as a resumed job is) and who follows it now."""
        with self._lock:
            new = job.id not in self._records
            if new:
                self._records[job.id] = _record(job, connection, origin)
                self._prune()
            else:
                self._records[job.id].error = ""  # the last follower's trouble is history
            self._followers[job.id] = follower
            self._save()
        if new:
            self.added.emit(job.id)
        if not self.update(job):
            self.changed.emit(job.id)  # who follows it did

    def update(self, job: AnyJob, new: list[Message] | None = None) -> bool:
        """What a status request said of `job` (a `Job.wait` callback; `new` is not needed: the job
        holds all its messages). Returns whether the record changed."""
        with self._lock:
            record = self._records.get(job.id)
            if record is None:  # removed meanwhile
                return False
            before = _copy(record)
            record.status = job.status
            if job.progress is not None:
                record.percent, record.progress = job.progress.percent, job.progress.message
            if len(job.messages) > len(record.messages):
                record.messages = list(job.messages)
            if record.is_ended and record.ended is None:
                record.ended = time.time()
            if record == before:
                return False
            self._save()
        self.changed.emit(job.id)
        return True

    def failed(self, job_id: str, error: Exception) -> None:
        """Following the job stopped at `error`; a job the server no longer knows is marked lost."""
        if isinstance(error, JobNotFound):
            self._edit(job_id, error=str(error), missing=NO_JOB, ended=time.time())
        else:
            self._edit(job_id, error=str(error))

    def mark(self, job_id: str, missing: str) -> None:
        """Set (NO_CONNECTION, NO_TASK) or clear ("") what the record misses; a lost job stays lost."""
        record = self.get(job_id)
        if record is not None and not record.is_lost:
            self._edit(job_id, missing=missing)

    def release(self, job: AnyJob, follower: Follower) -> None:
        """`follower` no longer polls `job`: its last state is recorded."""
        with self._lock:
            if self._followers.get(job.id) is follower:
                del self._followers[job.id]
        if not self.update(job):
            self.changed.emit(job.id)  # whether it can be cancelled did

    @contextmanager
    def following(self, job: AnyJob, connection: str, origin: str, follower: Follower) -> Iterator[None]:
        """`track` for the time of the block, which polls the job; an error it raises is recorded."""
        self.track(job, connection, origin, follower)
        try:
            yield
        except Exception as error:
            self.failed(job.id, error)
            raise
        finally:
            self.release(job, follower)

    def is_followed(self, job_id: str) -> bool:
        with self._lock:
            return job_id in self._followers

    def cancel(self, job_id: str) -> bool:
        """Cancel the job through whoever follows it (no network here); False when nobody does."""
        with self._lock:
            follower = self._followers.get(job_id)
        if follower is None:
            return False
        follower.cancel()
        return True

    def remove(self, job_id: str) -> None:
        with self._lock:
            if self._records.pop(job_id, None) is None:
                return
            self._save()
        self.removed.emit(job_id)

    def _edit(self, job_id: str, **changes) -> None:
        with self._lock:
            record = self._records.get(job_id)
            if record is None or all(getattr(record, name) == value for name, value in changes.items()):
                return
            self._records[job_id] = replace(record, **changes)
            self._save()
        self.changed.emit(job_id)

    def _prune(self) -> None:
        """Drop the oldest ended records beyond CAP (under the lock)."""
        ended = sorted((r for r in self._records.values() if r.is_ended), key=lambda record: record.started)
        for record in ended[: max(0, len(self._records) - CAP)]:
            del self._records[record.job_id]

    def _save(self) -> None:
        """Write the file (under the lock, so writes never interleave)."""
        body = {"format": FORMAT, "jobs": [record.to_json() for record in self._records.values()]}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(self.path.name + ".part")
            temporary.write_text(json.dumps(body, indent=1), encoding="utf-8")
            temporary.replace(self.path)
        except OSError as error:
            log.warning("The GP job records could not be saved to %s (%s).", self.path, error)


def default_path() -> Path:
    return Path(QgsApplication.qgisSettingsDirPath()) / "remote_gp" / "jobs.json"


_store: JobStore | None = None
_store_lock = threading.Lock()


def jobs() -> JobStore:
    """The plugin's store, made on first use. It lives in the main thread even when a Processing
    run on a worker thread makes it, so its signals always reach the main thread."""
    global _store
    with _store_lock:
        if _store is None:
            _store = JobStore(default_path())
            main = QCoreApplication.instance().thread()
            if _store.thread() != main:
                _store.moveToThread(main)
        return _store


def _record(job: AnyJob, connection: str, origin: str) -> JobRecord:
    # The task URL comes from a connection's REST root; its query, if any ever came along, is dropped
    # all the same, as a query is where a token would travel.
    record = JobRecord(
        job.id, connection, job.task.service.name, job.task.name, _no_query(job.task.url), origin, time.time()
    )
    record.job_url = _no_query(job.url)
    return record


def _no_query(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _copy(record: JobRecord) -> JobRecord:
    return replace(record, messages=list(record.messages))


def _read(path: Path) -> list[JobRecord]:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        if body.get("format") != FORMAT:
            raise ValueError(f"format {body.get('format')!r}")
        return [JobRecord.from_json(item) for item in body["jobs"]]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("The GP job records in %s are unreadable (%s); starting without them.", path, error)
        return []
