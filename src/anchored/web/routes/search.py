"""Placeholder: filled in by the search feature."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
