"""One remote GP task as a Processing algorithm, built from its cached description (so creating
it needs no network) and run through gp_core on QGIS's network stack. It is registered from its
cache entry (names and parameter specs); its Task is made when it runs or shows its help."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
)
from qgis.PyQt.QtGui import QIcon

from ..gp_core import Execution, Job, JobStatus, Message, Severity, Task, execute, submit
from . import ogc_run
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
        if self.task.process is not None:
            return self._run_ogc(inputs, parameters, context, feedback, steps, network)
        server = self._source.server(cancelled=network)
        if self.task.is_synchronous:
            outcome: Job | Execution = execute(server, self.task, inputs, options)
            for message in outcome.messages:
                report(feedback, message)
        else:
            job = submit(server, self.task, inputs, options)
            with network.lifted():
                outcome = self._follow(job, steps)
            if not outcome.is_ended or outcome.status == JobStatus.CANCELLED:
                return {JOB_ID: outcome.id}
        steps.setCurrentStep(2)
        outputs = Outputs(self, parameters, context, steps)
        results = outputs.store(outcome)
        if isinstance(outcome, Job):
            results[JOB_ID] = outcome.id
            if self.task.service.map_server_url:
                outputs.map_image(outcome, self._source)
        feedback.setProgress(100)
        return results

    def _run_ogc(
        self,
        inputs: dict[str, Any],
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        steps: QgsProcessingMultiStepFeedback,
        network: NetworkCancel,
    ) -> dict:
        """`_run`'s second and third steps for an OGC API - Processes process."""
        server = self._source.ogc_server(cancelled=network)
        outcome, job_id = ogc_run.run(server, self.task, inputs, steps, network.lifted)
        results: dict[str, Any] = {JOB_ID: job_id} if job_id else {}
        if outcome is None:
            return results
        steps.setCurrentStep(2)
        results.update(Outputs(self, parameters, context, steps).store(outcome))
        feedback.setProgress(100)
        return results

    def _follow(self, job: Job, feedback: QgsProcessingFeedback) -> Job:
        """Poll the job, echoing its messages and progress and recording it in the job store (whose
        Cancel is a cancel of the run). The network's cancel is lifted meanwhile (the cancel itself
        has to reach the server): `wait` notices the user's and cancels the job."""
        feedback.pushInfo(tr("Job {id} submitted.").format(id=job.id))
        store, requested, show = jobs(), CancelRequest(), echo(feedback)

        def update(job: Job, new: list[Message]) -> None:
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
