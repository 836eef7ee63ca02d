"""What the running server holds in memory: the vault (locked or open) and browser sessions.

Personal mode serves one person, so this is one object per process, guarded by a lock because
sync endpoints run in a thread pool.
"""

from __future__ import annotations

import contextlib
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from anchored.core.errors import VaultLocked
from anchored.core.owner import PERSONAL_OWNER
from anchored.services import idle_lock
from anchored.services.vault import OpenVault, Vault
from anchored.settings import Settings

SESSION_COOKIE = "anchored_session"


_SESSION_ID = "anchored.session_id"  # where the scope keeps it once read


def session_id_from(scope: Any) -> str | None:
    """The browser session id from a request's cookie header (ASGI scope), if any. Read once
    per request (the security check and the page both ask)."""
    try:
        known: str | None = scope[_SESSION_ID]
    except (KeyError, TypeError):
        pass
    else:
        return known
    found = _read_session_id(scope)
    with contextlib.suppress(TypeError):
        scope[_SESSION_ID] = found
    return found


def _read_session_id(scope: Any) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            cookie: SimpleCookie = SimpleCookie()
            try:
                cookie.load(value.decode("latin-1"))
            except Exception:
                return None
            morsel = cookie.get(SESSION_COOKIE)
            if morsel is not None:
                return morsel.value
    return None


@dataclass
class AppState:
    hosted: ClassVar[bool] = False  # web.hosted.HostedState: many people, signed in
    settings: Settings
    port: int
    clock: Callable[[], float] = time.time
    # The wait after a wrong passphrase or recovery key (tests record it instead).
    sleep: Callable[[float], None] = time.sleep
    launch_token: str | None = field(default_factory=lambda: secrets.token_urlsafe(32))
    _sessions: set[str] = field(default_factory=set)
    _open: OpenVault | None = None
    _last_activity: float = 0.0
    # Shown once after onboarding (or a new one from the settings), until the person confirms
    # they saved it; then the browser goes on to ``recovery_key_next`` (None: home, welcomed).
    pending_recovery_key: str | None = None
    recovery_key_next: str | None = None
    # The person's own idle-lock choice, kept in the vault (read on unlock); None: the setting.
    chosen_idle_minutes: int | None = None
    _mutex: threading.RLock = field(default_factory=threading.RLock)

    @property
    def vault(self) -> Vault:
        return Vault(self.settings.data_dir)

    @property
    def allowed_hosts(self) -> frozenset[str]:
        return frozenset({f"127.0.0.1:{self.port}", f"localhost:{self.port}"})

    @property
    def allowed_origins(self) -> frozenset[str]:
        return frozenset(f"http://{host}" for host in self.allowed_hosts)

    def now(self) -> datetime:
        """The current time from this state's clock (controllable in tests)."""
        return datetime.fromtimestamp(self.clock(), UTC)

    # -- browser sessions ------------------------------------------------------------------

    def launch_url(self) -> str:
        assert self.launch_token is not None
        return f"http://127.0.0.1:{self.port}/launch?token={self.launch_token}"

    def redeem_launch_token(self, token: str) -> str | None:
        """Trade the one-time token for a new session id; None if wrong or already used."""
        with self._mutex:
            if self.launch_token is None or not secrets.compare_digest(
                token.encode(), self.launch_token.encode()
            ):
                return None
            self.launch_token = None
            session_id = secrets.token_urlsafe(32)
            self._sessions.add(session_id)
            return session_id

    def has_session(self, session_id: str | None) -> bool:
        if not session_id:
            return False
        with self._mutex:
            return any(secrets.compare_digest(session_id, s) for s in self._sessions)

    # -- vault -----------------------------------------------------------------------------

    @property
    def is_unlocked(self) -> bool:
        with self._mutex:
            return self._open is not None and self._open.is_open

    @property
    def opened(self) -> OpenVault:
        """The open vault itself, for work on all of it (a backup); VaultLocked if locked."""
        with self._mutex:
            opened = self._open
        if opened is None or not opened.is_open:
            raise VaultLocked("The vault is locked.")
        return opened

    def set_open(self, opened: OpenVault) -> None:
        chosen = idle_lock.read_chosen(opened, PERSONAL_OWNER)
        with self._mutex:
            if self._open is not None:
                self._open.lock()
            self._open = opened
            self.chosen_idle_minutes = chosen
            self._last_activity = self.clock()

    @property
    def idle_lock_minutes(self) -> int:
        """Minutes without activity before the vault locks: the person's choice, else the
        setting (``ANCHORED_IDLE_LOCK_MINUTES``)."""
        return self.chosen_idle_minutes or self.settings.idle_lock_minutes

    def open_vault(self) -> OpenVault:
        """The open vault itself, for what changes its keys (passphrase, recovery key)."""
        with self._mutex:
            opened = self._open
        if opened is None or not opened.is_open:
            raise VaultLocked("The vault is locked.")
        return opened

    def lock(self) -> None:
        with self._mutex:
            opened, self._open = self._open, None
            self.pending_recovery_key = None
            self.recovery_key_next = None
            if opened is not None:
                opened.lock()

    def touch(self) -> None:
        """Note activity; lock first if the idle limit has already passed."""
        with self._mutex:
            self.lock_if_idle()
            if self._open is not None:
                self._last_activity = self.clock()

    def lock_if_idle(self) -> bool:
        with self._mutex:
            idle_limit = self.idle_lock_minutes * 60
            if self._open is not None and self.clock() - self._last_activity >= idle_limit:
                self.lock()
                return True
            return False

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A database session on the open vault; commits on success."""
        with self._mutex:
            opened = self._open
        if opened is None:
            raise VaultLocked("The vault is locked.")
        with opened.session() as session:
            yield session
