"""The endpoint's one error type, shared by the protocol answers and the HTML editor."""

from __future__ import annotations


class ProtocolError(Exception):
    """A request the endpoint cannot answer with results: `status`, a text message, headers."""

    def __init__(self, status: int, message: str, **headers: str):
        super().__init__(message)
        self.status = status
        self.headers = headers
