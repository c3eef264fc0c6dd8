"""P4, provider start: how long QGIS takes to register the `remotegp` provider from a description cache
of TASKS tasks, and how many requests that start sends (the goal: 0).

    python provider.py [--tasks 5000]

prints one JSON line. QGIS runs in this process with a throwaway profile. A reference server's tasks
are fetched once through a counting proxy (a connection added and refreshed as a user does), then the
cache is grown to TASKS tasks (copies of its services, each in a folder of its own) and the provider is
registered again, timed, while the proxy counts what reaches the server."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import replace
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS / "unit"))

from gp_server.process import running_module  # noqa: E402 (after the path)
from scripted_http import Received, Reply, ScriptedServer  # noqa: E402

#: Seconds a proxied request may take.
REQUEST_TIMEOUT = 60


class CountingProxy:
    """Forwards every request to `target` (the same path and query) and counts them."""

    def __init__(self, target: str):
        self.target, self.requests = target, 0

    def answer(self, request: Received) -> Reply:
        self.requests += 1
        forwarded = urllib.request.Request(
            self.target + request.target,
            data=request.body if request.method == "POST" else None,
            headers={k: v for k, v in request.headers.items() if k in ("content-type", "authorization")},
            method=request.method,
        )
        try:
            with urllib.request.urlopen(forwarded, timeout=REQUEST_TIMEOUT) as answer:
                return Reply(answer.status, answer.read(), {"Content-Type": answer.headers["Content-Type"]})
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read(), {"Content-Type": error.headers.get("Content-Type", "text/plain")})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=5000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    with tempfile.TemporaryDirectory(prefix="provider_bench_") as profile:
        QgsApplication.setPrefixPath("/usr", True)
        app = QgsApplication([], False, profile)
        app.initQgis()
        try:
            print(json.dumps(_bench(args.tasks)))
        finally:
            app.exitQgis()
    return 0


def _bench(tasks: int) -> dict[str, float]:
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing
    from qgis.core import QgsApplication

    Processing.initialize()
    import processing

    import remote_gp
    from remote_gp.bridge import descriptions

    remote_gp.load_provider()
    with running_module("gp_server", "--port", "0", "--stop-on-stdin-eof") as url:
        root = url.split("/arcgis")[0]
        proxy = CountingProxy(root)
        with ScriptedServer(proxy.answer) as server:
            proxied = server.url + url[len(root) :]
            key = processing.run("remotegp:addconnection", {"NAME": "Bench", "URL": proxied})["KEY"]
            processing.run("remotegp:refreshconnections", {"CONNECTIONS": "Bench"})
            cached = descriptions.load(key)
            assert cached is not None, "the refresh cached no descriptions"
            descriptions.save(key, _grown(cached, tasks))
            registry = QgsApplication.processingRegistry()
            registry.removeProvider(registry.providerById("remotegp"))
            proxy.requests = 0
            started = time.perf_counter()
            provider = remote_gp.load_provider()
            seconds = time.perf_counter() - started
            algorithms = sum(1 for a in provider.algorithms() if a.id().startswith(f"remotegp:{key}"))
            return {
                "tasks": _grown(cached, tasks).task_count,
                "algorithms": algorithms,
                "seconds": seconds,
                "requests": proxy.requests,
            }


def _grown(cached, tasks: int):
    """The descriptions with their services copied, each copy in folder `CopyN`, until they hold `tasks` tasks."""
    services = dict(cached.services)
    copy = 0
    while sum(len(s.tasks) for s in services.values()) < tasks:
        copy += 1
        for name, service in cached.services.items():
            folder = f"Copy{copy}"
            url = service.url.replace("/rest/services/", f"/rest/services/{folder}/")
            services[f"{folder}/{name}"] = replace(service, name=f"{folder}/{name}", url=url)
    return replace(cached, services=services)


if __name__ == "__main__":
    sys.exit(main())
