"""`remotegp:fanout`: one remote task run once per input layer, or once per group of features, with
every job in flight on the server at once and one loop following them all (gp_core's `wait_all`).

A batch of Processing runs holds one of QGIS's task threads per job for the whole job and runs few
at a time; here the server farm works on all the jobs together. Each group's inputs are read by the
remote algorithm's own `Reader`, exactly as a run of that algorithm reads them. Outputs go to one
folder: each feature output merged into one GeoPackage whose `GROUP_NAME` field names the group
each feature came from, or kept apart (one GeoPackage per job and output); rasters and files are
saved per job, other values are logged per job. A job that fails costs only its own group: the
others' results are kept, and the log names each failed group and counts them.

    processing.run("remotegp:fanout", {
        "ALGORITHM": "remotegp:localgpgpbufferbyvalbufferpoints",
        "INPUT": ["towers.shp"], "GROUP_BY": "district",
        "PARAMETERS": '{"Distance": 5, "Distance_UNIT": "Feet"}',
        "OUTPUT": "/tmp/buffers"})
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qgis.core import (
    NULL,
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsVectorLayer,
)

from ..gp_core import (
    FeatureSet,
    GPError,
    Job,
    Message,
    OutputRaster,
    RasterFile,
    RemoteFile,
    merge_feature_sets,
    submit,
    wait_all,
)
from .algorithm import NetworkCancel, RemoteAlgorithm
from .feedback import processing_run, report, user_cancelled
from .i18n import tr
from .jobstore import PROCESSING, CancelRequest, jobs
from .parameters import TEMPORARY, Reader, output_options
from .placement import Output, map_layer, picture_only, place, write_geopackage
from .product import PROVIDER_ID
from .source import Source

FANOUT_ID = "fanout"
#: The field of a merged output that names the group each feature came from.
GROUP_FIELD = "GROUP_NAME"


@dataclass
class Group:
    """The features one job gets: a whole layer, or a memory layer of some of its features."""

    label: str
    layer: QgsVectorLayer


@dataclass
class Run:
    """One group's job, once submitted; `error` says why the group failed ("" while it has not)."""

    number: int
    group: Group
    job: Job | None = None
    error: str = ""

    @property
    def file_prefix(self) -> str:
        """Unique within a run: the group's number, then its label in characters any file system takes."""
        return f"{self.number:02d}_" + (re.sub(r"[^\w-]+", "_", self.group.label).strip("_") or "group")


