"""Hosted mode's account rules, pure: roles, usernames, passwords, how long invitations and
sessions last, and when sign-ins are paused."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

PERSON = "person"
THERAPIST = "therapist"
ADMIN = "admin"
ROLES = (PERSON, THERAPIST, ADMIN)
ROLE_LABELS = {PERSON: "Person", THERAPIST: "Therapist", ADMIN: "Admin"}

INVITE_LIFETIME = timedelta(days=7)
SESSION_ABSOLUTE = timedelta(hours=12)  # signed in at most this long, however active
SESSION_TOUCH_EVERY = timedelta(seconds=60)  # how often last_seen is written

# Failed sign-ins within RATE_WINDOW: more than this pauses sign-in for that name or address.
RATE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 30

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,31}")
MIN_PASSWORD = 12
MAX_PASSWORD = 1024

# One wording for every refused sign-in: an unknown name and a wrong password look the same.
SIGN_IN_REFUSED = "That name and password do not match. Please try again."
SIGN_IN_PAUSED = (
    "There have been several tries to sign in. Sign-in is paused for a few minutes; "
    "please try again a little later."
)


def clean_username(value: str) -> str:
    return value.strip().lower()


def username_problem(value: str) -> str | None:
    if not USERNAME.fullmatch(value):
        return (
            "Choose a name of 3 to 32 letters or numbers (dots, dashes and underscores too), "
            "starting with a letter or number."
        )
    return None


def password_problem(password: str, username: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"Choose a password of at least {MIN_PASSWORD} characters. A few words work well."
    if len(password) > MAX_PASSWORD:
        return f"A password can be up to {MAX_PASSWORD:,} characters."
    if password.strip().lower() == username:
        return "Choose a password that is not your name."
    return None


def session_expired(
    *, created_at: datetime, last_seen_at: datetime, now: datetime, idle: timedelta
) -> bool:
    """A session ends after ``idle`` without a request, or SESSION_ABSOLUTE after sign-in."""
    return now - last_seen_at >= idle or now - created_at >= SESSION_ABSOLUTE


def too_many(failures: int, limit: int) -> bool:
    return failures >= limit
