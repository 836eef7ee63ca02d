"""Forms that create something, remembered so that sending one again does not save a copy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from anchored.core.errors import AlreadySaved
from anchored.features.journal import service as journal
from anchored.features.journal.models import JournalEntry
from anchored.services import sent_forms
from anchored.storage.models import SentForm
from anchored.storage.vault import OpenVault
from tests.support import NOW, People

CRISIS = "I don't want to be here anymore, I want to kill myself."


def _digest(*fields: tuple[str, str]) -> str:
    return sent_forms.digest("/journal/new", list(fields))


def _send(
    open_vault: OpenVault,
    people: People,
    token: str | None,
    body: str,
    *,
    owner_is_me: bool = True,
    minutes: float = 0,
) -> int:
    """Send a journal form as the web does; returns the entry id it led to (new or earlier)."""
    owner = people.me if owner_is_me else people.stranger
    now = NOW + timedelta(minutes=minutes)
    try:
        with open_vault.session() as session:
            sending = sent_forms.claim(
                session, owner, token=token, digest=_digest(("body", body)), texts=(body,), now=now
            )
            done = journal.add_entry(session, owner, body, now=now)
            sending.saved(f"/journal/{done.id}", record=(JournalEntry, done.id), listing="/journal")
            return done.id
    except AlreadySaved as again:
        return int(again.url.removeprefix("/journal/"))


def test_tokens_are_random_and_well_formed() -> None:
    tokens = {sent_forms.new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(sent_forms.clean_token(t) == t for t in tokens)


@pytest.mark.parametrize("value", [None, "", "short", "a b c d e f g h i j", "é" * 30, "a" * 65])
def test_anything_else_is_no_token(value: str | None) -> None:
    assert sent_forms.clean_token(value) is None


def test_the_digest_depends_on_every_field_and_the_form() -> None:
    one = sent_forms.digest("/journal/new", [("body", "a"), ("title", "b")])
    assert one == sent_forms.digest("/journal/new", [("body", "a"), ("title", "b")])
    assert one != sent_forms.digest("/journal/new", [("body", "a"), ("title", "c")])
    assert one != sent_forms.digest("/journal/new", [("body", "ab"), ("title", "")])
    assert one != sent_forms.digest("/trigger-log/new", [("body", "a"), ("title", "b")])


def test_the_same_form_sent_again_leads_to_the_first_record(
    open_vault: OpenVault, people: People
) -> None:
    token = sent_forms.new_token()
    first = _send(open_vault, people, token, "Once.")
    assert _send(open_vault, people, token, "Once.", minutes=60 * 23) == first
    with open_vault.session() as session:
        assert journal.count_entries(session, people.me) == 1


def test_the_same_form_changed_is_saved(open_vault: OpenVault, people: People) -> None:
    """Back, a change, then Save: what was typed is kept, as a new entry."""
    token = sent_forms.new_token()
    first = _send(open_vault, people, token, "First try.")
    second = _send(open_vault, people, token, "First try, with a change.")
    assert second != first
    assert _send(open_vault, people, token, "First try, with a change.") == second
    with open_vault.session() as session:
        assert journal.count_entries(session, people.me) == 2


def test_another_rendering_of_the_form_is_a_new_record(
    open_vault: OpenVault, people: People
) -> None:
    first = _send(open_vault, people, sent_forms.new_token(), "Calm again.")
    assert _send(open_vault, people, sent_forms.new_token(), "Calm again.") != first


def test_a_form_without_a_token_is_saved_each_time(open_vault: OpenVault, people: People) -> None:
    assert _send(open_vault, people, None, "Old page.") != _send(
        open_vault, people, None, "Old page."
    )
    with open_vault.session() as session:
        assert session.scalars(select(SentForm)).all() == []


def test_a_token_is_one_persons_own(open_vault: OpenVault, people: People) -> None:
    """Someone else sending the same token saves their own record and learns nothing."""
    token = sent_forms.new_token()
    mine = _send(open_vault, people, token, "Mine.")
    theirs = _send(open_vault, people, token, "Mine.", owner_is_me=False)
    assert theirs != mine
    with open_vault.session() as session:
        assert journal.count_entries(session, people.stranger) == 1


def test_forms_are_forgotten_after_a_day(open_vault: OpenVault, people: People) -> None:
    token = sent_forms.new_token()
    first = _send(open_vault, people, token, "Yesterday.")
    later = _send(open_vault, people, token, "Yesterday.", minutes=60 * 24 + 1)
    assert later != first
    with open_vault.session() as session:
        rows = session.scalars(select(SentForm)).all()
        assert [row.sent_at for row in rows] == [NOW + timedelta(minutes=60 * 24 + 1)]
        # Nothing of what was written: a token, a fingerprint, an address.
        assert {(row.token, row.url) for row in rows} == {(token, f"/journal/{later}")}
        assert "Yesterday" not in repr([vars(row) for row in rows])


def test_a_form_that_was_not_saved_is_not_remembered(open_vault: OpenVault, people: People) -> None:
    token = sent_forms.new_token()
    with pytest.raises(Exception, match="empty entry"):
        _send(open_vault, people, token, "  ")
    first = _send(open_vault, people, token, "Now it is.")
    with open_vault.session() as session:
        assert [e.id for e in journal.list_entries(session, people.me)] == [first]


def test_a_deleted_record_leads_to_the_list(open_vault: OpenVault, people: People) -> None:
    token = sent_forms.new_token()
    entry_id = _send(open_vault, people, token, "Soon gone.")
    with open_vault.session() as session:
        journal.delete_entry(session, people.me, entry_id)
    with pytest.raises(AlreadySaved) as again, open_vault.session() as session:
        sent_forms.claim(
            session,
            people.me,
            token=token,
            digest=_digest(("body", "Soon gone.")),
            texts=(),
            now=NOW,
        )
    assert again.value.url == "/journal"


def test_words_that_call_for_help_say_so_again(open_vault: OpenVault, people: People) -> None:
    token = sent_forms.new_token()
    _send(open_vault, people, token, CRISIS)
    with pytest.raises(AlreadySaved) as again, open_vault.session() as session:
        sent_forms.claim(
            session,
            people.me,
            token=token,
            digest=_digest(("body", CRISIS)),
            texts=(CRISIS,),
            now=NOW,
        )
    assert again.value.needs_help
    with pytest.raises(AlreadySaved) as calm, open_vault.session() as session:
        sent_forms.claim(
            session,
            people.me,
            token=token,
            digest=_digest(("body", CRISIS)),
            texts=("fine",),
            now=NOW,
        )
    assert not calm.value.needs_help
