"""A connection as gp_core reaches it: the connection, the credentials read for it, and the gp_core
Server it opens on QGIS's network stack. Everything that talks to a connection's server (the
algorithms, refreshes, tests, the Browser, the job monitor) takes one `Source`.

Credentials are read on the main thread (the authentication database may ask for the master
password), once, when the Source is made; the Server is opened where the requests are sent. When
they cannot be read, every request of that Server fails with the reason (CredentialsUnreadable), so
each path that talks to the server reports it where it reports its other failures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, NoReturn

from qgis.core import QgsApplication, QgsAuthMethodConfig

from ..gp_core import CredentialsUnreadable, OgcServer, RetryPolicy, Server, Settings, basic_auth
from .connections import Connection, is_header_name
from .feedback import in_qgis_process
from .i18n import tr
from .network import QgisTransport

#: The authentication method whose credentials gp_core uses itself (a username and password
#: exchanged for a token); any other is applied by QGIS.
TOKEN_EXCHANGE = "Basic"


@dataclass(frozen=True)
class Credentials:
    """What an authcfg holds for gp_core: a username and password to exchange for a token (Basic).
    Other methods (EsriToken, OAuth2, PKI) are applied by QGIS to each request instead."""

    method: str = ""
    username: str = ""
    password: str = ""

    def __repr__(self) -> str:
        return f"Credentials({self.method!r}, {self.username!r})"


def read_credentials(connection: Connection) -> Credentials:
    """Read on the main thread: the authentication database may ask for the master password.
    CredentialsUnreadable when the connection's configuration cannot be read: sent without it, a
    request would only get a sign-in error that hides why."""
    if not connection.authcfg:
        return Credentials()
    manager = QgsApplication.authManager()
    if connection.authcfg not in manager.configIds():
        raise CredentialsUnreadable(
            _unreadable(connection, tr("QGIS's authentication database has no such configuration."))
        )
    loaded, config = manager.loadAuthenticationConfig(connection.authcfg, QgsAuthMethodConfig(), True)
    if not loaded:
        raise CredentialsUnreadable(_unreadable(connection, _why_not_loaded(manager.masterPasswordIsSet())))
    if config.method() == TOKEN_EXCHANGE:
        return Credentials(config.method(), config.config("username"), config.config("password"))
    return Credentials(config.method())


def _unreadable(connection: Connection, reason: str) -> str:
    return tr(
        "The stored login of the connection '{connection}' (authentication configuration '{authcfg}') could not "
        "be read: {reason}"
    ).format(connection=connection.name, authcfg=connection.authcfg, reason=reason)


def _why_not_loaded(master_password_set: bool) -> str:
    """The master password not given (qgis_process asks for none: it reads it from a file named by
    QGIS_AUTH_PASSWORD_FILE), or a configuration QGIS could not decrypt or load."""
    if master_password_set:
        return tr("QGIS could not decrypt or load it; edit it in Options ▸ Authentication.")
    if in_qgis_process():
        return tr(
            "QGIS's master password was not given. qgis_process reads it from the first line of the file "
            "that the environment variable QGIS_AUTH_PASSWORD_FILE names."
        )
    return tr("QGIS's master password was not given.")


class _Refused:
    """The transport of a connection whose credentials could not be read: every request fails with
    the reason, where the caller reports its failures."""

    def __init__(self, reason: str):
        self._reason = reason

    def request(self, method: str, url: str, **options: Any) -> NoReturn:
        raise CredentialsUnreadable(self._reason)

    def download(self, url: str, destination: Path, **options: Any) -> NoReturn:
        raise CredentialsUnreadable(self._reason)

    def cancelled(self) -> bool:
        return False  # nothing is under way: every request fails at once


@dataclass(frozen=True)
class Source:
    """A connection and the credentials read for it (or why they could not be)."""

    connection: Connection
    credentials: Credentials = Credentials()
    unreadable: str = ""
    """Why the connection's credentials could not be read; "" when they were (or it has none)."""

    @classmethod
    def read(cls, connection: Connection) -> Source:
        """On the main thread: the connection with its credentials read now. Never raises: a Source
        whose credentials cannot be read opens a Server whose requests fail with the reason."""
        try:
            return cls(connection, read_credentials(connection))
        except CredentialsUnreadable as error:
            return cls(connection, unreadable=str(error))

    def check(self) -> None:
        """CredentialsUnreadable when the connection's credentials could not be read."""
        if self.unreadable:
            raise CredentialsUnreadable(self.unreadable)

    @property
    def signs_in(self) -> bool:
        """Whether gp_core exchanges a username and password for a token (QGIS cannot send that token):
        a GP server's Basic configuration. An OGC API server takes Basic's header from QGIS itself."""
        return self.credentials.method == TOKEN_EXCHANGE and not self.connection.is_ogc

    def server(self, cancelled: Callable[[], bool] | None = None) -> Server:
        """A gp_core Server on QGIS's network stack (proxy, SSL, authcfg) for this connection. When
        `cancelled()` turns true, the request under way is aborted and no other is sent."""
        connection, credentials = self.connection, self.credentials
        if self.unreadable:
            return Server(connection.url, transport=_Refused(self.unreadable))
        transport = self._transport(cancelled)
        if self.signs_in and credentials.username:
            return Server(
                connection.url, transport=transport, username=credentials.username, password=credentials.password
            )
        return Server(connection.url, transport=transport)

    def ogc_server(
        self,
        cancelled: Callable[[], bool] | None = None,
        *,
        settings: Settings | None = None,
        retry: RetryPolicy = RetryPolicy(),  # noqa: B008 — frozen
    ) -> OgcServer:
        """`server`'s OGC API - Processes counterpart: the authentication method is QGIS's to apply,
        except an API key, which gp_core sends in the connection's header (to the server's origin
        only). The OgcServer knows QGIS signs its requests (so a plain-http address of another
        computer is refused, as with credentials of its own) and a Basic configuration's header,
        which a server may quote back in an error. `settings` and `retry` as OgcServer's (the fault
        matrix's)."""
        url = self.connection.url
        if self.unreadable:
            return OgcServer(url, transport=_Refused(self.unreadable), settings=settings, retry=retry)
        credentials = self.credentials
        transport = self._transport(cancelled)
        if self.sends_api_key:
            headers = {self.connection.api_key_header: credentials.password}
            return OgcServer(url, transport=transport, settings=settings, retry=retry, headers=headers)
        secrets = (
            list(basic_auth(credentials.username, credentials.password).values())
            if credentials.method == TOKEN_EXCHANGE
            else []
        )
        return OgcServer(
            url,
            transport=transport,
            settings=settings,
            retry=retry,
            transport_signs=bool(credentials.method),
            secrets=secrets,
        )

    @property
    def sends_api_key(self) -> bool:
        """Whether gp_core sends an API key (the Basic configuration's password) in the connection's header."""
        return (
            self.connection.is_ogc
            and is_header_name(self.connection.api_key_header)
            and self.credentials.method == TOKEN_EXCHANGE
        )

    def _transport(self, cancelled: Callable[[], bool] | None) -> QgisTransport:
        """QGIS's network stack, with the connection's authentication configuration unless gp_core signs in."""
        applied = (
            self.connection.authcfg if self.credentials.method and not (self.signs_in or self.sends_api_key) else ""
        )
        return QgisTransport(authcfg=applied, auth_url=self.connection.url, cancelled=cancelled)
