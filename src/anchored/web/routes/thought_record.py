"""Placeholder: filled in by the thought_record feature."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
