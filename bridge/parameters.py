"""Task parameters as Processing parameters, and Processing values as task inputs.

Each GP data type maps to the Processing parameter a QGIS user expects: feature layers to a
feature source filtered by geometry type, record sets to any vector layer, rasters to a raster
layer, files to a file, units to a number plus a unit choice (`<name>_UNIT`), choice lists and
coded values to an enum (the name is shown; the task's value is sent), value tables to a matrix,
extents, spatial references, fields and dates to their Processing parameters. Outputs become
optional sinks, raster/file/folder destinations (temporary by default), or string/number/boolean
outputs; a task with feature outputs also gets the choice of their CRS (`OutputCrs`). Names are the
task's own, so `processing.run` takes the GP parameter names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Union

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSource,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputDefinition,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMatrix,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QDateTime

from ..gp_core import (
    EXTENTS,
    FEATURES,
    QUANTITIES,
    RASTERS,
    SPATIAL_REFERENCES,
    STRINGS,
    Extent,
    FeatureSet,
    Options,
    Parameter,
    Task,
    schema_of,
    text_of,
)
from .features import esri_field, esri_type, feature_set_from_source, reference_for
from .feedback import in_qgis_process
from .help import plain, sanitised
from .i18n import tr

OUTPUT_CRS, KEEP_SERVICE_CRS = "OUTPUT_CRS", "KEEP_SERVICE_CRS"
JOB_ID = "JOB_ID"
GEOMETRY_FEATURES = "GPFeatureRecordSetLayer"
UNIT = "_UNIT"  # not "_UNITS": qgis_process would take `--distance_units` for its own option
TEMPORARY = QgsProcessing.TEMPORARY_OUTPUT
# The units a unit choice offers, by Esri's names without prefix, each system from small to large:
# not gp_core's whole tables (unknown units, typographic points, the international and US survey
# variants of the same unit).
_OFFERED_UNITS = {
    "GPLinearUnit": (
        *("Millimeters", "Centimeters", "Meters", "Kilometers"),
        *("Inches", "Feet", "Yards", "Miles", "NauticalMiles", "DecimalDegrees"),
    ),
    "GPArealUnit": (
        *("SquareMillimeters", "SquareCentimeters", "SquareMeters", "Ares", "Hectares", "SquareKilometers"),
        *("SquareInches", "SquareFeet", "SquareYards", "Acres", "SquareMiles"),
    ),
    "GPTimeUnit": (
        *("Milliseconds", "Seconds", "Minutes", "Hours", "Days"),
        *("Weeks", "Months", "Years", "Decades", "Centuries"),
    ),
}
_GEOMETRY_TYPES = {
    "esriGeometryPoint": QgsProcessing.TypeVectorPoint,
    "esriGeometryMultipoint": QgsProcessing.TypeVectorPoint,
    "esriGeometryPolyline": QgsProcessing.TypeVectorLine,
    "esriGeometryPolygon": QgsProcessing.TypeVectorPolygon,
    "esriGeometryEnvelope": QgsProcessing.TypeVectorPolygon,
}
# By arcpy's names, as Rules.field_types gives them.
_FIELD_TYPES = {
    **dict.fromkeys(("Short", "Long", "BigInteger", "Float", "Double"), QgsProcessingParameterField.Numeric),
    "Text": QgsProcessingParameterField.String,
    **dict.fromkeys(("Date", "DateOnly", "TimeOnly", "TimestampOffset"), QgsProcessingParameterField.DateTime),
}
Definition = Union[QgsProcessingParameterDefinition, QgsProcessingOutputDefinition]  # Python 3.9: no `|` of types


# -- definitions ------------------------------------------------------------------------------------
#
# A task parameter becomes Specs first: plain JSON data naming the Processing parameter and its
# arguments, every rule of the task applied. The description cache stores them at a refresh, so a
# start builds the Processing parameters of thousands of algorithms without making their tasks
# (see descriptions.py); `build` is the one place they are made, from the cache or from a Task.
# Translated labels and help texts are made by `build`, so the cache holds no language.

Spec = list
"""`[kind, help, *arguments]`: `help` is "" (none), the help text, or `[html, plain]` where the dialog's
(HTML) and qgis_process's (plain text) differ."""


