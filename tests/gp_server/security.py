"""Token-based security, as ArcGIS Server does it for the services of the ``Secure`` folder.

``POST <context>/tokens/generateToken`` (username, password, client=referer|requestip, referer,
expiration in minutes) answers ``{"token", "expires" (epoch ms), "ssl"}``. A secured resource asked
for without a token answers error 499 (Token Required); with an unknown, expired, or (for a
referer token) wrongly-referred token, error 498 (Invalid Token). Both with HTTP 200, like ArcGIS.
The token may come as the ``token`` parameter or as ``X-Esri-Authorization: Bearer <token>``.

``POST <context>/testing/expireTokens`` is for tests only (no ArcGIS has it): every token issued
so far expires at once, so expiry can be tested without waiting for a clock.

Tokens belong to the canonical host (the one in the URL the server printed at start-up): ANY request
that carries a token (valid or not) with another Host header -- such as ``localhost``, where
``Secure/DataTypes`` publishes its files -- is refused with HTTP 403. Tests prove with it that a client
never sends its token to a host that did not issue it.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass

from .request import Request
from .responses import RestError

#: The one account of this server.
USERS = {"gpuser": "gp-password-1"}
FOREIGN_HOST_ERROR = {"error": {"code": 403, "message": "A token was sent to a host that did not issue it."}}
DEFAULT_MINUTES = 60
MAX_MINUTES = 24 * 60


@dataclass
class Token:
    username: str
    referer: str | None
    expires_ms: int


class TokenStore:
    def __init__(self) -> None:
        self._tokens: dict[str, Token] = {}
        self._lock = threading.Lock()

    def generate(self, request: Request) -> dict:
        """The generateToken operation."""
        if request.method != "POST":
            raise RestError(405, "Unable to generate token.", ["Token generation must use HTTP POST."])
        username, password = request.params.get("username", ""), request.params.get("password", "")
        if not username or USERS.get(username) != password:
            raise RestError(400, "Unable to generate token.", ["Invalid username or password."])
        client = request.params.get("client", "requestip").lower()
        referer = request.params.get("referer") if client == "referer" else None
        if client == "referer" and not referer:
            raise RestError(400, "Unable to generate token.", ["'referer' must be specified."])
        minutes = _minutes(request.params.get("expiration"))
        value = secrets.token_urlsafe(24)
        expires_ms = int((time.time() + minutes * 60) * 1000)
        with self._lock:
            self._tokens[value] = Token(username, referer, expires_ms)
        return {"token": value, "expires": expires_ms, "ssl": False}

    def require(self, request: Request) -> None:
        """Raise the ArcGIS error a request without a valid token gets."""
        value = request.token
        if not value:
            raise RestError(499, "Token Required", ["Token Required"])
        with self._lock:
            token = self._tokens.get(value)
        if token is None or token.expires_ms <= time.time() * 1000:
            raise RestError(498, "Invalid Token", ["Invalid Token"])
        if token.referer is not None and request.headers.get("referer") != token.referer:
            raise RestError(498, "Invalid Token", ["The token was issued for another referer."])

    def expire_all(self) -> dict:
        with self._lock:
            for token in self._tokens.values():
                token.expires_ms = 0
            count = len(self._tokens)
        return {"success": True, "expired": count}


def _minutes(text: str | None) -> float:
    if not text:
        return DEFAULT_MINUTES
    try:
        minutes = float(text)
    except ValueError:
        raise RestError(400, "Unable to generate token.", [f"Invalid expiration: {text}"]) from None
    return min(max(minutes, 1.0), MAX_MINUTES)


def token_sent_elsewhere(request: Request, canonical_host: str) -> bool:
    return request.carries_token and request.host != canonical_host
