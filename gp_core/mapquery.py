"""Every feature of a job's output that came back cut at the server's transfer limit, page by page
from the job's result map service.

ArcGIS returns a feature output of more than the service's maximumRecords without any feature, its
`exceededTransferLimit` set. A job's result map service draws the output as a layer, and the layer's
`query` answers any number of features, at most its maxRecordCount a page: in a stable order (by
object id), one page after the other (`resultOffset`, `resultRecordCount`: ArcGIS 10.3 and later),
until a page says no more follow. The output's value then holds the features of every page under
its own schema. A request at a time, each one going through the server like any other (a cancel
stops the next one); every feature must come exactly once, and as many as the layer counts.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from .errors import BadResponse, JobError, ServerError, TransferLimitExceeded, quoted
from .json_fields import list_of, text_of
from .mapimage import job_map_url, layer_id, map_layers

if TYPE_CHECKING:
    from .job import Job
    from .server import Server

log = logging.getLogger(__name__)

#: ArcGIS's default maxRecordCount, for a layer that does not say its own.
DEFAULT_PAGE_SIZE = 1000
_OID = "esriFieldTypeOID"


def every_feature(job: Job, output: str, value: dict[str, Any]) -> dict[str, Any]:
    """The output's value (a FeatureSet's Esri JSON, cut at the transfer limit) with every feature,
    fetched from its layer on the job's result map service. TransferLimitExceeded when the map
    service cannot give them all."""
    try:
        return _every_feature(job, output, value)
    except (BadResponse, JobError, ServerError) as error:
        raise TransferLimitExceeded(
            output, job.task.service.maximum_records, f"The result map service did not return them either: {error}"
        ) from None


def _every_feature(job: Job, output: str, value: dict[str, Any]) -> dict[str, Any]:
    map_url = job_map_url(job)
    layer_url = f"{map_url}/{layer_id(job, output, map_layers(job.server.get(map_url)))}"
    layer = job.server.get(layer_url)
    if (layer.get("advancedQueryCapabilities") or {}).get("supportsPagination") is False:
        raise BadResponse(f"its layer {layer_url} cannot return features page by page.")
    oid = _object_id_field(layer, layer_url)
    query = _LayerQuery(job.server, f"{layer_url}/query", oid, _page_size(layer), value.get("spatialReference"))
    total = query.count()
    limit = job.task.service.maximum_records
    if total == 0 or (limit is not None and total <= limit):
        raise BadResponse(
            f"its layer {layer_url} counts {total} features, not more than the service returns "
            "in one answer: they are not the output's."
        )
    log.info("Output '%s': fetching %d features from %s, %d a page.", output, total, layer_url, query.page_size)
    first, features = query.pages(total)
    whole = {**value, "features": features, "exceededTransferLimit": False}
    for key in ("geometryType", "fields"):
        whole[key] = value.get(key) or first.get(key)
    whole["spatialReference"] = first.get("spatialReference") or value.get("spatialReference")
    whole["hasZ"], whole["hasM"] = bool(first.get("hasZ")), bool(first.get("hasM"))
    return whole


class _LayerQuery:
    """The query of one map layer: all its features with every field, geometry, Z and M, ordered by
    object id, in `spatial_reference` (the output's, as the job was asked for it)."""

    def __init__(self, server: Server, url: str, oid: str, page_size: int, spatial_reference: Any):
        self.server = server
        self.url = url
        self.oid = oid
        self.page_size = page_size
        self.params = {
            "where": "1=1",
            "outFields": "*",
            "returnGeometry": "true",
            "returnZ": "true",
            "returnM": "true",
            "orderByFields": f"{oid} ASC",
            "resultRecordCount": page_size,
        }
        if isinstance(spatial_reference, dict):
            self.params["outSR"] = json.dumps(spatial_reference)

    def count(self) -> int:
        answer = self.server.get(self.url, {"where": "1=1", "returnCountOnly": "true"})
        count = answer.get("count")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise BadResponse(f"{self.url} did not say how many features it holds (it answered {quoted(answer)}).")
        return count

    def pages(self, total: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The first page (its schema) and the features of every page, `total` of them. Each page starts
        where the features so far end and must bring new ones: a server that ignores the offset, or
        says it has more than it gives, is refused rather than followed."""
        first: dict[str, Any] | None = None
        features: list[dict[str, Any]] = []
        seen: set[Any] = set()
        while len(features) < total:
            page = self.server.get(self.url, {**self.params, "resultOffset": len(features)})
            new = [feature for feature in list_of(page.get("features")) if isinstance(feature, dict)]
            first = first if first is not None else page
            for feature in new:
                self._check_once(feature, seen)
            features.extend(new)
            if not new or page.get("exceededTransferLimit") is not True:
                break
        if len(features) != total:
            raise BadResponse(f"{self.url} returned {len(features)} of the {total} features it counts.")
        return first or {}, features

    def _check_once(self, feature: dict[str, Any], seen: set[Any]) -> None:
        attributes = feature.get("attributes")
        number = attributes.get(self.oid) if isinstance(attributes, dict) else None
        if not isinstance(number, int) or isinstance(number, bool):
            raise BadResponse(f"{self.url} returned a feature without its object id ({self.oid}): {quoted(feature)}.")
        if number in seen:
            raise BadResponse(
                f"{self.url} returned the feature {self.oid}={number} twice: it does not page "
                "through its features in a stable order."
            )
        seen.add(number)


def _object_id_field(layer: dict[str, Any], url: str) -> str:
    """The layer's object id field: the one its fields list as esriFieldTypeOID, else `objectIdField`."""
    for field in list_of(layer.get("fields")):
        if isinstance(field, dict) and field.get("type") == _OID and text_of(field.get("name")):
            return text_of(field["name"])
    name = text_of(layer.get("objectIdField"))
    if not name:
        raise BadResponse(f"its layer {url} has no object id field to order its features by.")
    return name


def _page_size(layer: dict[str, Any]) -> int:
    size = layer.get("maxRecordCount")
    return size if isinstance(size, int) and not isinstance(size, bool) and size > 0 else DEFAULT_PAGE_SIZE