def definitions(parameter: Parameter) -> list[Definition]:
    """The Processing parameters (and outputs) standing for one task parameter."""
    plain = in_qgis_process()
    return [build(spec, plain) for spec in specs(parameter)]


def specs(parameter: Parameter) -> list[Spec]:
    """The specs of one task parameter's Processing parameters (and outputs)."""
    made = (_input if parameter.is_input else _output)(parameter)
    described = _help(parameter.description)
    return [[kind, "" if kind in OUTPUT_KINDS else described, *arguments] for kind, *arguments in made]


def task_specs(task: Task) -> list[Spec]:
    """The specs of a task's whole algorithm: its parameters', the output CRS choice, the job id."""
    made = [spec for parameter in task.parameters for spec in specs(parameter)]
    output_crs = OutputCrs.of(task)
    if output_crs:
        made += [["output_crs", "", output_crs.crs], ["keep_service_crs", "", output_crs.keep]]
    if not task.is_synchronous:
        made.append(["job_id", "", JOB_ID])
    return made


def build(spec: Spec, plain: bool) -> Definition:
    """The Processing parameter (or output) a spec describes, with its help as the dialog shows it
    (`plain`: as qgis_process prints it)."""
    kind, described, *arguments = spec
    made = _BUILDERS[kind](*arguments)
    if described:
        made.setHelp(described if isinstance(described, str) else described[1 if plain else 0])
    return made


def _help(description: str) -> str | list[str]:
    """A spec's help: once where HTML and plain text are the same (most descriptions are plain)."""
    if not description:
        return ""
    shown, printed = sanitised(description), plain(description)
    return shown if shown == printed else [shown, printed]


def _input(p: Parameter) -> list[list]:
    base, optional, default, rules = p.data_type.base, not p.is_required, _plain_default(p), p.rules
    if rules.coded_values:
        names = [name for name, _ in rules.coded_values]
        chosen = next((name for name, value in rules.coded_values if value == default), None)
        return [["choice", p.name, p.label, names, chosen, optional, False]]
    if rules.choice_list and base in STRINGS:
        return [["choice", p.name, p.label, rules.choice_list, _choice(rules.choice_list, default), optional, False]]
    if base in STRINGS:
        return [["string", p.name, p.label, default, base == "GPSQLExpression", optional]]
    if base in ("GPLong", "GPDouble"):
        low, high = (_double(bound) for bound in rules.bounds)
        number = default if isinstance(default, (int, float)) else None
        return [["number", p.name, p.label, base == "GPLong", number, optional, low, high]]
    if base == "GPBoolean":
        return [["boolean", p.name, p.label, bool(default), optional]]
    if base == "GPDate":
        return [["date", p.name, p.label, int(default) if isinstance(default, (int, float)) else None, optional]]
    if base in QUANTITIES:
        return _quantity(p, optional)
    if base in FEATURES:
        return [["source", p.name, p.label, _layer_types(p), optional]]
    if base in RASTERS:
        return [["raster", p.name, p.label, optional]]
    if base == "GPDataFile":
        return [["file", p.name, p.label, rules.extensions, optional]]
    if base == "GPMultiValue":
        return [_multivalue(p, optional)]
    if base == "GPValueTable" and p.columns:
        rows = [cell for row in default if isinstance(row, list) for cell in row] if isinstance(default, list) else []
        return [["matrix", p.name, p.label, [c.name for c in p.columns], rows or None, optional]]
    if base in SPATIAL_REFERENCES:
        return [["crs", p.name, p.label, optional]]
    if base in EXTENTS:
        return [["extent", p.name, p.label, optional]]
    if base == "Field":
        return [["field", p.name, p.label, p.dependency or "", _field_kind(p), optional]]
    # GPComposite, a value table without column descriptions, and types Remote GP does not know:
    # text, which gp_core reads (and warns about when it cannot).
    return [["string", p.name, p.label, _text_default(default), False, optional]]


def _double(bound: int | float | None) -> float | None:
    """A range bound as Processing takes it; None past the range of a double, where it bounds nothing."""
    try:
        return None if bound is None else float(bound)
    except OverflowError:
        return None


