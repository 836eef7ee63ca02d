"""Accounts in hosted mode, on PostgreSQL: invitations, passwords, sign-in limits, sessions,
disabling and deleting an account."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from anchored.core import accounts as rules
from anchored.core.errors import InvalidInput, NotFound
from anchored.features.journal import service as journal
from anchored.services import accounts
from anchored.services.accounts import SignedIn, SignInRefused
from anchored.storage import atrest
from anchored.storage.accounts import Account, Invite, WebSession
from tests.support import NOW

IDLE = timedelta(minutes=15)
PASSWORD = "a long walk by the sea"


def _admin(db: Session) -> SignedIn:
    token = accounts.create_invite(db, None, rules.ADMIN, now=NOW)
    made = accounts.accept_invite(db, token, "ada", PASSWORD, now=NOW, profile="fast")
    return SignedIn(made.account_id, made.username, made.role, "")


def _person(db: Session, admin: SignedIn, name: str = "sam", role: str = rules.PERSON) -> int:
    token = accounts.create_invite(db, admin, role, now=NOW)
    return accounts.accept_invite(db, token, name, PASSWORD, now=NOW, profile="fast").account_id


def test_an_invitation_makes_one_account_with_the_role_the_admin_chose(db: Session) -> None:
    admin = _admin(db)
    token = accounts.create_invite(db, admin, rules.THERAPIST, now=NOW)
    made = accounts.accept_invite(db, token, " Robin ", PASSWORD, now=NOW, profile="fast")
    assert (made.username, made.role) == ("robin", rules.THERAPIST)
    # One-time: the same link opens nothing the second time.
    assert accounts.open_invite(db, token, now=NOW) is None
    with pytest.raises(NotFound):
        accounts.accept_invite(db, token, "robin2", PASSWORD, now=NOW, profile="fast")
    # Only its digest is stored.
    stored = db.scalars(select(Invite.token_hash)).all()
    assert token not in stored
    assert accounts.digest(token) in stored


def test_an_invitation_expires_after_a_week(db: Session) -> None:
    admin = _admin(db)
    token = accounts.create_invite(db, admin, rules.PERSON, now=NOW)
    almost = NOW + rules.INVITE_LIFETIME - timedelta(seconds=1)
    assert accounts.open_invite(db, token, now=almost) is not None
    with pytest.raises(NotFound):
        accounts.accept_invite(
            db, token, "late", PASSWORD, now=NOW + rules.INVITE_LIFETIME, profile="fast"
        )


def test_only_an_admin_invites(db: Session) -> None:
    admin = _admin(db)
    person = _person(db, admin)
    with pytest.raises(NotFound):
        accounts.create_invite(db, SignedIn(person, "sam", rules.PERSON, ""), "admin", now=NOW)


def test_names_and_passwords_are_checked_and_the_password_hashed_with_argon2id(
    db: Session,
) -> None:
    admin = _admin(db)
    token = accounts.create_invite(db, admin, rules.PERSON, now=NOW)
    with pytest.raises(InvalidInput) as refused:
        accounts.accept_invite(db, token, "ada", "short", now=NOW, profile="fast")
    assert set(refused.value.errors) == {"username", "password"}  # taken, too short
    assert accounts.open_invite(db, token, now=NOW) is not None  # still usable
    account_id = accounts.accept_invite(db, token, "kim", PASSWORD, now=NOW, profile="fast")
    stored = db.get(Account, account_id.account_id)
    assert stored is not None
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash


def test_sign_in_gives_a_session_kept_only_as_a_digest(db: Session) -> None:
    admin = _admin(db)
    _person(db, admin)
    new = accounts.sign_in(db, "SAM", PASSWORD, address="10.0.0.9", now=NOW, profile="fast")
    assert new.signed_in.username == "sam"
    assert db.scalars(select(WebSession.token_hash)).all() == [accounts.digest(new.token)]
    found = accounts.session_for(db, new.token, now=NOW + timedelta(minutes=5), idle=IDLE)
    assert found is not None
    assert found.csrf_token == new.signed_in.csrf_token


def test_unknown_name_and_wrong_password_get_the_same_answer(db: Session) -> None:
    admin = _admin(db)
    _person(db, admin)
    answers = set()
    for name, password in (("nobody", PASSWORD), ("sam", "not the password")):
        with pytest.raises(SignInRefused) as refused:
            accounts.sign_in(db, name, password, address=None, now=NOW, profile="fast")
        answers.add(refused.value.message)
    assert answers == {rules.SIGN_IN_REFUSED}


def test_too_many_failures_pause_one_name_until_the_window_passes(db: Session) -> None:
    admin = _admin(db)
    _person(db, admin)
    for minute in range(rules.MAX_FAILURES_PER_ACCOUNT):
        with pytest.raises(SignInRefused):
            accounts.sign_in(
                db, "sam", "wrong", address=f"10.0.0.{minute}", now=NOW, profile="fast"
            )
    # Even the right password waits now, from any address; other names are not affected.
    with pytest.raises(SignInRefused, match="paused"):
        accounts.sign_in(db, "sam", PASSWORD, address="10.9.9.9", now=NOW, profile="fast")
    accounts.sign_in(db, "ada", PASSWORD, address="10.9.9.9", now=NOW, profile="fast")
    later = NOW + rules.RATE_WINDOW + timedelta(seconds=1)
    assert accounts.sign_in(db, "sam", PASSWORD, address="10.9.9.9", now=later, profile="fast")


def test_too_many_failures_from_one_address_pause_it_for_every_name(db: Session) -> None:
    admin = _admin(db)
    _person(db, admin)
    for n in range(rules.MAX_FAILURES_PER_ADDRESS):
        with pytest.raises(SignInRefused):
            accounts.sign_in(db, f"guess{n}", "wrong", address="10.6.6.6", now=NOW, profile="fast")
    with pytest.raises(SignInRefused, match="paused"):
        accounts.sign_in(db, "sam", PASSWORD, address="10.6.6.6", now=NOW, profile="fast")
    assert accounts.sign_in(db, "sam", PASSWORD, address="10.1.1.1", now=NOW, profile="fast")


def test_sessions_end_when_idle_or_too_old(db: Session) -> None:
    admin = _admin(db)
    _person(db, admin)
    new = accounts.sign_in(db, "sam", PASSWORD, address=None, now=NOW, profile="fast")
    assert accounts.session_for(db, new.token, now=NOW + IDLE - timedelta(seconds=1), idle=IDLE)
    assert accounts.session_for(db, new.token, now=NOW + 2 * IDLE, idle=IDLE) is None
    # Kept busy, a session still ends at the absolute limit.
    busy = accounts.sign_in(db, "sam", PASSWORD, address=None, now=NOW, profile="fast")
    moment = NOW
    while moment < NOW + rules.SESSION_ABSOLUTE - IDLE:
        moment += timedelta(minutes=10)
        assert accounts.session_for(db, busy.token, now=moment, idle=IDLE) is not None
    end = NOW + rules.SESSION_ABSOLUTE
    assert accounts.session_for(db, busy.token, now=end, idle=IDLE) is None


def test_sign_out_everywhere_ends_every_session_of_that_account_only(db: Session) -> None:
    admin = _admin(db)
    sam = _person(db, admin)
    phone = accounts.sign_in(db, "sam", PASSWORD, address=None, now=NOW, profile="fast")
    laptop = accounts.sign_in(db, "sam", PASSWORD, address=None, now=NOW, profile="fast")
    ada = accounts.sign_in(db, "ada", PASSWORD, address=None, now=NOW, profile="fast")
    accounts.sign_out(db, phone.token)
    assert accounts.session_for(db, phone.token, now=NOW, idle=IDLE) is None
    assert accounts.session_for(db, laptop.token, now=NOW, idle=IDLE) is not None
    accounts.sign_in(db, "sam", PASSWORD, address=None, now=NOW, profile="fast")
    assert accounts.sign_out_everywhere(db, sam) == 2
    assert accounts.session_for(db, laptop.token, now=NOW, idle=IDLE) is None
    assert accounts.session_for(db, ada.token, now=NOW, idle=IDLE) is not None


def test_disabling_ends_sessions_at_once_and_refuses_sign_in_until_enabled(db: Session) -> None:
    admin = _admin(db)
    sam = _person(db, admin)
    live = accounts.sign_in(db, "sam", PASSWORD, address=None, now=NOW, profile="fast")
    accounts.set_disabled(db, admin, sam, True, now=NOW)
    assert accounts.session_for(db, live.token, now=NOW, idle=IDLE) is None
    with pytest.raises(SignInRefused) as refused:
        accounts.sign_in(db, "sam", PASSWORD, address=None, now=NOW, profile="fast")
    assert refused.value.message == rules.SIGN_IN_REFUSED  # says nothing about the account
    accounts.set_disabled(db, admin, sam, False, now=NOW)
    assert accounts.sign_in(db, "sam", PASSWORD, address=None, now=NOW, profile="fast")
    with pytest.raises(InvalidInput):
        accounts.set_disabled(db, admin, admin.account_id, True, now=NOW)
    with pytest.raises(NotFound):
        accounts.set_disabled(
            db, SignedIn(sam, "sam", "person", ""), admin.account_id, True, now=NOW
        )


def test_deleting_my_account_removes_my_writing_and_keeps_everyone_elses(db: Session) -> None:
    admin = _admin(db)
    sam = _person(db, admin)
    me = SignedIn(sam, "sam", rules.PERSON, "")
    with atrest.acting_as(sam):  # as each person's own request would
        journal.add_entry(db, me.owner, "Sam's own words about the evening.", now=NOW)
    with atrest.acting_as(admin.account_id):
        journal.add_entry(db, admin.owner, "Ada's note stays.", now=NOW)
    accounts.sign_in(db, "sam", PASSWORD, address=None, now=NOW, profile="fast")
    with pytest.raises(InvalidInput):
        accounts.delete_own_account(db, me, "not it", now=NOW, profile="fast")
    assert journal.count_entries(db, me.owner) == 1
    accounts.delete_own_account(db, me, PASSWORD, now=NOW, profile="fast")
    assert journal.count_entries(db, me.owner) == 0
    assert journal.count_entries(db, admin.owner) == 1
    assert db.get(Account, sam) is None
    assert db.scalar(select(func.count()).select_from(WebSession)) == 0
    search_rows = db.execute(text("SELECT owner_id FROM search_index_documents")).scalars()
    assert list(search_rows) == [admin.account_id]
    terms = db.execute(text("SELECT DISTINCT owner_id FROM search_index_terms")).scalars()
    assert list(terms) == [admin.account_id]
    assert db.scalar(text("SELECT count(*) FROM owner_keys WHERE owner_id = :i"), {"i": sam}) == 0
    kinds = [(e.account_id, e.kind) for e in accounts.list_events(db, admin)]
    assert (sam, "deleted") in kinds
    assert (sam, "created") in kinds


def test_admins_see_accounts_and_events_never_content(db: Session) -> None:
    admin = _admin(db)
    sam = _person(db, admin, role=rules.THERAPIST)
    accounts.sign_in(db, "sam", PASSWORD, address=None, now=NOW, profile="fast")
    listed = accounts.list_accounts(db, admin)
    assert [(a.username, a.role, a.disabled) for a in listed] == [
        ("ada", "admin", False),
        ("sam", "therapist", False),
    ]
    assert {(e.username, e.kind) for e in accounts.list_events(db, admin)} >= {
        ("sam", "created"),
        ("sam", "signed in"),
    }
    with pytest.raises(NotFound):
        accounts.list_accounts(db, SignedIn(sam, "sam", rules.THERAPIST, ""))
