"""Two algorithms of the provider itself, so qgis_process users and scripts need no GUI:
`remotegp:addconnection` stores a connection as the connection manager does, and
`remotegp:refreshconnections` fetches task descriptions with the walk of "Refresh GP Connections",
then rebuilds the provider's algorithms so the tasks found can run in the same session.

    qgis_process run remotegp:addconnection --NAME="My server" --URL=https://host/arcgis
    qgis_process run remotegp:refreshconnections
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterEnum,
    QgsProcessingParameterString,
)

from ..gp_core import GPError, server_kind
from . import descriptions
from .connections import GP, OGC, Connection, is_header_name, server_root
from .feedback import relayed_to
from .i18n import tr
from .source import Source

if TYPE_CHECKING:
    from .provider import RemoteGpProvider

ADD_ID = "addconnection"
REFRESH_ID = "refreshconnections"


class ConnectionTool(QgsProcessingAlgorithm):
    """What the two tools share: the provider they change, their group, and a check of their
    parameters that names what is wrong before anything runs."""

    def createInstance(self) -> ConnectionTool:  # noqa: N802 (QGIS's names below)
        return type(self)()

    def remote_gp(self) -> RemoteGpProvider:
        """The provider, as Processing sets it on every instance it makes. Not kept in the tool: the
        provider owns its tools, and a reference back would keep a provider alive past QGIS's exit."""
        return self.provider()

    def group(self) -> str:
        return tr("Connection tools")

    def groupId(self) -> str:  # noqa: N802
        return "connectiontools"

    def checkParameterValues(self, parameters: dict, context: QgsProcessingContext) -> tuple[bool, str]:  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if ok:
            message = self.problem(parameters, context)
        return not message, message

    def problem(self, parameters: dict, context: QgsProcessingContext) -> str:
        """What keeps these parameter values from running, or ""."""
        raise NotImplementedError


