"""Anchored: a private companion for healing from fear of abandonment."""

__version__ = "0.1.0"