class FanOut(QgsProcessingAlgorithm):
    ALGORITHM, INPUT_PARAMETER, INPUT, GROUP_BY, CHUNK_SIZE = (
        "ALGORITHM",
        "INPUT_PARAMETER",
        "INPUT",
        "GROUP_BY",
        "CHUNK_SIZE",
    )
    PARAMETERS, MERGE, OUTPUT = "PARAMETERS", "MERGE", "OUTPUT"
    JOB_IDS, SUCCEEDED, FAILED = "JOB_IDS", "SUCCEEDED", "FAILED"

    def __init__(self):
        super().__init__()
        self._remote: RemoteAlgorithm | None = None
        self._source: Source | None = None

    def createInstance(self) -> FanOut:  # noqa: N802 (QGIS's names below)
        return FanOut()

    def name(self) -> str:
        return FANOUT_ID

    def displayName(self) -> str:  # noqa: N802
        return tr("Fan out a remote task")

    def group(self) -> str:
        return tr("Job tools")

    def groupId(self) -> str:  # noqa: N802
        return "jobtools"

    def shortHelpString(self) -> str:  # noqa: N802
        return tr(
            "Runs an asynchronous remote task once per input layer, or once per group of features (by the "
            "values of a field, and/or every N features), with all its jobs running on the server at once: "
            "much faster than a batch, which runs the jobs a few at a time.\n\n"
            "Remote algorithm: its id, as the Processing Toolbox's tooltip shows it "
            "(remotegp: then the connection's, service's and task's names). Input parameter: the task's "
            "feature input that gets "
            "each group (left empty: the task's only feature input). Other parameters: the task's other "
            'values as a JSON object, as processing.run takes them, e.g. {"Distance": 5, "Distance_UNIT": '
            '"Feet"}.\n\n'
            "Outputs go to the output folder: each feature output as one GeoPackage with a GROUP_NAME field "
            "naming each feature's group (merged), or one GeoPackage per group (kept apart); rasters and "
            "files per group. A failed job loses only its group: the log names it, and FAILED counts them. "
            "Cancel cancels every job on the server. Synchronous tasks have no jobs to fan out: run them "
            "in batch mode."
        )

    def initAlgorithm(self, config: dict | None = None) -> None:  # noqa: N802
        self.addParameter(QgsProcessingParameterString(self.ALGORITHM, tr("Remote algorithm (id)")))
        self.addParameter(
            QgsProcessingParameterMultipleLayers(self.INPUT, tr("Input layers"), QgsProcessing.TypeVectorAnyGeometry)
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.INPUT_PARAMETER, tr("Task input that gets the features (its only one when empty)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.GROUP_BY, tr("Group features by this field"), optional=True)
        )
        chunk = QgsProcessingParameterNumber(
            self.CHUNK_SIZE, tr("Features per job (all when empty)"), QgsProcessingParameterNumber.Integer, None, True
        )
        chunk.setMinimum(1)
        self.addParameter(chunk)
        self.addParameter(
            QgsProcessingParameterString(
                self.PARAMETERS, tr("Other parameters of the task (JSON)"), "{}", multiLine=True, optional=True
            )
        )
        self.addParameter(QgsProcessingParameterBoolean(self.MERGE, tr("Merge the feature outputs"), True))
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT, tr("Output folder")))
        self.addOutput(QgsProcessingOutputString(self.JOB_IDS, tr("Job ids")))
        self.addOutput(QgsProcessingOutputNumber(self.SUCCEEDED, tr("Jobs succeeded")))
        self.addOutput(QgsProcessingOutputNumber(self.FAILED, tr("Jobs failed")))

    # -- checks, on the main thread --------------------------------------------------------------------

    def checkParameterValues(self, parameters: dict, context: QgsProcessingContext) -> tuple[bool, str]:  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if ok:
            message = self._problem(parameters, context)
        return not message, message

    def prepareAlgorithm(  # noqa: N802
        self,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> bool:
        """On the main thread: reading the authentication database may ask for the master password."""
        problem = self._problem(parameters, context)
        if problem:
            raise QgsProcessingException(problem)
        remote = self._resolve(parameters, context)
        assert remote is not None  # (no problem)
        self._remote = remote.create()
        self._source = Source.read(remote.connection)
        return True

    def _problem(self, parameters: dict, context: QgsProcessingContext) -> str:
        """What keeps these values from running, or ""."""
        remote = self._resolve(parameters, context)
        if remote is None:
            return tr(
                "'{id}' is no remote algorithm of Remote GP: give the id of a remote task (the Processing "
                "Toolbox's tooltip shows it: remotegp: then the connection's, service's and task's names)."
            ).format(id=self.parameterAsString(parameters, self.ALGORITHM, context))
        if remote.task.is_synchronous:
            return tr(
                "'{task}' is a synchronous task: the server answers each run at once, so there are no jobs "
                "to fan out. Run it in batch mode instead."
            ).format(task=remote.displayName())
        try:
            target = self._target(remote, parameters, context)
            values = self._values(remote, target, parameters, context)
        except QgsProcessingException as error:
            return str(error)
        layers = self.parameterAsLayerList(parameters, self.INPUT, context)
        field = self.parameterAsString(parameters, self.GROUP_BY, context).strip()
        for layer in layers:
            if field and layer.fields().lookupField(field) < 0:
                return tr("The layer '{layer}' has no field '{field}' to group by.").format(
                    layer=layer.name(), field=field
                )
        if layers:
            # (its outputs are not Processing's here: any destination will do)
            unused = dict.fromkeys((d.name() for d in remote.destinationParameterDefinitions()), TEMPORARY)
            ok, message = remote.checkParameterValues({**unused, **values, target: layers[0]}, context)
            if not ok:
                return tr("{task}: {problem}").format(task=remote.displayName(), problem=message)
        return ""

    def _resolve(self, parameters: dict, context: QgsProcessingContext) -> RemoteAlgorithm | None:
        text = self.parameterAsString(parameters, self.ALGORITHM, context).strip()
        name = text[len(PROVIDER_ID) + 1 :] if text.startswith(PROVIDER_ID + ":") else text
        provider = self.provider()
        found = provider.algorithm(name) if provider is not None and name else None
        return found if isinstance(found, RemoteAlgorithm) else None

    def _target(self, remote: RemoteAlgorithm, parameters: dict, context: QgsProcessingContext) -> str:
        """The name of the task's feature input that gets the groups."""
        inputs = [d.name() for d in remote.parameterDefinitions() if isinstance(d, QgsProcessingParameterFeatureSource)]
        chosen = self.parameterAsString(parameters, self.INPUT_PARAMETER, context).strip()
        if chosen:
            if chosen not in inputs:
                raise QgsProcessingException(
                    tr("'{name}' is not a feature input of {task}; its feature inputs: {inputs}.").format(
                        name=chosen, task=remote.displayName(), inputs=", ".join(inputs) or tr("none")
                    )
                )
            return chosen
        if len(inputs) != 1:
            raise QgsProcessingException(
                tr("{task} has {count} feature inputs: name the one that gets the features ({inputs}).").format(
                    task=remote.displayName(), count=len(inputs), inputs=", ".join(inputs) or tr("none")
                )
            )
        return inputs[0]

    def _values(
        self, remote: RemoteAlgorithm, target: str, parameters: dict, context: QgsProcessingContext
    ) -> dict[str, Any]:
        """The task's other values, from the JSON object the user gave."""
        text = self.parameterAsString(parameters, self.PARAMETERS, context).strip() or "{}"
        try:
            values = json.loads(text)
        except ValueError as error:
            raise QgsProcessingException(
                tr("The other parameters are not a JSON object: {error}.").format(error=error)
            ) from None
        if not isinstance(values, dict):
            raise QgsProcessingException(tr('The other parameters must be a JSON object, e.g. {"Distance": 5}.'))
        names = [d.name() for d in remote.parameterDefinitions()]
        unknown = [name for name in values if name not in names or name == target]
        if unknown:
            raise QgsProcessingException(
                tr("{task} has no other parameter {unknown}; its parameters: {names}.").format(
                    task=remote.displayName(),
                    unknown=", ".join(f"'{name}'" for name in unknown),
                    names=", ".join(name for name in names if name != target),
                )
            )
        return values

    # -- the run ---------------------------------------------------------------------------------------

    def processAlgorithm(  # noqa: N802
        self,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        with processing_run(feedback):
            return self._run(parameters, context, feedback)

    def _run(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> dict:
        remote, source = self._remote, self._source
        assert remote is not None and source is not None  # (prepared)
        source.check()  # a stored login that could not be read stops the run, as a remote algorithm's
        target = self._target(remote, parameters, context)
        values = self._values(remote, target, parameters, context)
        runs = [Run(number, group) for number, group in enumerate(self._groups(parameters, context, feedback), start=1)]
        network = NetworkCancel(feedback)
        server = source.server(cancelled=network)
        feedback.pushInfo(
            tr("{task} on {connection}: {count} job(s).").format(
                task=remote.task.name, connection=source.connection.name, count=len(runs)
            )
        )
        # one output CRS for every job (by default the first layer's), so that merged outputs agree
        first = {**values, target: runs[0].group.layer} if runs else values
        options = output_options(remote, first, context, feedback, remote.task)
        for run in runs:
            if feedback.isCanceled():
                break
            try:
                inputs = Reader(remote, {**values, target: run.group.layer}, context, feedback).inputs(remote.task)
                run.job = submit(server, remote.task, inputs, options)
            except GPError as error:
                run.error = str(error)
        with network.lifted():
            self._follow(runs, source, feedback)
        ids = ",".join(run.job.id for run in runs if run.job is not None)
        if feedback.isCanceled():
            return {self.JOB_IDS: ids}
        folder = Path(self.parameterAsString(parameters, self.OUTPUT, context))
        folder.mkdir(parents=True, exist_ok=True)
        Results(folder, context, feedback).store(runs, self.parameterAsBool(parameters, self.MERGE, context))
        failed = [run for run in runs if run.error]
        _report_failures(failed, len(runs), feedback)
        return {
            self.OUTPUT: str(folder),
            self.JOB_IDS: ids,
            self.SUCCEEDED: len(runs) - len(failed),
            self.FAILED: len(failed),
        }

    def _groups(self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> list[Group]:
        layers = self.parameterAsLayerList(parameters, self.INPUT, context)
        field = self.parameterAsString(parameters, self.GROUP_BY, context).strip()
        chunk = self.parameterAsInt(parameters, self.CHUNK_SIZE, context) if parameters.get(self.CHUNK_SIZE) else 0
        groups = []
        for layer in layers:
            named = len(layers) > 1 or not field
            for parts, ids in _split(layer, field, chunk):
                label = " — ".join(([layer.name()] if named else []) + parts)
                groups.append(Group(label, layer if ids is None else _subset(layer, ids, label, feedback)))
        return groups

    def _follow(self, runs: list[Run], source: Source, feedback: QgsProcessingFeedback) -> None:
        """Follow every submitted job in one loop; progress is the share of jobs ended. The job
        monitor lists them all; its Cancel on any of them cancels the whole fan-out."""
        submitted = [(run, run.job) for run in runs if run.job is not None]
        store, requested = jobs(), CancelRequest()
        labels = {job: run.group.label for run, job in submitted}
        ended: set[Job] = set()

        def update(job: Job, new: list[Message]) -> None:
            for message in new:
                report(feedback, Message(message.type, f"{labels[job]}: {message.description}"))
            store.update(job, new)
            if job.is_ended and job not in ended:
                ended.add(job)
                feedback.setProgress(100 * len(ended) / len(submitted))

        with ExitStack() as following:
            for _, job in submitted:
                following.enter_context(store.following(job, source.connection.key, PROCESSING, requested))
            given_up = wait_all(list(labels), update, lambda: user_cancelled(feedback) or requested.is_set())
            for job, error in given_up.items():
                store.failed(job.id, error)  # (a job the server no longer knows is marked lost)
        if requested.is_set():
            feedback.cancel()
        if feedback.isCanceled():
            feedback.pushInfo(tr("Cancel sent to the server for {count} job(s).").format(count=len(submitted)))
            return
        for run, job in submitted:
            run.error = _failure(job, given_up.get(job))


def _failure(job: Job, lost: GPError | None) -> str:
    """Why a followed job's group has no results ("" when it succeeded): following it failed (`lost`),
    or the job did not succeed."""
    if lost is not None:
        return str(lost)
    try:
        job.check()
    except GPError as error:
        return str(error)
    return ""


def _split(layer: QgsVectorLayer, field: str, chunk: int) -> Iterator[tuple[list[str], list[int] | None]]:
    """The layer's groups: (label parts, feature ids), or ([], None) for the whole layer."""
    if not field and not chunk:
        yield [], None
        return
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    index = layer.fields().lookupField(field) if field else -1
    request.setSubsetOfAttributes([index] if index >= 0 else [])
    buckets: dict[str | None, list[int]] = {}
    for feature in layer.getFeatures(request):
        value = feature.attribute(index) if index >= 0 else None
        buckets.setdefault(None if value is None or value == NULL else str(value), []).append(feature.id())
    for value, ids in buckets.items():
        parts = [tr("NULL") if value is None else value] if field else []
        step = chunk or len(ids)
        for start in range(0, len(ids), step):
            number = [tr("part {number}").format(number=start // step + 1)] if chunk else []
            yield parts + number, ids[start : start + step]


def _subset(layer: QgsVectorLayer, ids: list[int], label: str, feedback: QgsProcessingFeedback) -> QgsVectorLayer:
    subset = layer.materialize(QgsFeatureRequest().setFilterFids(ids), feedback)
    subset.setName(label)
    return subset


def _report_failures(failed: list[Run], total: int, feedback: QgsProcessingFeedback) -> None:
    for run in failed:
        feedback.reportError(
            tr("Group '{group}' failed: {error}").format(group=run.group.label, error=run.error), False
        )
    if failed and len(failed) == total:
        raise QgsProcessingException(tr("All {count} jobs failed.").format(count=total))
    if failed:
        feedback.reportError(
            tr(
                "{failed} of {total} jobs failed ({groups}); the results of the others are in the output folder."
            ).format(failed=len(failed), total=total, groups=", ".join(f"'{run.group.label}'" for run in failed)),
            False,
        )


class Results:
    """The outputs of the succeeded jobs into one folder (a placement Destination for each value that
    is not merged)."""

    def __init__(self, folder: Path, context: QgsProcessingContext, feedback: QgsProcessingFeedback):
        self.folder = folder
        self.context = context
        self.feedback = feedback

    def store(self, runs: list[Run], merge: bool) -> None:
        parts: dict[str, list[tuple[str, FeatureSet]]] = {}
        labels: dict[str, str] = {}
        for run in runs:
            if run.error or run.job is None or self.feedback.isCanceled():
                continue
            try:
                for parameter in run.job.task.outputs:
                    value = run.job.output(parameter.name)
                    if merge and isinstance(value, FeatureSet):
                        parts.setdefault(parameter.name, []).append((run.group.label, value))
                        labels[parameter.name] = parameter.label
                        continue
                    output = Output(f"{run.file_prefix}_{parameter.name}", f"{run.group.label}: {parameter.label}")
                    place(value, output, self)
            except GPError as error:
                run.error = str(error)
        for name, merged in parts.items():
            self.features(Output(name, labels[name]), merge_feature_sets(merged, GROUP_FIELD))

    def features(self, output: Output, features: FeatureSet) -> None:
        path = self.folder / f"{output.name}.gpkg"
        source = write_geopackage(features, path)
        self.feedback.pushInfo(tr("{label}: {count} feature(s).").format(label=output.label, count=len(features)))
        self.load(map_layer("ogr", source, output.label), output.label)

    def raster(self, output: Output, raster: RasterFile | OutputRaster) -> None:
        path = raster.download(self.folder / f"{output.name}_{raster.name}")
        self.load(map_layer("gdal", str(path), output.label), output.label)

    def file(self, output: Output, remote: RemoteFile) -> None:
        path = remote.download(self.folder / f"{output.name}_{remote.name}")
        self.feedback.pushInfo(tr("{output}: saved as {path}").format(output=output.label, path=path))

    def service(self, output: Output, provider: str, uri: str) -> None:
        self.load(map_layer(provider, uri, output.label), output.label)

    def many(self, output: Output, values: list) -> None:
        for number, value in enumerate(values, start=1):
            place(value, output.item(number), self)

    def picture(self, output: Output) -> None:
        self.feedback.pushWarning(picture_only(output))

    def value(self, output: Output, value: Any) -> None:
        self.feedback.pushInfo(f"{output.label}: {value}")

    def load(self, layer, name: str) -> None:
        """Into the project when the run ends, as Processing loads its outputs."""
        if not layer.isValid():
            self.feedback.pushWarning(tr("{name}: QGIS cannot open {source}.").format(name=name, source=layer.source()))
            return
        self.context.temporaryLayerStore().addMapLayer(layer)
        self.context.addLayerToLoadOnCompletion(
            layer.id(), QgsProcessingContext.LayerDetails(name, self.context.project(), name)
        )
