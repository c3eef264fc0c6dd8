"""Exceptions a tool run ends with, other than success."""

from __future__ import annotations


class ToolError(Exception):
    """The tool failed; ``messages`` are the ArcGIS-style ERROR lines to log, in order."""

    def __init__(self, *messages: str) -> None:
        super().__init__("; ".join(messages))
        self.messages: tuple[str, ...] = messages


class JobCancelled(Exception):
    """The job was cancelled while the tool ran; raised from ``ToolContext.check_cancelled``."""
