"""``python -m ogc_server [--port 0] [--stop-on-stdin-eof]``: print the base URL, serve pygeoapi.

Run by the pygeoapi venv's python from tests/. The socket is bound first, so the configuration
pygeoapi reads at import carries the real port in ``server.url`` (pygeoapi writes it into every link).
The one line on stdout (``http://127.0.0.1:<port>``) is the handshake with the process that started
the server, printed once the socket listens. It serves until SIGTERM or SIGINT -- or, with
``--stop-on-stdin-eof``, until its standard input closes. The temporary folder (configuration, job
database, results, served files) is removed on exit.
"""

from __future__ import annotations

import argparse
import copy
import importlib
import json
import os
import shutil
import signal
import socket
import tempfile
import threading
from pathlib import Path
from typing import Any

import yaml

from .config import FILES_ROUTE, server_config

HOST = "127.0.0.1"
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}
SHUTDOWN_POLL_SECONDS = 0.05  # how often serve_forever checks for shutdown
STDIN_FD = 0
LISTEN_BACKLOG = 64
API_KEY_HEADER = "X-API-Key"


def main() -> None:
    parser = argparse.ArgumentParser(prog="ogc_server", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument(
        "--api-key",
        default="",
        help=f"answer only requests whose {API_KEY_HEADER} header holds this key (401 otherwise)",
    )
    parser.add_argument(
        "--stop-on-stdin-eof",
        action="store_true",
        help="also stop when standard input closes (the parent process is gone)",
    )
    args = parser.parse_args()
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    if args.stop_on_stdin_eof:
        threading.Thread(target=_stop_at_stdin_eof, name="ogc-stdin", daemon=True).start()
    folder = Path(tempfile.mkdtemp(prefix="ogc_server_"))
    listening = socket.create_server((HOST, args.port), backlog=LISTEN_BACKLOG)
    try:
        port = listening.getsockname()[1]
        base_url = f"http://{HOST}:{port}"
        _configure(base_url, port, folder)
        _serve(listening, base_url, folder, args.api_key)
    finally:
        listening.close()
        shutil.rmtree(folder, ignore_errors=True)


def _configure(base_url: str, port: int, folder: Path) -> None:
    """Write the configuration and the OpenAPI document pygeoapi reads at import, and point it at them."""
    config = server_config(base_url, port, folder)
    config_file = folder / "pygeoapi-config.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    os.environ["PYGEOAPI_CONFIG"] = str(config_file)
    openapi_file = folder / "pygeoapi-openapi.json"  # not .yml: pygeoapi then serves the text as it is
    openapi_file.write_text(json.dumps(_openapi(config)), encoding="utf-8")
    os.environ["PYGEOAPI_OPENAPI"] = str(openapi_file)


def _openapi(config: dict[str, Any]) -> dict[str, Any]:
    """pygeoapi's OpenAPI document for ``config``, leaving the processes' metadata as it was.

    pygeoapi 0.21 (api/processes.py, get_oas_30) pops ``contentMediaType`` from the schema of each
    process's first output while it writes the document: in this process, the descriptions served
    afterwards would lose it. (pygeoapi's own ``openapi generate`` command runs in a process of its own.)
    """
    from pygeoapi.openapi import get_oas
    from pygeoapi.plugin import PLUGINS

    modules = []
    for resource in config["resources"].values():
        name = resource["processor"]["name"]
        dotted = name if "." in name else PLUGINS["process"][name]
        modules.append(importlib.import_module(dotted.rsplit(".", 1)[0]))
    saved = [copy.deepcopy(module.PROCESS_METADATA) for module in modules]
    try:
        return get_oas(config)
    finally:
        for module, metadata in zip(modules, saved):
            module.PROCESS_METADATA.clear()
            module.PROCESS_METADATA.update(metadata)


def _serve(listening: socket.socket, base_url: str, folder: Path, api_key: str) -> None:
    from flask import send_from_directory
    from pygeoapi.flask_app import APP
    from werkzeug.serving import WSGIRequestHandler, make_server

    from .slope import write_sample_dem

    files = folder / FILES_ROUTE
    write_sample_dem(files / "dem.tif")
    APP.add_url_rule(
        f"/{FILES_ROUTE}/<path:name>",
        endpoint="ogc_server_files",
        view_func=lambda name: send_from_directory(files, name),
    )

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            """No line per request on stderr."""

    app = _keyed(APP, api_key) if api_key else APP
    server = make_server(HOST, 0, app, threaded=True, request_handler=QuietHandler, fd=listening.fileno())
    serving = threading.Thread(target=server.serve_forever, args=(SHUTDOWN_POLL_SECONDS,), name="ogc-http")
    try:
        serving.start()
        print(base_url, flush=True)
        signal.sigwait(STOP_SIGNALS)
    finally:
        server.shutdown()
        server.server_close()
        serving.join()


def _keyed(app: Any, key: str) -> Any:
    """`app` behind an API key, as servers that take one in a header do: a request without it gets
    401 and an application/problem+json body."""

    def keyed(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("HTTP_" + API_KEY_HEADER.upper().replace("-", "_")) == key:
            return app(environ, start_response)
        body = json.dumps(
            {
                "type": "about:blank",
                "title": "Unauthorized",
                "status": 401,
                "detail": f"A valid {API_KEY_HEADER} is required.",
            }
        ).encode()
        start_response(
            "401 Unauthorized", [("Content-Type", "application/problem+json"), ("Content-Length", str(len(body)))]
        )
        return [body]

    return keyed


def _stop_at_stdin_eof() -> None:
    """Read standard input to its end, then stop the server as SIGTERM would (``os.read``: a daemon
    thread blocked in a buffered reader holds its lock, and the interpreter aborts at exit without it)."""
    while os.read(STDIN_FD, 4096):
        pass
    os.kill(os.getpid(), signal.SIGTERM)


if __name__ == "__main__":
    main()
