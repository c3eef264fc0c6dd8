"""Tokens: a given token, or one got from the server's generateToken with a username and password
and renewed before it expires (and once more whenever the server calls it invalid).

The token URL comes from the server's `rest/info` (`authInfo.tokenServicesUrl`, which for a
server federated with Portal is Portal's `sharing/rest/generateToken`); without it, the ArcGIS
Server default `<context>/tokens/generateToken`. The password goes only there, only over https (or
to this computer), and a redirect of the sign-in to another origin is not followed.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urljoin

from .answers import read_json
from .errors import BadResponse, InsecureConnection, ServerError, TokenRequired
from .exchange import Exchange, describe_origin, is_secure
from .json_fields import number_of
from .transport import describe_host

#: Seconds before expiry at which a token is renewed.
RENEW_MARGIN = 120.0
TOKEN_MINUTES = 60


@dataclass
class Credentials:
    username: str
    password: str = field(repr=False)
    referer: str | None = None


class TokenAuth:
    """The token for one server. `current()` signs a request; `renew()` answers a 498/499."""

    def __init__(
        self,
        rest_root: str,
        http: Exchange,
        *,
        token: str | None = None,
        credentials: Credentials | None = None,
        referer: str | None = None,
        clock: Callable[[], float] = time.time,
    ):
        self._rest_root = rest_root
        self._http = http
        self._credentials = credentials
        self.referer = credentials.referer if credentials else referer
        self._clock = clock
        self._token = token
        self._expires: float | None = None
        self._lock = threading.Lock()

    @property
    def can_renew(self) -> bool:
        return self._credentials is not None

    def current(self) -> str | None:
        """The token to send now, signing in or renewing first when needed."""
        with self._lock:
            if self._credentials and (self._token is None or self._expiring()):
                self._sign_in()
            return self._token

    def secrets(self) -> list[str | None]:
        """What must never appear in an error or a log: the token and the password."""
        return [self._token, self._credentials.password if self._credentials else None]

    def renew(self, refused: TokenRequired) -> None:
        """A token was refused: get a new one, or say why there cannot be one."""
        if not self._credentials:
            hint = "sign in with a username and password, or give a new token."
            raise TokenRequired(refused.code, f"{refused.message}: {hint}", refused.details, refused.url) from None
        with self._lock:
            self._sign_in()

    def _expiring(self) -> bool:
        return self._expires is not None and self._clock() >= self._expires - RENEW_MARGIN

    def _sign_in(self) -> None:
        assert self._credentials is not None
        url = self._token_url()
        if not is_secure(url):
            raise InsecureConnection(
                f"Signing in would send the password over plain http to {describe_origin(url)}: "
                "use the server's https address."
            )
        form = {
            "username": self._credentials.username,
            "password": self._credentials.password,
            "expiration": str(TOKEN_MINUTES),
            "f": "json",
        }
        form.update({"client": "referer", "referer": self.referer} if self.referer else {"client": "requestip"})
        try:
            body = read_json(self._http.send("POST", url, form, own=url), self.secrets())
        except ServerError as error:
            raise TokenRequired(
                error.code,
                f"Sign-in as '{self._credentials.username}' failed: {error.message}",
                error.details,
                error.url,
            ) from None
        self._token, self._expires = read_token(body, url)

    def _token_url(self) -> str:
        info_url = self._rest_root[: -len("/services")] + "/info"
        try:
            info = read_json(self._http.send("GET", info_url, {"f": "json"}, own=info_url))
        except (ServerError, BadResponse):
            info = {}
        return token_service_url(info, info_url, self._rest_root)


def read_token(body: dict[str, Any], url: str) -> tuple[str, float | None]:
    """The token of a generateToken answer, and when it expires (seconds since the epoch; None when
    the answer does not say)."""
    token = body.get("token")
    if not isinstance(token, str) or not token:
        raise BadResponse(f"{describe_host(url)} answered the sign-in without a token.")
    milliseconds = number_of(body.get("expires"))
    return token, None if milliseconds is None else milliseconds / 1000


def token_service_url(info: dict[str, Any], info_url: str, rest_root: str) -> str:
    """The generateToken URL that `rest/info` names (an http or https URL, or a path on the server),
    else the ArcGIS Server default."""
    auth_info = info.get("authInfo")
    url = auth_info.get("tokenServicesUrl") if isinstance(auth_info, dict) else None
    if isinstance(url, str) and url.startswith("/"):
        url = urljoin(info_url, url)
    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        url = rest_root[: -len("/rest/services")] + "/tokens/"
    return url if url.rstrip("/").endswith("generateToken") else url.rstrip("/") + "/generateToken"
