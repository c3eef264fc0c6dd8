"""The provider started from its description cache: every cached task an algorithm, with the
parameters its task gives, not one network request, no task made until one is asked for; a cache
of the earlier format is read and rewritten, a damaged one gives no algorithms and no error."""

from __future__ import annotations

import json
import logging

import pytest
from qgis.core import QgsApplication, QgsNetworkAccessManager

from remote_gp.bridge import descriptions
from remote_gp.bridge.algorithm import RemoteAlgorithm
from remote_gp.gp_core import Task

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


def described(algorithm) -> list[tuple]:
    """What Processing knows of an algorithm's parameters and outputs."""
    parameters = [
        (type(d).__name__, d.name(), d.description(), d.defaultValue(), d.help(), int(d.flags()), d.toVariantMap())
        for d in algorithm.parameterDefinitions()
    ]
    outputs = [(type(d).__name__, d.name(), d.description()) for d in algorithm.outputDefinitions()]
    return parameters + outputs


def test_the_cached_algorithms_have_the_parameters_their_tasks_give(plugin, local):
    cached = descriptions.load(local.key)
    started = algorithms(local.key)
    tasks = cached.tasks()
    assert len(started) == len(tasks) == cached.task_count
    for task in tasks:
        made = RemoteAlgorithm(local, descriptions.Entry.of(task))
        made.initAlgorithm({})
        registered = started[made.name()[len(local.key) :]]
        assert described(registered) == described(made)
        assert (registered.displayName(), registered.group(), registered.tags()) == (
            made.displayName(),
            made.group(),
            made.tags(),
        )


def test_a_start_makes_no_task_and_an_algorithm_makes_its_own_when_asked(plugin, local, monkeypatch):
    made: list[str] = []
    original = Task.from_json.__func__

    def counted(cls, body, url, service):
        made.append(body["name"])
        return original(cls, body, url, service)

    monkeypatch.setattr(Task, "from_json", classmethod(counted))
    plugin.provider.refreshAlgorithms()
    buffer = algorithms(local.key)["gpbufferbyvalbufferpoints"]
    assert made == []
    assert buffer.task.name == "BufferPoints" and buffer.helpUrl() == buffer.createInstance().task.help_url
    assert made == ["BufferPoints"]  # made once, for the algorithm and its copies


def test_a_cache_of_format_1_gives_the_same_algorithms_and_is_rewritten(plugin, local, caplog):
    old = plugin.provider.store.add("Cached by 1.x", "http://127.0.0.1:9/arcgis")
    cache = descriptions.cache_folder() / f"{old.key}.json"
    try:
        cache.write_text(json.dumps(descriptions.load(local.key).to_json()))  # the descriptions alone
        assert len(cache.read_text().splitlines()) == 1
        with caplog.at_level(logging.INFO, logger=descriptions.__name__):
            plugin.provider.refreshAlgorithms()
        upgraded = {name: described(a) for name, a in algorithms(old.key).items()}
        assert [m for m in caplog.messages if "rewritten for this version of the plugin" in m]
        assert json.loads(cache.read_text().splitlines()[0])["format"] == descriptions.FORMAT
        plugin.provider.refreshAlgorithms()  # from the rewritten cache (algorithms are made anew)
        again = {name: described(a) for name, a in algorithms(old.key).items()}
        original = {name: described(a) for name, a in algorithms(local.key).items()}
        assert upgraded == again == original and len(original) == 9
        assert descriptions.load(old.key) == descriptions.load(local.key)
    finally:
        plugin.provider.store.remove(old.key)
        descriptions.keep_only({c.key for c in plugin.provider.store.all()})
        plugin.provider.refreshAlgorithms()