class AddConnection(ConnectionTool):
    NAME, URL, AUTHCFG, KIND, API_KEY_HEADER, KEY = "NAME", "URL", "AUTHCFG", "KIND", "API_KEY_HEADER", "KEY"
    #: The KIND choices, in order: told by the URL, or said.
    KINDS = ("", GP, OGC)

    def name(self) -> str:
        return ADD_ID

    def displayName(self) -> str:  # noqa: N802
        return tr("Add GP connection")

    def shortHelpString(self) -> str:  # noqa: N802
        return tr(
            "Adds a GP server connection, or updates the connection of that name, as the connection manager "
            "does: a name, any address of the server (https://host/arcgis is enough; an OGC API - Processes "
            "server's landing page), the kind of server (told by the URL where it can be: KIND 0; 1 for an "
            "ArcGIS server, 2 for an OGC API - Processes server) and optionally an "
            "authentication configuration of QGIS (its id); passwords and tokens stay in QGIS's "
            "authentication database. An OGC API server that takes an API key in a header gets the header's "
            "name in API_KEY_HEADER: the key is the password of the (Basic) authentication configuration. "
            'Then "Refresh GP connections" fetches the server\'s tasks. '
            "The output KEY begins the ids of the connection's algorithms."
        )

    def initAlgorithm(self, config: dict | None = None) -> None:  # noqa: N802
        self.addParameter(QgsProcessingParameterString(self.NAME, tr("Connection name")))
        self.addParameter(QgsProcessingParameterString(self.URL, tr("Server URL")))
        self.addParameter(QgsProcessingParameterAuthConfig(self.AUTHCFG, tr("Authentication"), optional=True))
        kinds = [tr("Told by the URL"), tr("ArcGIS Server geoprocessing services"), tr("OGC API - Processes")]
        self.addParameter(QgsProcessingParameterEnum(self.KIND, tr("Server"), kinds, defaultValue=0))
        self.addParameter(QgsProcessingParameterString(self.API_KEY_HEADER, tr("API key header"), optional=True))
        self.addOutput(QgsProcessingOutputString(self.KEY, tr("Connection key")))

    def problem(self, parameters: dict, context: QgsProcessingContext) -> str:
        name, url, authcfg, kind, header = self._values(parameters, context)
        if not name:
            return tr("Give the connection a name.")
        try:
            server_root(url, kind)
        except GPError as error:
            return str(error)
        if kind is None:
            return tr("The URL does not tell which kind of server it is: give KIND (1: ArcGIS, 2: OGC API).")
        if header and not is_header_name(header):
            return tr("'{header}' is not the name of an HTTP header (letters, digits and '-').").format(header=header)
        if authcfg and authcfg not in QgsApplication.authManager().configIds():
            return tr("QGIS's authentication database has no configuration with the id '{authcfg}'.").format(
                authcfg=authcfg
            )
        if len(_named(self.remote_gp().store.all(), name)) > 1:
            return tr("Several connections are named '{name}': edit them in the connection manager.").format(name=name)
        return ""

    def processAlgorithm(  # noqa: N802
        self,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        name, url, authcfg, kind, header = self._values(parameters, context)
        store = self.remote_gp().store
        existing = _named(store.all(), name)
        header = header if kind == OGC else ""
        if existing:
            connection = store.rename(existing[0], name, url, authcfg, kind or GP, header)
            done = tr("Connection '{name}' updated.")
        else:
            connection = store.add(name, url, authcfg, kind or GP, header)
            done = tr("Connection '{name}' added.")
        feedback.pushInfo(
            done.format(name=connection.name)
            + " "
            + tr("Fetch its tasks with Refresh GP connections (remotegp:refreshconnections).")
        )
        return {self.KEY: connection.key}

    def postProcessAlgorithm(  # noqa: N802
        self,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        """On the main thread: algorithms of an updated connection use its new address and name."""
        self.remote_gp().refreshAlgorithms()
        return {}

    def _values(self, parameters: dict, context: QgsProcessingContext) -> tuple[str, str, str, str | None, str]:
        """Name, URL, authcfg, the kind of server (None when neither said nor told by the URL) and
        the API key header."""
        url = self.parameterAsString(parameters, self.URL, context).strip()
        kind = self.KINDS[self.parameterAsEnum(parameters, self.KIND, context)] or server_kind(url)
        return (
            self.parameterAsString(parameters, self.NAME, context).strip(),
            url,
            self.parameterAsString(parameters, self.AUTHCFG, context).strip(),
            kind,
            self.parameterAsString(parameters, self.API_KEY_HEADER, context).strip(),
        )


class RefreshConnections(ConnectionTool):
    CONNECTIONS = "CONNECTIONS"
    REFRESHED, FAILED, SERVICES, TASKS = "REFRESHED", "FAILED", "SERVICES", "TASKS"

    def __init__(self):
        super().__init__()
        self._chosen: list[Source] = []
        self._fetched: dict[str, descriptions.Descriptions] = {}

    def name(self) -> str:
        return REFRESH_ID

    def displayName(self) -> str:  # noqa: N802
        return tr("Refresh GP connections")

    def shortHelpString(self) -> str:  # noqa: N802
        return tr(
            "Fetches the task descriptions of GP connections from their servers, so that each task becomes "
            "an algorithm: all connections, or those named (separated by commas). A connection whose server "
            "cannot be read keeps the algorithms it had. The outputs count the connections refreshed and "
            "not refreshed, and the GP services and tasks found."
        )

    def initAlgorithm(self, config: dict | None = None) -> None:  # noqa: N802
        names = QgsProcessingParameterString(self.CONNECTIONS, tr("Connections (all when empty)"), optional=True)
        names.setHelp(tr("The names of the connections to refresh, separated by commas, in any case."))
        self.addParameter(names)
        for output, description in (
            (self.REFRESHED, tr("Connections refreshed")),
            (self.FAILED, tr("Connections not refreshed")),
            (self.SERVICES, tr("GP services found")),
            (self.TASKS, tr("Tasks found")),
        ):
            self.addOutput(QgsProcessingOutputNumber(output, description))

    def problem(self, parameters: dict, context: QgsProcessingContext) -> str:
        connections = self.remote_gp().store.all()
        if not connections:
            return tr("There are no GP connections to refresh. Add one first: {how}").format(how=_how_to_add())
        unknown = [n for n in self._names(parameters, context) if not _named(connections, n)]
        if unknown:
            return tr("No GP connection is named {unknown}. The connections are: {known}.").format(
                unknown=", ".join(f"'{n}'" for n in unknown), known=", ".join(c.name for c in connections)
            )
        return ""

    def prepareAlgorithm(  # noqa: N802
        self,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> bool:
        """On the main thread: reading the authentication database may ask for the master password."""
        wanted = {name.casefold() for name in self._names(parameters, context)}
        chosen = [c for c in self.remote_gp().store.all() if not wanted or c.name.casefold() in wanted]
        self._chosen = [Source.read(c) for c in chosen]
        return True

    def processAlgorithm(  # noqa: N802
        self,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        """One connection after the other; only the walks that went through are kept."""
        report, failed = _reporter(feedback), []
        with relayed_to(feedback):
            for number, source in enumerate(self._chosen):
                if feedback.isCanceled():
                    break
                found = descriptions.refresh(source, report, feedback.isCanceled)
                if found is not None:
                    self._fetched[source.connection.key] = found
                elif not feedback.isCanceled():
                    failed.append(source.connection.name)
                feedback.setProgress(100 * (number + 1) / len(self._chosen))
        if failed and not self._fetched:
            raise QgsProcessingException(
                tr("No GP connection could be refreshed: {connections}.").format(connections=", ".join(failed))
            )
        if failed:
            feedback.reportError(
                tr("Connection(s) not refreshed: {connections}.").format(connections=", ".join(failed)), False
            )
        fetched = self._fetched.values()
        return {
            self.REFRESHED: len(fetched),
            self.FAILED: len(failed),
            self.SERVICES: sum(len(found.services) for found in fetched),
            self.TASKS: sum(found.task_count for found in fetched),
        }

    def postProcessAlgorithm(  # noqa: N802
        self,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        """On the main thread, as the GUI's refresh: cache the descriptions, rebuild the algorithms."""
        self.remote_gp().store_fetched(self._fetched)
        return {}

    def _names(self, parameters: dict, context: QgsProcessingContext) -> list[str]:
        text = self.parameterAsString(parameters, self.CONNECTIONS, context)
        return [name.strip() for name in text.split(",") if name.strip()]


def _named(connections: list[Connection], name: str) -> list[Connection]:
    """The connections of that name, whatever its case."""
    return [c for c in connections if c.name.casefold() == name.casefold()]


def _reporter(feedback: QgsProcessingFeedback) -> descriptions.Report:
    """A refresh's report in the algorithm's log: errors, warnings and information as such."""

    def report(message: str, level: Qgis.MessageLevel) -> None:
        if level == Qgis.Critical:
            feedback.reportError(message, False)
        elif level == Qgis.Warning:
            feedback.pushWarning(message)
        else:
            feedback.pushInfo(message)

    return report


def _how_to_add() -> str:
    return tr(
        "in QGIS, Web ▸ Remote GP ▸ GP Connections…; on the command line, qgis_process run "
        'remotegp:{add} --NAME="My server" --URL=https://host/arcgis, then qgis_process run '
        "remotegp:{refresh}"
    ).format(add=ADD_ID, refresh=REFRESH_ID)


def empty_provider_hint(connections: list[Connection], uncached: list[Connection]) -> str:
    """What to tell a user whose connections give no algorithms: how to add a connection, or how
    to fetch the task descriptions of those never refreshed; "" when there is nothing to tell."""
    if not connections:
        return tr("Remote GP has no GP connections yet, so no remote algorithms. Add one: {how}").format(
            how=_how_to_add()
        )
    if uncached:
        return tr(
            "Remote GP has no task descriptions yet for the connection(s) {connections}, so no algorithms "
            "from them. Fetch them: in QGIS, Refresh GP Connections (the Remote GP button of the Processing "
            "Toolbox); on the command line, qgis_process run remotegp:{refresh}"
        ).format(connections=", ".join(f"'{c.name}'" for c in uncached), refresh=REFRESH_ID)
    return ""
