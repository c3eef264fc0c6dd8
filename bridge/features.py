"""QGIS vector data ⇄ gp_core FeatureSets: layers and sources become the FeatureSets a task takes,
FeatureSets a task returns go into feature sinks.

Geometries cross as WKB (feature_geometry), attributes through one converter per column
(feature_values). Invalid geometries are skipped or refused as the Processing context's setting
says. These converters also run outside Processing (the job monitor's Load Results, the console):
they raise gp_core's errors (DataError, GeometryError, Cancelled), which a Processing run reports
as its failure.

Spatial references: Esri wkids below 32768 are EPSG codes; Esri's own codes are EPSG:3857 for
102100 and 102113, else ESRI:<code> (QGIS 3.22 knows them); anything else travels as WKT. An
unknown spatial reference stays unknown: nothing here assumes WGS 84.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFeatureSource,
    QgsFields,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeatureSource,
    QgsProcessingFeedback,
    QgsWkbTypes,
)

from ..gp_core import (
    ENVELOPE,
    GEOMETRY_NAMES,
    MULTIPOINT,
    OID,
    POINT,
    POLYGON,
    POLYLINE,
    Cancelled,
    DataError,
    FeatureSet,
    Field,
    GeometryError,
    GPError,
    SpatialReference,
)
from .feature_geometry import Step, for_sink, from_wkb, preparation
from .feature_values import Converter, esri_field, fields_for, reader, same, sendable_fields, writer
from .i18n import tr

__all__ = [
    "crs_for",
    "esri_type",
    "reference_for",
    "feature_set_from_source",
    "esri_field",
    "fields_for",
    "wkb_type_for",
    "write_features",
]

_BATCH = 1000  # features between two looks at cancellation and progress
_MAX_OID = 2**31 - 1  # esriFieldTypeOID is a 32-bit integer
_FAMILIES = {
    POINT: QgsWkbTypes.PointGeometry,
    MULTIPOINT: QgsWkbTypes.PointGeometry,
    POLYLINE: QgsWkbTypes.LineGeometry,
    POLYGON: QgsWkbTypes.PolygonGeometry,
}
_SINK_TYPES = {
    POINT: QgsWkbTypes.Point,
    MULTIPOINT: QgsWkbTypes.MultiPoint,
    POLYLINE: QgsWkbTypes.MultiLineString,
    POLYGON: QgsWkbTypes.MultiPolygon,
    ENVELOPE: QgsWkbTypes.MultiPolygon,
}


# -- spatial references ----------------------------------------------------------------------------


def crs_for(reference: SpatialReference | None) -> QgsCoordinateReferenceSystem:
    """The CRS of a spatial reference (latestWkid, then wkid, then WKT); an invalid CRS when QGIS
    does not know it or there is none, for the caller to report."""
    if reference is None:
        return QgsCoordinateReferenceSystem()
    for code in (reference.latest_wkid, reference.wkid):
        authid = SpatialReference(wkid=code).authid if code else None
        crs = QgsCoordinateReferenceSystem(authid) if authid else QgsCoordinateReferenceSystem()
        if crs.isValid():
            return crs
    return QgsCoordinateReferenceSystem.fromWkt(reference.wkt) if reference.wkt else QgsCoordinateReferenceSystem()


def reference_for(crs: QgsCoordinateReferenceSystem) -> SpatialReference | None:
    """The spatial reference of a CRS: its EPSG or ESRI code, else its WKT (Esri's flavour, which
    ArcGIS reads best); None for an invalid CRS."""
    if not crs.isValid():
        return None
    authority, _, code = crs.authid().partition(":")
    if authority in ("EPSG", "ESRI") and code.isdigit():
        return SpatialReference(wkid=int(code))
    wkt = crs.toWkt(QgsCoordinateReferenceSystem.WKT1_ESRI) or crs.toWkt(QgsCoordinateReferenceSystem.WKT1_GDAL)
    return SpatialReference(wkt=wkt) if wkt else None


# -- layer → FeatureSet ----------------------------------------------------------------------------


def feature_set_from_source(
    source: QgsFeatureSource,
    schema: FeatureSet,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback | None = None,
    table: bool = False,
) -> FeatureSet:
    """The features of `source` as a FeatureSet with the task's `schema` (an empty FeatureSet).

    A `table` input (a record set) takes attributes only, whatever the layer: no geometry is read.
    Otherwise, as gp_core's FeatureSet.load does: a schema with a geometry type takes that family
    only; one without geometry type but with fields is a table (attributes only); one with neither
    takes the source's geometry type and Z/M. Schema fields are filled from layer fields of the same name
    (any case), the others are None and OID fields hold the features' ids (`_object_ids`); a schema
    without fields takes the layer's.
    Geometries are transformed to the schema's spatial reference when QGIS knows it, else sent in
    the layer's CRS. DataError (GeometryError) for an unsuitable layer, Cancelled when cancelled.
    """
    label, source_type = source.sourceName(), source.wkbType()
    has_geometry = not table and (
        schema.geometry_type is not None or (not schema.fields and source_type != QgsWkbTypes.NoGeometry)
    )
    result = _completed(schema, source, has_geometry)
    request = QgsFeatureRequest()
    steps: list[Step] | None = None
    if has_geometry:
        _check_family(source_type, result.geometry_type, label)
        transform, result.spatial_reference = _placement(source, schema.spatial_reference, context, feedback)
        steps = preparation(source_type, transform, result.has_z, result.has_m)
    else:
        request.setFlags(QgsFeatureRequest.NoGeometry)
    columns = _read_columns(source, result.fields, request)
    template = dict.fromkeys(field.name for field in result.fields)
    ids, wkbs, rows = _read(source, request, steps, template, columns, context, feedback)
    object_ids = _object_ids(ids)
    for oid in (field.name for field in result.fields if field.type == OID):
        for object_id, row in zip(object_ids, rows):
            row[oid] = object_id
    geometries, measures = from_wkb(wkbs, ids, result.geometry_type, label) if has_geometry else (None, None)
    try:
        result.set_features(geometries, rows, measures)
    except GPError as error:
        raise DataError(f"'{label}': {error}") from error
    return result


def _object_ids(ids: list[int]) -> list[int]:
    """The object ids sent: the features' own ids when all can be (positive, unique, in an OID's 32
    bits), so that what a task copies from them (ORIG_FID) names the layer's features, selected
    ones too; else 1..n (a shapefile's ids start at 0, new features' are negative). Mixing the two
    could send one id twice."""
    if all(0 < i <= _MAX_OID for i in ids) and len(set(ids)) == len(ids):
        return ids
    return list(range(1, len(ids) + 1))


def _completed(schema: FeatureSet, source: QgsFeatureSource, has_geometry: bool) -> FeatureSet:
    """An empty copy of the schema with what it leaves open taken from the source."""
    result = schema.empty_copy()
    if not has_geometry:
        result.geometry_type = None
    elif schema.geometry_type is None and not schema.fields:
        source_type = source.wkbType()
        result.geometry_type = esri_type(source_type)
        result.has_z, result.has_m = QgsWkbTypes.hasZ(source_type), QgsWkbTypes.hasM(source_type)
    if not result.fields:
        result.fields = sendable_fields(source.fields())
    return result


def esri_type(wkb_type: QgsWkbTypes.Type) -> str | None:
    """The Esri geometry type of a layer type; None for no geometry or mixed types."""
    family = QgsWkbTypes.geometryType(wkb_type)
    if family == QgsWkbTypes.PointGeometry:
        return MULTIPOINT if QgsWkbTypes.isMultiType(wkb_type) else POINT
    return {QgsWkbTypes.LineGeometry: POLYLINE, QgsWkbTypes.PolygonGeometry: POLYGON}.get(family)


def _check_family(source_type: QgsWkbTypes.Type, kind: str | None, label: str) -> None:
    """Lines cannot go into a point input, etc. (layers of mixed types are checked per geometry)."""
    family = QgsWkbTypes.geometryType(source_type)
    if kind not in _FAMILIES or family in (_FAMILIES[kind], QgsWkbTypes.UnknownGeometry):
        return
    if family == QgsWkbTypes.NullGeometry:
        raise DataError(
            tr("'{layer}' has no geometries, but this input takes {kind}s.").format(
                layer=label, kind=GEOMETRY_NAMES[kind]
            )
        )
    raise DataError(
        tr("'{layer}' holds {type} geometries, but this input takes {kind}s.").format(
            layer=label, type=QgsWkbTypes.displayString(source_type), kind=GEOMETRY_NAMES[kind]
        )
    )


def _placement(
    source: QgsFeatureSource,
    wanted: SpatialReference | None,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback | None,
) -> tuple[QgsCoordinateTransform | None, SpatialReference]:
    """The transform to apply (None: none) and the spatial reference the geometries are sent in."""
    layer_reference = reference_for(source.sourceCrs())
    target = crs_for(wanted)
    if layer_reference is None:
        if wanted is None:
            raise DataError(
                tr(
                    "'{layer}' has no known coordinate reference system: set the layer's CRS (Layer Properties "
                    "▸ Source, or Processing's Assign Projection), then run the tool again."
                ).format(layer=source.sourceName())
            )
        _warn(
            feedback,
            tr(
                "'{layer}' has no known coordinate reference system: its coordinates are sent as they "
                "are, in the task's {reference}."
            ).format(layer=source.sourceName(), reference=wanted),
        )
        return None, wanted
    if not target.isValid():
        if wanted is not None:
            _warn(
                feedback,
                tr(
                    "QGIS does not know the task's spatial reference ({reference}): '{layer}' is sent "
                    "in its own, {own}."
                ).format(reference=wanted, layer=source.sourceName(), own=layer_reference),
            )
        return None, layer_reference
    # (a valid target comes from a wanted spatial reference)
    if target == source.sourceCrs():
        return None, wanted  # type: ignore[return-value]
    return QgsCoordinateTransform(source.sourceCrs(), target, context.transformContext()), wanted  # type: ignore[return-value]


def _warn(feedback: QgsProcessingFeedback | None, message: str) -> None:
    if feedback is not None:
        feedback.pushWarning(message)


def _read_columns(
    source: QgsFeatureSource, fields: list[Field], request: QgsFeatureRequest
) -> list[tuple[str, int, Converter]]:
    """(field name, layer field index, converter) for the schema fields the layer has; asks the
    request for those attributes only."""
    layer_fields = source.fields()
    sendable = {field.name.lower() for field in sendable_fields(layer_fields)}
    indexes = {layer_fields.at(i).name().lower(): i for i in range(layer_fields.count())}
    columns = []
    for field in fields:
        index = indexes.get(field.name.lower(), -1)
        if field.type != OID and index >= 0 and field.name.lower() in sendable:
            columns.append((field.name, index, reader(layer_fields.at(index), field.type)))
    request.setSubsetOfAttributes([index for _, index, _ in columns])
    return columns


def _read(
    source: QgsFeatureSource,
    request: QgsFeatureRequest,
    steps: list[Step] | None,
    template: dict,
    columns: list[tuple[str, int, Converter]],
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback | None,
) -> tuple[list[int], list[bytes | None], list[dict]]:
    """Feature ids, WKB (None for no geometry) and attribute rows (`template` filled from
    `columns`) of every feature; invalid geometries handled as the Processing setting says.
    `steps` None: a table, whose geometries are neither read nor checked."""
    total = source.featureCount()
    ids: list[int] = []
    wkbs: list[bytes | None] = []
    rows: list[dict] = []
    check = context.invalidGeometryCheck()
    for count, feature in enumerate(_features(source, request)):
        if count % _BATCH == 0:
            _progress(feedback, count, total)
        geometry = feature.geometry() if steps is not None else QgsGeometry()  # a provider may give one anyway
        if check != QgsFeatureRequest.GeometryNoCheck and not geometry.isNull() and not geometry.isGeosValid():
            if check == QgsFeatureRequest.GeometryAbortOnInvalid:
                raise GeometryError(_invalid(feature, source.sourceName()))
            _warn(feedback, _invalid(feature, source.sourceName()) + " " + tr("It is left out."))
            continue
        ids.append(feature.id())
        if geometry.isNull():
            wkbs.append(None)
        else:
            try:
                for step in steps:  # type: ignore[union-attr]  # a geometry was read: steps is not None
                    geometry = step(geometry)
            except QgsCsException as error:
                raise _untransformable(feature, source, error) from error
            wkbs.append(geometry.asWkb().data())
        values = feature.attributes()
        row = dict(template)
        for name, index, convert in columns:
            row[name] = convert(values[index])
        rows.append(row)
    _progress(feedback, total, total)
    return ids, wkbs, rows


def _untransformable(feature: QgsFeature, source: QgsFeatureSource, error: QgsCsException) -> DataError:
    """Why a feature cannot be sent in the task's CRS. Coordinates that are not longitudes and
    latitudes in a layer whose CRS is geographic mostly mean a layer read without a CRS of its own:
    QGIS gives such a layer WGS 84 (a GeoJSON file, a memory layer made without one)."""
    crs, first, layer = source.sourceCrs(), feature.geometry().vertexAt(0), source.sourceName()
    if crs.isGeographic() and not (abs(first.x()) <= 180 and abs(first.y()) <= 90):
        return DataError(
            tr(
                "Feature {id} of '{layer}' cannot be transformed to the task's coordinate reference system: "
                "its coordinates ({x:.10g}, {y:.10g}) are not longitudes and latitudes, but the layer's "
                "coordinate reference system is {crs}. The layer has no coordinate reference system of its "
                "own (QGIS gives WGS 84 to a layer read without one) or a wrong one: set its CRS (Layer "
                "Properties ▸ Source, or Processing's Assign Projection), then run the tool again."
            ).format(id=feature.id(), layer=layer, x=first.x(), y=first.y(), crs=_crs_name(crs))
        )
    return DataError(
        tr(
            "Feature {id} of '{layer}' cannot be transformed to the task's coordinate reference system ({error})."
        ).format(id=feature.id(), layer=layer, error=" ".join(str(error).split()))
    )


def _crs_name(crs: QgsCoordinateReferenceSystem) -> str:
    return f"{crs.description()} ({crs.authid()})" if crs.authid() else crs.description()


def _features(source: QgsFeatureSource, request: QgsFeatureRequest):
    """The source's features without QGIS's own validity check, which `_read` applies itself: in
    3.22 the abort QGIS raises mid-iteration skips the `finally` blocks of the Python frames it
    crosses, leaving their state behind (a warning listener bound to a dead feedback, say)."""
    if isinstance(source, QgsProcessingFeatureSource):
        return source.getFeatures(request, QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)
    return source.getFeatures(request)


def _invalid(feature: QgsFeature, label: str) -> str:
    errors = feature.geometry().validateGeometry(QgsGeometry.ValidatorGeos)
    reason = errors[0].what() if errors else tr("invalid")
    return tr(
        "Feature ({id}) of '{layer}' has an invalid geometry: {reason}. Fix it (Fix Geometries), or set "
        "Processing to ignore invalid features."
    ).format(id=feature.id(), layer=label, reason=reason)


def _progress(feedback: QgsProcessingFeedback | None, done: int, total: int) -> None:
    """Report progress; Cancelled when the user cancelled (a partial input would
    give a wrong result)."""
    if feedback is None:
        return
    if feedback.isCanceled():
        raise Cancelled(tr("Cancelled."), reached=False)
    if total > 0:
        feedback.setProgress(min(100.0, 100.0 * done / total))


# -- FeatureSet → sink -----------------------------------------------------------------------------


def wkb_type_for(features: FeatureSet) -> QgsWkbTypes.Type:
    """The layer type for a FeatureSet: multi types for polylines and polygons (ArcGIS's may have
    several parts), Point for points, NoGeometry for a table; with the FeatureSet's Z and M."""
    wkb_type = _SINK_TYPES.get(features.geometry_type or "", QgsWkbTypes.NoGeometry)
    if wkb_type != QgsWkbTypes.NoGeometry and features.has_z:
        wkb_type = QgsWkbTypes.addZ(wkb_type)
    if wkb_type != QgsWkbTypes.NoGeometry and features.has_m:
        wkb_type = QgsWkbTypes.addM(wkb_type)
    return wkb_type