def _quantity(p: Parameter, optional: bool) -> list[list]:
    kind = QUANTITIES[p.data_type.base]
    default = p.default_value if isinstance(p.default_value, dict) else {}
    amount = default.get(kind.KEY)
    unit = text_of(default.get("units")) or kind.DEFAULT
    known = unit in kind.TABLE
    unit = unit[len(kind.PREFIX) :]
    return [
        ["number", p.name, p.label, False, amount if isinstance(amount, (int, float)) else None, optional, None, None],
        ["unit", p.name + UNIT, p.label, p.data_type.base, unit if known else None],
    ]


class Choice(QgsProcessingParameterEnum):
    """A choice list, coded values or a unit: its options, given as `qgis_process help` says (an
    option's number) or by the option's text in any case. QGIS 3.22's enums take either numbers
    (options without static strings) or the exact option text (with them); this one keeps the text,
    as saved models and scripts give it, and takes both. Where an option's text is a number too, the
    text wins."""

    def __init__(
        self,
        name: str,
        description: str,
        options: list[str],
        default: Any = None,
        optional: bool = False,
        multiple: bool = False,
    ):
        super().__init__(name, description, options, multiple, default, optional, True)

    def clone(self) -> Choice:
        optional = bool(self.flags() & QgsProcessingParameterDefinition.FlagOptional)
        copy = Choice(
            self.name(), self.description(), self.options(), self.defaultValue(), optional, self.allowMultiple()
        )
        copy.setFlags(self.flags())
        copy.setHelp(self.help())
        copy.setMetadata(self.metadata())
        return copy

    def checkValueIsAcceptable(self, value: Any, context: QgsProcessingContext | None = None) -> bool:  # noqa: N802
        return self.chosen(value) is not None or super().checkValueIsAcceptable(value, context)

    def option(self, value: Any) -> str | None:
        """The option a value names: its number (an integer or its digits) or its text in any
        case; None for anything else. Never raises: an exception here would abort QGIS."""
        text = str(value) if isinstance(value, int) else value  # True: "True", no option's number
        options = self.options()
        named = {**{str(number): option for number, option in enumerate(options)}, **{o.lower(): o for o in options}}
        return named.get(text.strip().lower()) if isinstance(text, str) else None

    def chosen(self, value: Any) -> list[str] | None:
        """The options a value names: one option, or for a multiple choice a list of them or their
        numbers or texts separated by commas; None when any part names no option (or a single choice
        is given several). Never raises."""
        one = self.option(value)
        if one is not None:
            return [one]
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list) or not value or not self.allowMultiple():
            return None
        options = [self.option(part) for part in value]
        return None if None in options else [option for option in options if option is not None]


def _multivalue(p: Parameter, optional: bool) -> list:
    member = p.data_type.member or "GPString"
    if member in FEATURES:
        return ["layers", p.name, p.label, QgsProcessing.TypeVectorAnyGeometry, optional]
    if member in RASTERS:
        return ["layers", p.name, p.label, QgsProcessing.TypeRaster, optional]
    choices = p.rules.choice_list
    if choices:
        default = [_choice(choices, v) for v in p.default_value] if isinstance(p.default_value, list) else []
        return ["choice", p.name, p.label, choices, [v for v in default if v] or None, optional, True]
    text = ";".join(map(str, p.default_value)) if isinstance(p.default_value, list) and p.default_value else None
    return ["values", p.name, p.label, text, optional]


def _output(p: Parameter) -> list[list]:
    """Destinations are optional with a temporary default, so that a run given none (`qgis_process
    run`, `processing.run`) puts every output in a temporary layer or file: in 3.22 both refuse a run that
    leaves out a required destination, default or not. A destination given as None or "" is skipped
    (`skipped`)."""
    base, member = p.data_type.base, p.data_type.member
    if base in FEATURES:
        kind = (
            QgsProcessing.TypeVector
            if base == "GPRecordSet"
            else _GEOMETRY_TYPES.get(_geometry_type(p), QgsProcessing.TypeVectorAnyGeometry)
        )
        return [["sink", p.name, p.label, kind]]
    if base in RASTERS:
        return [["raster_destination", p.name, p.label]]
    if base == "GPDataFile":
        return [["file_destination", p.name, p.label]]
    if base == "GPMultiValue" and (member in FEATURES or member in RASTERS or member == "GPDataFile"):
        return [["folder_destination", p.name, p.label]]
    if base in ("GPLong", "GPDouble"):
        return [["number_output", p.name, p.label]]
    if base == "GPBoolean":
        return [["boolean_output", p.name, p.label]]
    return [["string_output", p.name, p.label]]


