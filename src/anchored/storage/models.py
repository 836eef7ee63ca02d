"""Tables not yet moved into a feature's own ``models.py``, and the shared ones."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from anchored.storage.base import NAMING_CONVENTION, Base, UTCDateTime, utcnow

__all__ = ["NAMING_CONVENTION", "Base", "UTCDateTime", "utcnow"]


class SafetyPlan(Base):
    """One plan per owner: six sections after the Stanley-Brown structure, plus what matters."""

    __tablename__ = "safety_plans"
    __record_label__ = "safety plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, unique=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    warning_signs: Mapped[str] = mapped_column(Text, default="")
    coping_alone: Mapped[str] = mapped_column(Text, default="")
    distractions: Mapped[str] = mapped_column(Text, default="")
    help_people: Mapped[str] = mapped_column(Text, default="")
    professionals: Mapped[str] = mapped_column(Text, default="")
    safer_surroundings: Mapped[str] = mapped_column(Text, default="")
    what_matters: Mapped[str] = mapped_column(Text, default="")


class OwnerPreference(Base):
    """Choices a person makes inside the vault (e.g. whether to keep a record of help cards)."""

    __tablename__ = "owner_preferences"
    __table_args__ = (UniqueConstraint("owner_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(String(200))


class SupportCardShown(Base):
    """When the help card appeared, kept only if the person chose to keep this record."""

    __tablename__ = "support_cards_shown"
    __record_label__ = "help cards recorded"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    shown_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(40))


class StepStatus(Base):
    """The person's own word for where they are with a programme step; no grades."""

    __tablename__ = "step_statuses"
    __table_args__ = (UniqueConstraint("owner_id", "step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    step: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    pinned: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class SignsReflectionEntry(Base):
    """'Which of these do you recognise?' — the signs ticked on one day. Never scored."""

    __tablename__ = "signs_reflections"
    __record_label__ = "sign reflections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recognised: Mapped[str] = mapped_column(Text, default="")  # space-separated sign slugs


class SessionPrepItem(Base):
    """Something to bring to the next therapy session."""

    __tablename__ = "session_prep_items"
    __record_label__ = "session notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text)


class PauseEpisode(Base):
    """One pause: the hard moment, the timer, the held message and what the person decided."""

    __tablename__ = "pause_episodes"
    __record_label__ = "pauses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)  # moves when the timer is extended
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    planned_minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="running")  # running|finished|abandoned
    what_happened: Mapped[str] = mapped_column(Text, default="")
    held_message: Mapped[str] = mapped_column(Text, default="")
    final_message: Mapped[str] = mapped_column(Text, default="")
    urge_before: Mapped[int | None] = mapped_column(Integer)
    urge_after: Mapped[int | None] = mapped_column(Integer)
    decision: Mapped[str | None] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")


class PauseStatement(Base):
    """A sentence from "fact or feeling?", sorted by the person (or not yet)."""

    __tablename__ = "pause_statements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    episode_id: Mapped[int] = mapped_column(
        ForeignKey("pause_episodes.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10), default="")  # fact|feeling|'' (unsorted)


class TriggerLogEntry(Base):
    """Step 2's trigger log: what set it off, where it may come from, old and new responses."""

    __tablename__ = "trigger_log_entries"
    __record_label__ = "trigger log entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    trigger: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(Text, default="")
    usual_response: Mapped[str] = mapped_column(Text, default="")
    new_response: Mapped[str] = mapped_column(Text, default="")
    episode_id: Mapped[int | None] = mapped_column(
        ForeignKey("pause_episodes.id", ondelete="SET NULL")
    )


class CheckingBehaviour(Base):
    """A reassurance or checking behaviour the person tracks (built-in or their own)."""

    __tablename__ = "checking_behaviours"
    __table_args__ = (UniqueConstraint("owner_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    builtin: Mapped[str | None] = mapped_column(String(40))  # slug of a built-in behaviour


class CheckingEvent(Base):
    """One tap: "I felt the urge" or "I did it"."""

    __tablename__ = "checking_events"
    __record_label__ = "checking urges and acts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    behaviour_id: Mapped[int] = mapped_column(
        ForeignKey("checking_behaviours.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(10))  # urge|act
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CheckingGoal(Base):
    """A gentle step-down goal: at most N acts a day, for the week starting ``week_start``."""

    __tablename__ = "checking_goals"
    __table_args__ = (UniqueConstraint("owner_id", "week_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    week_start: Mapped[date] = mapped_column(Date)
    max_acts_per_day: Mapped[int] = mapped_column(Integer)


class CheckIn(Base):
    """A check-in: emotion words with intensity, contributing factors, a note."""

    __tablename__ = "check_ins"
    __record_label__ = "check-ins"
    __table_args__ = (Index("ix_check_ins_owner_created", "owner_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    emotions: Mapped[list[CheckInEmotion]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
        order_by="CheckInEmotion.position",
    )
    factors: Mapped[list[CheckInFactor]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
        order_by="CheckInFactor.position",
    )


class CheckInEmotion(Base):
    """One emotion word picked in a check-in (a slug from content/emotions.yaml), 0-10."""

    __tablename__ = "check_in_emotions"
    __table_args__ = (UniqueConstraint("check_in_id", "emotion"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    check_in_id: Mapped[int] = mapped_column(
        ForeignKey("check_ins.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    emotion: Mapped[str] = mapped_column(String(40))
    intensity: Mapped[int] = mapped_column(Integer)


class CheckInFactor(Base):
    """A contributing factor: a built-in slug from content/factors.yaml or the person's own tag."""

    __tablename__ = "check_in_factors"
    __table_args__ = (UniqueConstraint("check_in_id", "factor"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    check_in_id: Mapped[int] = mapped_column(
        ForeignKey("check_ins.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Built-in factors are stored by slug; the person's own by name (kept if the tag is removed).
    factor: Mapped[str] = mapped_column(String(60))
    own: Mapped[bool] = mapped_column(default=False)


class OwnFactor(Base):
    """A contributing-factor tag the person added to the built-in ones."""

    __tablename__ = "own_factors"
    __table_args__ = (UniqueConstraint("owner_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60))