def test_specs_that_other_code_made_are_made_again_from_the_descriptions(plugin, local, caplog):
    """An updated plugin may map a task otherwise: the specs an earlier version cached are not used."""
    other = plugin.provider.store.add("Cached by other code", "http://127.0.0.1:9/arcgis")
    cache = descriptions.cache_folder() / f"{other.key}.json"
    try:
        head, *lines = (descriptions.cache_folder() / f"{local.key}.json").read_bytes().split(b"\n")
        older = {**json.loads(head), "code": "an-earlier-one"}
        stale = [json.dumps([["string", "Renamed", "Stale label", "", False, True]]).encode()] * (len(lines) - 1)
        cache.write_bytes(b"\n".join([json.dumps(older).encode(), *stale, lines[-1]]))
        with caplog.at_level(logging.INFO, logger=descriptions.__name__):
            plugin.provider.refreshAlgorithms()
        remade = {name: described(a) for name, a in algorithms(other.key).items()}
        original = {name: described(a) for name, a in algorithms(local.key).items()}
        assert remade == original and len(original) == 9
        assert [m for m in caplog.messages if "rewritten for this version of the plugin" in m]
        assert json.loads(cache.read_bytes().split(b"\n")[0])["code"] == descriptions.code_fingerprint()
    finally:
        plugin.provider.store.remove(other.key)
        descriptions.keep_only({c.key for c in plugin.provider.store.all()})
        plugin.provider.refreshAlgorithms()


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "not JSON",
        lambda text: "[1, 2]",
        lambda text: text.split("\n", 1)[0],  # the algorithms' names without their parameters
        lambda text: text.replace('"format": 2', '"format": 3', 1),  # a later version's
    ],
)
def test_a_damaged_cache_gives_no_algorithms_and_no_error(plugin, local, damage):
    damaged = plugin.provider.store.add("Damaged", "http://127.0.0.1:9/arcgis")
    cache = descriptions.cache_folder() / f"{damaged.key}.json"
    try:
        descriptions.save(damaged.key, descriptions.load(local.key))
        cache.write_text(damage(cache.read_text()))
        plugin.provider.refreshAlgorithms()
        assert algorithms(damaged.key) == {}
        assert algorithms(local.key)
    finally:
        plugin.provider.store.remove(damaged.key)
        descriptions.keep_only({c.key for c in plugin.provider.store.all()})
        plugin.provider.refreshAlgorithms()


def test_damaged_descriptions_behind_readable_algorithms_fail_a_run_with_a_clear_error(plugin, local):
    damaged = plugin.provider.store.add("Half damaged", "http://127.0.0.1:9/arcgis")
    cache = descriptions.cache_folder() / f"{damaged.key}.json"
    try:
        descriptions.save(damaged.key, descriptions.load(local.key))
        text = cache.read_text()
        cache.write_text(text[: text.rindex("\n") + 100])  # the descriptions cut short
        plugin.provider.refreshAlgorithms()
        buffer = algorithms(damaged.key)["gpbufferbyvalbufferpoints"]
        assert buffer.parameterDefinition("Distance") is not None
        with pytest.raises(descriptions.CacheUnreadable, match="GP/BufferByVal/BufferPoints is unreadable"):
            buffer.task  # noqa: B018
    finally:
        plugin.provider.store.remove(damaged.key)
        descriptions.keep_only({c.key for c in plugin.provider.store.all()})
        plugin.provider.refreshAlgorithms()


def test_the_algorithms_are_the_same_with_or_without_msgspec(plugin, local, monkeypatch):
    plugin.provider.refreshAlgorithms()
    with_msgspec = {name: described(a) for name, a in algorithms(local.key).items()}
    monkeypatch.setattr(descriptions, "msgspec", None)  # as QGIS runs it where it is not installed
    plugin.provider.refreshAlgorithms()
    assert {name: described(a) for name, a in algorithms(local.key).items()} == with_msgspec
    assert len(with_msgspec) == 9


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 10**30, -0.0, "\ud800", 'é\n"\\'])
def test_cached_specs_read_the_same_values_by_either_path(value, monkeypatch):
    """Defaults are any JSON value a server sent, written back by json.dumps: msgspec reads some
    (NaN, Infinity, lone surrogates) not at all; the standard library then reads them."""
    text = json.dumps([["string", "", "name", "label", value, False, True]]).encode()
    entry = descriptions.Entry("S", "T", "T", text, source=None)  # type: ignore[arg-type]  # no task needed
    fast = entry.specs()
    monkeypatch.setattr(descriptions, "msgspec", None)
    slow = entry.specs()
    assert json.dumps(fast) == json.dumps(slow) == text.decode()
