"""Placeholder: filled in by the checkin feature."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
