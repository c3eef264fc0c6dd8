"""A connection as gp_core reaches it: the connection, the credentials read for it, and the gp_core
Server it opens on QGIS's network stack. Everything that talks to a connection's server (the
algorithms, refreshes, tests, the Browser, the job monitor) takes one `Source`.

Credentials are read on the main thread (the authentication database may ask for the master
password), once, when the Source is made; the Server is opened where the requests are sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from qgis.core import QgsApplication, QgsAuthMethodConfig

from ..gp_core import Server
from .connections import Connection
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
    """Read on the main thread: the authentication database may ask for the master password."""
    if not connection.authcfg:
        return Credentials()
    config = QgsAuthMethodConfig()
    QgsApplication.authManager().loadAuthenticationConfig(connection.authcfg, config, True)
    if config.method() == TOKEN_EXCHANGE:
        return Credentials(config.method(), config.config("username"), config.config("password"))
    return Credentials(config.method())


@dataclass(frozen=True)
class Source:
    """A connection and the credentials read for it."""

    connection: Connection
    credentials: Credentials = Credentials()

    @classmethod
    def read(cls, connection: Connection) -> Source:
        """On the main thread: the connection with its credentials read now."""
        return cls(connection, read_credentials(connection))

    @property
    def signs_in(self) -> bool:
        """Whether gp_core exchanges a username and password for a token (QGIS cannot send that token)."""
        return self.credentials.method == TOKEN_EXCHANGE

    def server(self, cancelled: Callable[[], bool] | None = None) -> Server:
        """A gp_core Server on QGIS's network stack (proxy, SSL, authcfg) for this connection. When
        `cancelled()` turns true, the request under way is aborted and no other is sent."""
        connection, credentials = self.connection, self.credentials
        applied = connection.authcfg if credentials.method and not self.signs_in else ""
        transport = QgisTransport(authcfg=applied, auth_url=connection.url, cancelled=cancelled)
        if self.signs_in and credentials.username:
            return Server(
                connection.url, transport=transport, username=credentials.username, password=credentials.password
            )
        return Server(connection.url, transport=transport)
