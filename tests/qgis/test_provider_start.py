"""The provider started from a large description cache: every cached task an algorithm, with its
parameters, and not one network request."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsNetworkAccessManager

from remote_gp.bridge import descriptions

TASKS = 2000


def algorithms(key: str) -> dict:
    provider = QgsApplication.processingRegistry().providerById("remotegp")
    return {a.name()[len(key) :]: a for a in provider.algorithms() if a.name().startswith(key)}


def test_a_start_from_a_cache_of_thousands_of_tasks_sends_no_request(plugin, local):
    down = plugin.provider.store.add("Large and down", "http://127.0.0.1:9/arcgis")  # nothing answers there
    requests: list[str] = []

    def count(request) -> None:
        requests.append(request.url().toString())

    QgsNetworkAccessManager.instance().requestAboutToBeCreated.connect(count)
    try:
        body = descriptions.load(local.key).to_json()
        services, per_copy = body["services"], descriptions.load(local.key).task_count
        copies = -(-TASKS // per_copy)
        body["services"] = {f"Copy{n}/{name}": service for n in range(copies) for name, service in services.items()}
        descriptions.save(down.key, descriptions.Descriptions.from_json(body))
        plugin.provider.refreshAlgorithms()  # as QGIS loads the provider at its start
        started = algorithms(down.key)
        assert requests == []
        assert len(started) == copies * per_copy >= TASKS
        for name, original in algorithms(local.key).items():  # each copy has the parameters of the original
            copy = started[f"copy{copies - 1}{name}"]
            assert [d.name() for d in copy.parameterDefinitions()] == [
                d.name() for d in original.parameterDefinitions()
            ]
            assert [d.name() for d in copy.outputDefinitions()] == [d.name() for d in original.outputDefinitions()]
            assert not copy.icon().isNull()
    finally:
        QgsNetworkAccessManager.instance().requestAboutToBeCreated.disconnect(count)
        plugin.provider.store.remove(down.key)
        descriptions.keep_only({c.key for c in plugin.provider.store.all()})
        plugin.provider.refreshAlgorithms()
