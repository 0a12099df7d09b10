"""The build's one error type."""

from __future__ import annotations


class BuildError(Exception):
    """A problem that stops the build; the message says where and what to fix."""