def _number(name: str, label: str, integer: bool, default: Any, optional: bool, low: Any, high: Any) -> Definition:
    kind = QgsProcessingParameterNumber.Integer if integer else QgsProcessingParameterNumber.Double
    number = QgsProcessingParameterNumber(name, label, kind, default, optional)
    if low is not None:
        number.setMinimum(low)
    if high is not None:
        number.setMaximum(high)
    return number


def _date(name: str, label: str, default: int | None, optional: bool) -> Definition:
    moment = QDateTime.fromMSecsSinceEpoch(default) if default is not None else None
    return QgsProcessingParameterDateTime(name, label, QgsProcessingParameterDateTime.DateTime, moment, optional)


def _file(name: str, label: str, extensions: list[str], optional: bool) -> Definition:
    accepted = (
        tr("Accepted files ({patterns})").format(patterns=" ".join("*." + e for e in extensions)) + ";;"
        if extensions
        else ""
    )
    file_filter = accepted + tr("All files (*.*)")
    return QgsProcessingParameterFile(name, label, QgsProcessingParameterFile.File, "", None, optional, file_filter)


def _unit(name: str, label: str, data_type: str, default: str | None) -> Definition:
    """The unit choice of a quantity: the units offered, and the task's own default, however unusual."""
    offered = list(_OFFERED_UNITS[data_type])
    if default is not None and default not in offered:
        offered.append(default)
    return Choice(name, tr("{label} (unit)").format(label=label), offered, default)


