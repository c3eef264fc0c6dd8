"""URL layout of the server (context root ``/arcgis``):

* ``tokens/generateToken``, and ``tokens/`` for the same (the ``tokenServicesUrl`` of ``rest/info``,
  which Esri's clients post to as it is); for tests only, ``testing/expireTokens`` (see security.py)
  and ``testing/awaitRun?jobId=<jobId>``, ``testing/jobRequests?jobId=<jobId>`` (see jobs.py),
  ``testing/dropStatusRequests?count=<n>`` (see state.py)
* ``rest/info``, ``rest/services``, ``rest/services/<folder>``
* ``rest/services/[<folder>/]<service>/GPServer[/...]`` -> ``gpserver``
* ``rest/services/[<folder>/]<name>/MapServer[/...]`` (result map services) -> ``mapserver``
* ``rest/services/<folder>/<name>/FeatureServer[/...]`` -> ``featureserver``
* ``rest/directories/arcgisjobs/...``, ``rest/directories/arcgisoutput/...`` -> ``directories``

Anything in the ``Secure`` folder (listing, services, result map services, their files) needs a
token -- but for the files Secure/DataTypes publishes on another host, under
``arcgisoutput/public/`` (see ``state.files_root_url``). Anything else is a 404 error body.
"""

from __future__ import annotations

from typing import Any

from . import catalog, directories, featureserver, gpserver, mapserver
from .request import Request
from .responses import RestError, json_response, not_found
from .state import ServerState


def route(request: Request, state: ServerState) -> Any:
    """The payload (a dict to render) or a ready Response."""
    segments = request.segments
    head = segments[0].lower() if segments else ""
    if request.area == "tokens" and segments in ((), ("generateToken",)):
        return state.tokens.generate(request)
    if request.area == "testing" and segments == ("expireTokens",):
        return state.tokens.expire_all()
    if request.area == "testing" and segments == ("awaitRun",):
        return state.jobs.await_run(request.params.get("jobId", ""))
    if request.area == "testing" and segments == ("jobRequests",):
        return state.jobs.requests(request.params.get("jobId", ""))
    if request.area == "testing" and segments == ("dropStatusRequests",):
        return state.drops.arm(int(request.params.get("count", "1")))
    if request.area != "rest":
        raise not_found("Resource")
    if head == "info" and len(segments) == 1:
        return catalog.info_json(request.root_url)
    if head == "directories":
        if len(segments) > 2 and catalog.is_secured_folder(segments[2]):
            try:
                state.tokens.require(request)
            except RestError as refused:  # a file download has no f=json: errors come as JSON all the same
                return json_response(refused.to_json())
        return directories.serve(state.data_dir, segments[1:])
    if head == "services":
        return _services(request, state, segments[1:])
    raise not_found("Resource")


def _services(request: Request, state: ServerState, path: tuple[str, ...]) -> Any:
    if not path:
        return catalog.folder_json("")
    folder = catalog.find_folder(path[0])
    if folder is not None and catalog.is_secured_folder(folder):
        state.tokens.require(request)
    if folder is not None and len(path) == 1:
        return catalog.folder_json(folder)
    folder_name, rest = (folder, path[1:]) if folder is not None else ("", path)
    if len(rest) < 2:
        raise not_found("Service")
    name, kind, tail = rest[0], rest[1].lower(), rest[2:]
    if kind == "gpserver":
        service = catalog.find_service(folder_name, name)
        if service is not None:
            return gpserver.handle(request, state, service, tail)
    elif kind == "mapserver":
        service = catalog.result_map_service(folder_name, name)
        if service is not None:
            return mapserver.handle(request, state, service, tail)
    elif kind == "featureserver":
        feature_service = catalog.find_feature_service(folder_name, name)
        if feature_service is not None:
            return featureserver.handle(request, feature_service, tail)
    raise not_found("Service")
