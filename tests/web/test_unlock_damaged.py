"""A damaged vault in the browser: a calm page that says what happened and what to do, with
Help now at hand; never a 500, never a stack trace, and nothing written."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from anchored.web.state import AppState
from tests.support import PASSPHRASE, onboard, write_entry

Client = tuple[TestClient, AppState]
NEW_PASSPHRASE = "lantern harbour green autumn"


def _snapshot(data_dir: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data_dir.iterdir())
        if p.is_file() and p.name != "vault.lock"
    }


def _is_calm_damaged_page(response_text: str, status: int) -> None:
    assert status == 409
    page = response_text
    assert "can\u2019t be opened" in page or "can't be opened" in page
    assert "backup" in page
    assert "recovery key" in page  # says it cannot help with a damaged file
    assert 'href="/help"' in page  # Help now is at hand
    assert "Traceback" not in page
    assert "Something went wrong on our side" not in page


def _edit_header(data_dir: Path, edit: Callable[[dict[str, object]], object]) -> None:
    path = data_dir / "vault.json"
    header = json.loads(path.read_text())
    edit(header)
    path.write_text(json.dumps(header))


def _empty_db(data_dir: Path) -> None:
    (data_dir / "anchored.db").write_bytes(b"")


def _missing_db(data_dir: Path) -> None:
    (data_dir / "anchored.db").unlink()


def _empty_salt(data_dir: Path) -> None:
    _edit_header(data_dir, lambda h: h["slots"]["passphrase"].update(salt=""))  # type: ignore[index]


def _four_byte_recovery_salt(data_dir: Path) -> None:
    _edit_header(data_dir, lambda h: h["slots"]["recovery"].update(salt="YWJjZA=="))  # type: ignore[index]


def _nested(data_dir: Path) -> None:
    (data_dir / "vault.json").write_text("[" * 100_000 + "]" * 100_000)


def _costly_argon2(data_dir: Path) -> None:
    _edit_header(
        data_dir,
        lambda h: h["slots"]["passphrase"].update(memory_kib=4 * 1024 * 1024, time_cost=100),  # type: ignore[index]
    )


DAMAGE = {
    "emptied database": _empty_db,
    "missing database": _missing_db,
    "empty salt": _empty_salt,
    "4-byte recovery salt": _four_byte_recovery_salt,
    "deeply nested vault.json": _nested,
    "costly Argon2 settings": _costly_argon2,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_vault_shows_a_calm_page_on_every_way_in(
    locked_client: Client, damage: Callable[[Path], None]
) -> None:
    client, state = locked_client
    data_dir = state.settings.data_dir
    damage(data_dir)
    before = _snapshot(data_dir)

    page = client.get("/unlock")
    _is_calm_damaged_page(page.text, page.status_code)
    home = client.get("/")  # redirected to the same page
    _is_calm_damaged_page(home.text, home.status_code)
    unlock = client.post("/unlock", data={"passphrase": PASSPHRASE})
    _is_calm_damaged_page(unlock.text, unlock.status_code)
    recovery = client.post(
        "/unlock/recovery",
        data={
            "recovery_key": "-".join(["0000"] * 8),
            "new_passphrase": NEW_PASSPHRASE,
            "new_passphrase_again": NEW_PASSPHRASE,
        },
    )
    _is_calm_damaged_page(recovery.text, recovery.status_code)
    assert PASSPHRASE not in unlock.text
    assert NEW_PASSPHRASE not in recovery.text
    welcome = client.get("/welcome")  # never offers to create a new vault over it
    _is_calm_damaged_page(welcome.text, welcome.status_code)

    assert not state.is_unlocked
    assert _snapshot(data_dir) == before
    assert client.get("/help").status_code == 200


def test_a_corrupt_page_while_unlocked_shows_the_calm_page(session_client: Client) -> None:
    client, state = session_client
    onboard(client)
    write_entry(client, "kept safe", title="Kept")
    opened = state._open
    assert opened is not None
    with opened.engine.connect() as conn:
        page = int(
            conn.exec_driver_sql(
                "SELECT rootpage FROM sqlite_master WHERE name = 'journal_entries'"
            ).scalar_one()
        )
    client.post("/lock")
    with open(state.settings.data_dir / "anchored.db", "r+b") as db:
        db.seek((page - 1) * 4096 + 200)
        db.write(os.urandom(64))
    unlocked = client.post("/unlock", data={"passphrase": PASSPHRASE}, follow_redirects=False)
    assert unlocked.status_code == 303
    assert state.is_unlocked
    response = client.get("/journal")
    # While the vault is open, the damaged part gets the calm page that keeps the rest open
    # (errors/damaged.html, as the security middleware shows it).
    assert response.status_code == 500
    assert "Part of your vault could not be read" in response.text
    assert "backup" in response.text
    assert "recovery key cannot repair" in response.text
    assert 'href="/help"' in response.text
    assert "Traceback" not in response.text
    assert client.get("/help").status_code == 200
