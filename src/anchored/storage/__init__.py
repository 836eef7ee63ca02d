"""Everything that touches disk: the encrypted vault, the engine, models and migrations."""
