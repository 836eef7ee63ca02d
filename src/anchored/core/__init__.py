"""Shared pure rules: owner, ratings, limits, clock, errors, crisis-phrase rules. No I/O."""
