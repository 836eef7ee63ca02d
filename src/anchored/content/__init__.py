"""Content data for Anchored (crisis lines and other reviewed text), loaded as package data."""
