"""Recorded jobs as gp_core Jobs again, built from the cached task descriptions (no network): at
plugin start, the jobs that had not ended when QGIS quit are followed until they end.

    from remote_gp.bridge.connections import ConnectionStore
    from remote_gp.bridge.jobresume import resume
    from remote_gp.bridge.jobstore import jobs
    resume(jobs(), ConnectionStore())        # once QGIS has started: it may ask for the master password
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from ..gp_core import AnyJob, GPError, Job, Task, TaskJob
from . import descriptions
from .connections import ConnectionStore
from .jobstore import NO_CONNECTION, NO_TASK, JobRecord, JobStore
from .jobtask import JobTask, follow
from .source import Source


def cached_task(
    record: JobRecord, load: Callable[[str], descriptions.Descriptions | None] = descriptions.load
) -> Task | None:
    """The record's task from its connection's cached descriptions; None when they no longer describe it."""
    cached = load(record.connection) if record.connection else None
    service = cached.services.get(record.service) if cached else None
    if service is None or record.task not in service.tasks:
        return None
    try:
        return service.task(service.service(), record.task)
    except GPError:  # a description the cache holds but gp_core cannot read
        return None


def job_for(record: JobRecord, task: Task, source: Source) -> AnyJob:
    """The recorded job on a new Server of its connection, in its last known state (no request)."""
    if task.process is not None:
        return TaskJob.of(source.ogc_server(), task, record.job_id, record.status, record.job_url)
    return Job(source.server(), task, record.job_id, record.status)


def resume(store: JobStore, connections: ConnectionStore) -> list[JobTask]:
    """Follow again every recorded job that has not ended and no one follows; mark the records
    whose connection or task description is gone (and unmark those that have them again). On the
    main thread: credentials are read, which may ask for the master password."""
    available = {connection.key: connection for connection in connections.all()}
    load = lru_cache(maxsize=None)(descriptions.load)
    sources: dict[str, Source] = {}
    following = []
    for record in store.records():
        connection = available.get(record.connection)
        task = cached_task(record, load) if connection else None
        store.mark(record.job_id, NO_CONNECTION if connection is None else NO_TASK if task is None else "")
        if connection is None or task is None or record.is_ended or store.is_followed(record.job_id):
            continue
        if connection.key not in sources:
            sources[connection.key] = Source.read(connection)
        following.append(follow(job_for(record, task, sources[connection.key]), store=store))
    return following