def write_features(
    features: FeatureSet, sink: QgsFeatureSink, fields: QgsFields, feedback: QgsProcessingFeedback | None = None
) -> int:
    """Add the features to a sink made with `fields` and `wkb_type_for(features)` (geometries are
    made to fit that type exactly: a memory layer would not convert them). Attributes go by field
    name (any case). Returns the number written: fewer than the features when cancelled, which
    stops writing as Processing algorithms do."""
    target = wkb_type_for(features)
    wkbs: list[bytes | None] = [None] * len(features)
    fixes: list[Step] = []
    if target != QgsWkbTypes.NoGeometry:
        wkbs, fixes = for_sink(features.geometries, features.measures, target)
    keys = {field.name.lower(): field.name for field in features.fields}
    names = [keys.get(field.name().lower(), field.name()) for field in fields]
    conversions = [(i, convert) for i, convert in enumerate(map(writer, fields)) if convert is not same]
    written = 0
    for start in range(0, len(features), _BATCH):
        if feedback is not None:
            if feedback.isCanceled():
                break
            feedback.setProgress(100.0 * start / len(features))
        batch = []
        for index in range(start, min(start + _BATCH, len(features))):
            feature = QgsFeature(fields)
            wkb = wkbs[index]
            if wkb is not None:
                geometry = QgsGeometry()
                geometry.fromWkb(wkb)
                for fix in fixes:
                    geometry = fix(geometry)
                feature.setGeometry(geometry)
            feature.setAttributes(_values(features.attributes[index], names, conversions, index))
            batch.append(feature)
        if not _added(sink, batch):
            raise DataError(tr("The features could not be written: {error}").format(error=sink.lastError()))
        written += len(batch)
    return written


def _added(sink: QgsFeatureSink, batch: list[QgsFeature]) -> bool:
    """Whether the sink took the features (data providers answer (ok, features), other sinks ok)."""
    answer = sink.addFeatures(batch, QgsFeatureSink.FastInsert)
    return answer[0] if isinstance(answer, tuple) else answer


def _values(row: dict, names: list[str], conversions: list[tuple[int, Converter]], index: int) -> list:
    """A row's values for the sink's fields (`names`), converted where a field needs it (dates);
    the others go as they are, without a call per value."""
    values = [row.get(name) for name in names]
    try:
        for column, convert in conversions:
            values[column] = convert(values[column])
    except (TypeError, ValueError, OverflowError) as error:
        raise DataError(
            tr("Feature {number}: a value cannot be written to the layer ({error}).").format(
                number=index + 1, error=error
            )
        ) from error
    return values
