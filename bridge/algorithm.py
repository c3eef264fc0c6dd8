"""One remote GP task as a Processing algorithm, built from its cached description (so creating
it needs no network) and run through gp_core on QGIS's network stack. It is registered from its
cache entry (names and parameter specs); its Task is made when it runs or shows its help."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
)
from qgis.PyQt.QtGui import QIcon

from ..gp_core import (
    Execution,
    Job,
    JobStatus,
    Message,
    OgcResults,
    Outcome,
    Severity,
    Task,
    TaskJob,
    execute,
    execute_ogc,
    submit,
)
from .connections import Connection, slug
from .descriptions import Entry
from .feedback import (
    echo,
    errors_said_as_they_come,
    failed,
    in_qgis_process,
    processing_run,
    report,
    status_name,
    user_cancelled,
)
from .help import task_help
from .i18n import tr
from .jobstore import PROCESSING, CancelRequest, jobs
from .parameters import JOB_ID, OUTPUT_KINDS, Reader, build, output_options
from .results import Outputs
from .source import Source

_J = TypeVar("_J", Job, TaskJob)
"""A GP job, or an OGC job seen as one."""


def algorithm_id(connection: Connection, task: Task) -> str:
    """Stable across refreshes and restarts: the connection's key, the service and the task."""
    return _algorithm_id(connection, task.service.name, task.name)


def _algorithm_id(connection: Connection, service: str, task: str) -> str:
    return f"{connection.key}{slug(service)}{slug(task)}"


class NetworkCancel:
    """The cancel a run's requests obey: the user's, except while the run follows a job, whose
    cancel has to reach the server (`Job.wait` notices the user's cancel and sends it)."""

    def __init__(self, feedback: QgsProcessingFeedback):
        self._feedback = feedback
        self._lifted = False

    def __call__(self) -> bool:
        return not self._lifted and self._feedback.isCanceled()

    @contextmanager
    def lifted(self) -> Iterator[None]:
        self._lifted = True
        try:
            yield
        finally:
            self._lifted = False