def _advanced(definition: QgsProcessingParameterDefinition, described: str) -> Definition:
    definition.setHelp(described)
    definition.setFlags(definition.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
    return definition


def _output_crs(name: str) -> Definition:
    crs = QgsProcessingParameterCrs(name, tr("Output CRS (default: the first input layer's)"), None, True)
    return _advanced(
        crs,
        tr(
            "The CRS the server returns output features in. Left empty, the CRS of the first input "
            "layer; the service's own CRS when no input layer has one."
        ),
    )


def _keep_service_crs(name: str) -> Definition:
    keep = QgsProcessingParameterBoolean(name, tr("Keep the service's CRS for output features"), False, True)
    return _advanced(keep, tr("Output features come back in the CRS the service gives them, not in the output CRS."))


# Each kind of spec, from its arguments to its Processing parameter or output.
_BUILDERS: dict[str, Callable[..., Definition]] = {
    "choice": Choice,
    "unit": _unit,
    "string": QgsProcessingParameterString,
    "values": lambda name, label, default, optional: QgsProcessingParameterString(
        name, tr("{label} (separate values with ;)").format(label=label), default, False, optional
    ),
    "number": _number,
    "boolean": QgsProcessingParameterBoolean,
    "date": _date,
    "source": lambda name, label, types, optional: QgsProcessingParameterFeatureSource(
        name, label, types, None, optional
    ),
    "raster": lambda name, label, optional: QgsProcessingParameterRasterLayer(name, label, None, optional),
    "file": _file,
    "layers": lambda name, label, kind, optional: QgsProcessingParameterMultipleLayers(
        name, label, kind, None, optional
    ),
    "matrix": lambda name, label, headers, rows, optional: QgsProcessingParameterMatrix(
        name, label, 1, False, headers, rows, optional
    ),
    "crs": lambda name, label, optional: QgsProcessingParameterCrs(name, label, None, optional),
    "extent": lambda name, label, optional: QgsProcessingParameterExtent(name, label, None, optional),
    "field": lambda name, label, parent, kind, optional: QgsProcessingParameterField(
        name, label, None, parent, kind, False, optional
    ),
    "sink": lambda name, label, kind: QgsProcessingParameterFeatureSink(name, label, kind, TEMPORARY, True, True),
    "raster_destination": lambda name, label: QgsProcessingParameterRasterDestination(name, label, TEMPORARY, True),
    "file_destination": lambda name, label: QgsProcessingParameterFileDestination(
        name, label, "All files (*.*)", TEMPORARY, True
    ),
    "folder_destination": lambda name, label: QgsProcessingParameterFolderDestination(name, label, TEMPORARY, True),
    "number_output": QgsProcessingOutputNumber,
    "boolean_output": QgsProcessingOutputBoolean,
    "string_output": QgsProcessingOutputString,
    "output_crs": _output_crs,
    "keep_service_crs": _keep_service_crs,
    "job_id": lambda name: QgsProcessingOutputString(name, tr("Job id")),
}
OUTPUT_KINDS = frozenset(("number_output", "boolean_output", "string_output", "job_id"))
"""The kinds that are Processing outputs (`addOutput`); the others are parameters."""


def _geometry_type(p: Parameter) -> str:
    """The geometry type a features parameter's default schema names ("" for none): read alone, since
    reading the whole schema (`schema_of`) for every features parameter of every task took a tenth
    of the provider's start."""
    default = p.default_value
    return text_of(default.get("geometryType")) if isinstance(default, dict) else ""


def _has_geometry(p: Parameter) -> bool:
    """Whether the parameter's values are features with geometries (alone or in a list)."""
    return GEOMETRY_FEATURES in (p.data_type.base, p.data_type.member)


@dataclass(frozen=True)
class OutputCrs:
    """The choice of the CRS output features come back in, for a task with feature outputs: an
    optional CRS (default: the first input layer's) and a box to keep the service's own. The choice
    is sent as the job's output spatial reference (`env:outSR`): the server projects the features.
    The names are the task's own unless a task parameter has one (then prefixed, see `_free`)."""

    crs: str
    keep: str

    @classmethod
    def of(cls, task: Task) -> OutputCrs | None:
        """None for a task without feature outputs: it has nothing to project."""
        if not any(_has_geometry(p) for p in task.outputs):
            return None
        taken = {name.lower() for p in task.parameters for name in (p.name, p.name + UNIT)}
        return cls(_free(OUTPUT_CRS, taken), _free(KEEP_SERVICE_CRS, taken))

    def chosen(
        self, algorithm: QgsProcessingAlgorithm, parameters: dict, context: QgsProcessingContext, task: Task
    ) -> QgsCoordinateReferenceSystem:
        """The CRS to ask for; an invalid one to keep the service's."""
        chosen = algorithm.parameterAsCrs(parameters, self.crs, context)
        if not algorithm.parameterAsBool(parameters, self.keep, context):
            return chosen if chosen.isValid() else _first_layer_crs(algorithm, parameters, context, task)
        if chosen.isValid():
            raise QgsProcessingException(
                tr("An output CRS ({crs}) is given and the service's CRS is to be kept: choose one of the two.").format(
                    crs=chosen.authid() or chosen.description()
                )
            )
        return QgsCoordinateReferenceSystem()


def output_options(
    algorithm: QgsProcessingAlgorithm,
    parameters: dict,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    task: Task,
) -> Options:
    """How the server is to return the run's outputs: in the output CRS the user chose, if any."""
    choice = OutputCrs.of(task)
    crs = choice.chosen(algorithm, parameters, context, task) if choice else QgsCoordinateReferenceSystem()
    reference = reference_for(crs)
    if reference is None:
        return Options()
    feedback.pushInfo(tr("Output features asked for in {crs}.").format(crs=crs.authid() or crs.description()))
    return Options(out_sr=reference)


def _first_layer_crs(
    algorithm: QgsProcessingAlgorithm, parameters: dict, context: QgsProcessingContext, task: Task
) -> QgsCoordinateReferenceSystem:
    """The CRS of the first feature input given a layer with a CRS (invalid for none)."""
    for p in task.inputs:
        if not _has_geometry(p):
            continue
        definition = algorithm.parameterDefinition(p.name)
        if isinstance(definition, QgsProcessingParameterFeatureSource):
            source = algorithm.parameterAsSource(parameters, p.name, context)
            crs = source.sourceCrs() if source is not None else QgsCoordinateReferenceSystem()
        elif isinstance(definition, QgsProcessingParameterMultipleLayers):
            layers = algorithm.parameterAsLayerList(parameters, p.name, context)
            crs = layers[0].crs() if layers else QgsCoordinateReferenceSystem()
        else:
            continue
        if crs.isValid():
            return crs
    return QgsCoordinateReferenceSystem()


def _free(name: str, taken: set[str]) -> str:
    """`name`, prefixed with REMOTEGP_ while a task parameter has it (names differ in more than case
    in Processing)."""
    while name.lower() in taken:
        name = "REMOTEGP_" + name
    return name


def _layer_types(p: Parameter) -> list[int]:
    """The layer types a featureClass filter allows; without one (or one that names no type Remote GP
    knows), the geometry type of the task's schema; any layer when that has none either."""
    if p.data_type.base == "GPRecordSet":
        return [QgsProcessing.TypeVector]
    kinds = p.rules.geometry_types or [_geometry_type(p)]
    types = sorted({_GEOMETRY_TYPES[k] for k in kinds if k in _GEOMETRY_TYPES})
    return types or [QgsProcessing.TypeVectorAnyGeometry]


def _field_kind(p: Parameter) -> int:
    """The field types a field filter allows, as one Processing field kind (Any when they mix)."""
    kinds = {_FIELD_TYPES.get(kind) for kind in p.rules.field_types}
    return kinds.pop() if len(kinds) == 1 and None not in kinds else QgsProcessingParameterField.Any  # type: ignore[return-value]  # not None


def _choice(choices: list[str], default: Any) -> str | None:
    """The choice a default names (without regard to case), as the task spells it; None for none."""
    text = str(default).lower() if isinstance(default, (str, int, float)) else None
    return next((choice for choice in choices if choice.lower() == text), None)


def _plain_default(p: Parameter) -> Any:
    """A default a Processing parameter can show; schemas and `#` are no defaults."""
    default = p.default_value
    return None if default in ("", "#") or (isinstance(default, dict) and "fields" in default) else default


def _text_default(default: Any) -> str | None:
    return default if isinstance(default, str) else None


# -- values ---------------------------------------------------------------------------------------


@dataclass
class Reader:
    """Reads one run's Processing values as task inputs."""

    algorithm: QgsProcessingAlgorithm
    parameters: dict
    context: QgsProcessingContext
    feedback: QgsProcessingFeedback

    def inputs(self, task: Task) -> dict[str, Any]:
        """Only what the user gave: empty optionals are left out (and gp_core never sends them)."""
        values = {}
        for parameter in task.inputs:
            if self.feedback.isCanceled():
                break
            value = self.value(parameter)
            if value is not None:
                values[parameter.name] = value
        return values

    def value(self, p: Parameter) -> Any:
        raw = self.parameters.get(p.name)
        if raw is None or raw == "":
            return None
        base, alg, params, context = p.data_type.base, self.algorithm, self.parameters, self.context
        definition = alg.parameterDefinition(p.name)
        if isinstance(definition, Choice):
            chosen = definition.chosen(raw if isinstance(raw, list) else alg.parameterAsString(params, p.name, context))
            if chosen is None:  # a model's steps go unchecked in 3.22
                raise QgsProcessingException(
                    tr("{label}: '{value}' is none of the options ({options}).").format(
                        label=p.label, value=str(raw)[:100], options=", ".join(definition.options())
                    )
                )
            return chosen if definition.allowMultiple() else chosen[0]
        if base in QUANTITIES:
            # A model's steps go unchecked in 3.22: what the choice does not know, gp_core reads or refuses.
            unit = alg.parameterAsString(params, p.name + UNIT, context)
            choice = alg.parameterDefinition(p.name + UNIT)
            return alg.parameterAsDouble(params, p.name, context), choice.option(unit) or unit
        if base == "GPDate":
            moment = alg.parameterAsDateTime(params, p.name, context)
            return moment.toMSecsSinceEpoch() if moment.isValid() else None
        if isinstance(definition, QgsProcessingParameterFeatureSource):
            source = alg.parameterAsSource(params, p.name, context)
            return None if source is None else self.features(source, p)
        if isinstance(definition, QgsProcessingParameterRasterLayer):
            return self.raster_file(alg.parameterAsRasterLayer(params, p.name, context), p)
        if isinstance(definition, QgsProcessingParameterMultipleLayers):
            return self.layers(p)
        if isinstance(definition, QgsProcessingParameterMatrix):
            cells, width = alg.parameterAsMatrix(params, p.name, context), len(p.columns)
            return [cells[i : i + width] for i in range(0, len(cells), width)]
        if isinstance(definition, QgsProcessingParameterCrs):
            crs = alg.parameterAsCrs(params, p.name, context)
            return reference_for(crs) if crs.isValid() else None
        if isinstance(definition, QgsProcessingParameterExtent):
            return self.extent(p)
        if isinstance(definition, QgsProcessingParameterField):
            return self.field(p)
        if isinstance(definition, QgsProcessingParameterBoolean):
            return alg.parameterAsBool(params, p.name, context)
        if isinstance(definition, QgsProcessingParameterNumber):
            number = alg.parameterAsDouble(params, p.name, context)
            return int(number) if base == "GPLong" else number
        if isinstance(definition, QgsProcessingParameterFile):
            return alg.parameterAsFile(params, p.name, context) or None
        text = alg.parameterAsString(params, p.name, context)
        return _number_if_numeric(text) if base == "GPComposite" else text

    def features(self, source, p: Parameter) -> FeatureSet:
        """A record set is a table, whatever layer it is read from."""
        table = "GPRecordSet" in (p.data_type.base, p.data_type.member)
        return feature_set_from_source(source, _schema_for(p, source), self.context, self.feedback, table)

    def raster_file(self, layer, p: Parameter) -> str | None:
        """A raster input goes to the server as a file: the layer must be one on disk."""
        if layer is None:
            return None
        path = layer.source().split("|")[0]
        if layer.providerType() != "gdal" or not Path(path).is_file():
            raise QgsProcessingException(
                tr(
                    "{label}: '{layer}' is not a raster file on this computer; the service "
                    "needs a file it can upload (save the layer as a GeoTIFF first)."
                ).format(label=p.label, layer=layer.name())
            )
        return path

    def layers(self, p: Parameter) -> list:
        layers = self.algorithm.parameterAsLayerList(self.parameters, p.name, self.context)
        if p.data_type.member in RASTERS:
            return [self.raster_file(layer, p) for layer in layers]
        return [self.features(layer, p) for layer in layers]

    def extent(self, p: Parameter) -> Extent | None:
        rectangle = self.algorithm.parameterAsExtent(self.parameters, p.name, self.context)
        if rectangle.isNull():
            return None
        crs = self.algorithm.parameterAsExtentCrs(self.parameters, p.name, self.context)
        return Extent(
            rectangle.xMinimum(),
            rectangle.yMinimum(),
            rectangle.xMaximum(),
            rectangle.yMaximum(),
            reference_for(crs) if crs.isValid() else None,
        )

    def field(self, p: Parameter):
        """A field as the layer it belongs to describes it (name and type), else by name."""
        names = self.algorithm.parameterAsFields(self.parameters, p.name, self.context)
        if not names:
            return None
        source = self.algorithm.parameterAsSource(self.parameters, p.dependency, self.context) if p.dependency else None
        index = source.fields().lookupField(names[0]) if source is not None else -1
        return esri_field(source.fields().at(index)) if index >= 0 else names[0]  # type: ignore[union-attr]  # -1 without source


def _schema_for(p: Parameter, source: QgsFeatureSource) -> FeatureSet:
    """The task's schema, with the layer's geometry type when the task's featureClass filter takes
    it: the schema (the parameter's default) names one geometry type even where the filter takes
    several, and the input is offered layers of each (see `_layer_types`)."""
    schema = schema_of(p)
    kind = esri_type(source.wkbType())
    if kind in p.rules.geometry_types:
        schema.geometry_type = kind
    return schema


def _number_if_numeric(text: str) -> Any:
    try:
        return float(text)
    except ValueError:
        return text