class RemoteAlgorithm(QgsProcessingAlgorithm):
    def __init__(self, connection: Connection, entry: Entry, icon: QIcon | None = None):
        super().__init__()
        self.connection = connection
        self.entry = entry
        self._icon = icon or QIcon()
        self._source = Source(connection)
        self._id = _algorithm_id(connection, entry.service, entry.name)  # QGIS asks for it often

    @property
    def task(self) -> Task:
        return self.entry.task()

    def createInstance(self) -> RemoteAlgorithm:  # noqa: N802 (QGIS's names below)
        return RemoteAlgorithm(self.connection, self.entry, self._icon)

    def name(self) -> str:
        return self._id

    def displayName(self) -> str:  # noqa: N802
        return self.entry.display_name

    def group(self) -> str:
        return f"{self.connection.name} — {self.entry.service}"

    def groupId(self) -> str:  # noqa: N802
        return f"{self.connection.key}{slug(self.entry.service)}"

    def shortHelpString(self) -> str:  # noqa: N802
        return task_help(self.task)

    def helpUrl(self) -> str:  # noqa: N802
        return self.task.help_url

    def icon(self) -> QIcon:
        return self._icon

    def tags(self) -> list[str]:
        return [self.connection.name, self.entry.service, self.entry.name, "arcgis", "geoprocessing"]

    def initAlgorithm(self, config: dict | None = None) -> None:  # noqa: N802
        plain = in_qgis_process()
        for spec in self.entry.specs():
            if spec[0] in OUTPUT_KINDS:
                self.addOutput(build(spec, plain))
            else:
                self.addParameter(build(spec, plain))

    def prepareAlgorithm(  # noqa: N802
        self,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> bool:
        """On the main thread: reading the authentication database may ask for the master password."""
        self._source = Source.read(self.connection)
        return True

    def processAlgorithm(  # noqa: N802
        self,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        with processing_run(feedback):
            # Credentials that could not be read stop the run here, not in prepareAlgorithm, whose
            # exception processing.run turns into "There were errors executing the algorithm."
            self._source.check()
            return self._run(parameters, context, feedback)

    def _run(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        """Three steps on one progress bar: reading the inputs, the run on the server, the outputs."""
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        network = NetworkCancel(feedback)
        options = output_options(self, parameters, context, feedback, self.task)
        inputs = Reader(self, parameters, context, steps).inputs(self.task)
        if feedback.isCanceled():
            return {}
        steps.setCurrentStep(1)
        feedback.pushInfo(
            tr("{task} on {connection}: {url}").format(
                task=self.task.name, connection=self.connection.name, url=self.task.url
            )
        )
        outcome: Job | Execution | Outcome | TaskJob = (
            self._ogc(inputs, network, steps)
            if self.task.process is not None
            else self._gp(inputs, network, steps, options)
        )
        if isinstance(outcome, (Job, TaskJob)) and (not outcome.is_ended or outcome.status == JobStatus.CANCELLED):
            return {JOB_ID: outcome.id}
        steps.setCurrentStep(2)
        outputs = Outputs(self, parameters, context, steps)
        results = outputs.store(outcome)
        if isinstance(outcome, (Job, TaskJob)):
            results[JOB_ID] = outcome.id
        if isinstance(outcome, Job) and self.task.service.map_server_url:
            outputs.map_image(outcome, self._source)
        feedback.setProgress(100)
        return results

    def _gp(
        self, inputs: dict[str, Any], network: NetworkCancel, steps: QgsProcessingFeedback, options: Any
    ) -> Job | Execution:
        """A GP task's run: its results, or its job followed to its end (or its cancel)."""
        server = self._source.server(cancelled=network)
        if self.task.is_synchronous:
            execution = execute(server, self.task, inputs, options)
            for message in execution.messages:
                report(steps, message)
            return execution
        job = submit(server, self.task, inputs, options)
        with network.lifted():
            return self._follow(job, steps)

    def _ogc(self, inputs: dict[str, Any], network: NetworkCancel, steps: QgsProcessingFeedback) -> Outcome | TaskJob:
        """An OGC API - Processes process's run: its results, or its job followed as a GP job is."""
        answer = execute_ogc(self._source.ogc_server(cancelled=network), self.task, inputs)
        if isinstance(answer, OgcResults):
            return Outcome(self.task, answer)
        with network.lifted():
            return self._follow(TaskJob(answer, self.task), steps)

    def _follow(self, job: _J, feedback: QgsProcessingFeedback) -> _J:
        """Poll the job, echoing its messages and progress and recording it in the job store (whose
        Cancel is a cancel of the run). The network's cancel is lifted meanwhile (the cancel itself
        has to reach the server): `wait` notices the user's and cancels the job."""
        feedback.pushInfo(tr("Job {id} submitted.").format(id=job.id))
        store, requested, show = jobs(), CancelRequest(), echo(feedback)

        def update(job: _J, new: list[Message]) -> None:
            show(job, new)
            store.update(job, new)

        with store.following(job, self.connection.key, PROCESSING, requested):
            job.wait(on_update=update, cancelled=lambda: user_cancelled(feedback) or requested.is_set())
        if failed(job) and errors_said_as_they_come() and any(m.severity == Severity.ERROR for m in job.messages):
            raise QgsProcessingException(
                tr("Job {id} of task '{task}' ended as {status}: its errors are above.").format(
                    id=job.id, task=self.task.name, status=status_name(job.status)
                )
            )
        if failed(job):
            job.check()  # raises, with the error messages
        if job.status == JobStatus.CANCELLED or feedback.isCanceled() or requested.is_set():
            feedback.pushInfo(
                tr("Job {id}: cancel sent to the server; the job is {status}.").format(
                    id=job.id, status=status_name(job.status)
                )
            )
        return job
