"""Scripts for needs and boundaries: how a few answers become words to say, and the gentle
checks on a draft. Pure: no database, clock or framework.

Three kinds of script, each with its own questions (the answers are kept in four columns):

- ``need``: what happened (facts only), what I feel, what I need, a specific request;
- ``boundary``: what happened, what I feel, what I need, what I will do;
- ``repair`` (after a protest episode): what I did, what I felt underneath, what I'd like
  next time.

The checks never judge the person: they notice wording that tends to start a fight ("you
always", "you make me", a demand without a request) and offer another way to say it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Kind = Literal["need", "boundary", "repair"]
KINDS: tuple[Kind, ...] = ("need", "boundary", "repair")
FIELDS = ("situation", "feeling", "need", "request")


@dataclass(frozen=True, slots=True)
class Question:
    field: str
    label: str
    hint: str
    required: bool


@dataclass(frozen=True, slots=True)
class KindInfo:
    kind: Kind
    name: str  # as a button or heading says it
    step: int  # the programme step it belongs to
    text: str  # one line about it
    questions: tuple[Question, ...]


KIND_INFO: Mapping[Kind, KindInfo] = {
    "need": KindInfo(
        "need",
        "Ask for what you need",
        5,
        "Say what happened, how you feel and what would help, as an I-statement.",
        (
            Question(
                "situation",
                "What happened? (facts only)",
                "What a camera would have seen, e.g. “you came home two hours later than "
                "you said”.",
                True,
            ),
            Question("feeling", "What do I feel?", "One or two words: anxious, hurt, alone.", True),
            Question(
                "need",
                "What do I need?",
                "e.g. “to know you're OK”, “a bit of warning”.",
                False,
            ),
            Question(
                "request",
                "What would I like them to do?",
                "Something specific they can say yes to, e.g. “send a quick text if you'll be "
                "late”.",
                True,
            ),
        ),
    ),
    "boundary": KindInfo(
        "boundary",
        "Set a boundary",
        8,
        "Say kindly and clearly what you will do.",
        (
            Question(
                "situation",
                "When does it happen? (facts only)",
                "e.g. “we talk about hard things late at night”.",
                True,
            ),
            Question("feeling", "What do I feel?", "e.g. “worn out”, “on edge”.", False),
            Question("need", "What do I need?", "e.g. “rest before we talk”.", False),
            Question(
                "request",
                "What will I do?",
                "Your own action, kind and clear, e.g. “stop at ten and pick it up after "
                "breakfast”.",
                True,
            ),
        ),
    ),
    "repair": KindInfo(
        "repair",
        "Repair after a hard moment",
        5,
        "After a moment when the fear took over: own it, say what was underneath, ask for "
        "next time.",
        (
            Question(
                "situation",
                "What did I do?",
                "Plainly, e.g. “I sent a lot of messages while you were out”.",
                True,
            ),
            Question(
                "feeling",
                "What was I feeling underneath?",
                "e.g. “scared you were pulling away”.",
                True,
            ),
            Question(
                "request",
                "What would I like next time?",
                "For you or for both of you, e.g. “to take a pause and send one calm message”.",
                False,
            ),
        ),
    ),
}


def is_kind(value: str) -> bool:
    return value in KIND_INFO


# -- composing the words -----------------------------------------------------------------------

# Words that start a clause and read naturally in lower case inside a sentence ("When he...").
_LOWER_STARTS = frozenset(
    {
        "a",
        "an",
        "and",
        "another",
        "but",
        "he",
        "her",
        "his",
        "it",
        "its",
        "my",
        "no",
        "nobody",
        "our",
        "she",
        "so",
        "some",
        "someone",
        "that",
        "the",
        "their",
        "there",
        "these",
        "they",
        "this",
        "those",
        "we",
        "when",
        "while",
        "you",
        "your",
    }
)
_END = ".!?…"


def _clean(text: str) -> str:
    return " ".join(text.split()).strip().rstrip(_END + ",;:").strip()


def _strip_lead(text: str, leads: tuple[str, ...]) -> str:
    lowered = text.casefold().replace("\u2019", "'")
    for lead in leads:
        if lowered.startswith(lead + " "):
            return text[len(lead) + 1 :].lstrip()
    return text


def _inside(text: str, *, names: bool = False) -> str:
    """A clause to put inside a sentence, its first word in lower case ("Anxious" → "anxious").
    Where a name may come first (what happened: "Sam didn't call"), only words that are
    never names are lowered; "I" and words in capitals stay as they are."""
    text = _clean(text)
    if not text:
        return text
    first = text.split(" ", 1)[0]
    title_case = first[:1].isupper() and (first[1:].islower() or len(first) == 1)
    never_a_name = first.casefold() in _LOWER_STARTS
    if title_case and not _is_i(first) and (never_a_name or not names):
        return first[:1].lower() + text[1:]
    return text


def _is_i(word: str) -> bool:
    return word.replace("\u2019", "'").split("'", 1)[0] == "I"


def _sentence(text: str) -> str:
    """``text`` as a sentence: a capital first letter and an end mark."""
    text = " ".join(text.split()).strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in _END else text + "."


_ASKING = (
    "would you",
    "could you",
    "can you",
    "will you",
    "please",
    "i'd like",
    "i would like",
    "i'd love",
    "i would love",
    "is it ok",
    "would it be ok",
)


def _request(text: str) -> str:
    text = _clean(text)
    lowered = text.casefold().replace("\u2019", "'")
    if any(lowered.startswith(lead) for lead in _ASKING):
        question = lowered.startswith(_ASKING[:4])
        return _sentence(text + ("?" if question else ""))
    return f"Would you be willing to {_inside(_strip_lead(text, ('to',)))}?"


def compose(kind: Kind, answers: Mapping[str, str]) -> str:
    """The words to say, put together from the answers (empty answers are left out)."""
    situation = _clean(answers.get("situation", ""))
    feeling = _strip_lead(
        _clean(answers.get("feeling", "")),
        ("i feel", "i felt", "i'm feeling", "i am feeling", "i was feeling", "feeling", "i'm"),
    )
    need = _strip_lead(_clean(answers.get("need", "")), ("i need", "i needed", "need"))
    request = _clean(answers.get("request", ""))
    parts: list[str] = []
    if kind == "repair":
        if situation:
            did = situation if situation.casefold().startswith("i ") else f"I {_inside(situation)}"
            parts.append(f"I'd like to talk about earlier. {_sentence(did)}")
        if feeling:
            parts.append(f"Underneath, I was feeling {_inside(feeling)}.")
        if request:
            next_time = _strip_lead(request, ("i'd like to", "i would like to", "to", "i'd like"))
            parts.append(f"Next time, I'd like to {_inside(next_time)}.")
        return " ".join(parts)
    when = _inside(_strip_lead(situation, ("when",)), names=True)
    if when and feeling:
        parts.append(f"When {when}, I feel {_inside(feeling)}.")
    elif when:
        parts.append(f"I want to talk about when {when}.")
    elif feeling:
        parts.append(f"I feel {_inside(feeling)}.")
    if need:
        parts.append(f"I need {_inside(need)}.")
    if request and kind == "need":
        parts.append(_request(request))
    elif request:
        action = _strip_lead(
            request, ("i will", "i'll", "i am going to", "i'm going to", "i'm gonna", "will")
        )
        parts.append(f"So I will {_inside(action)}.")
    return " ".join(parts)


# -- gentle checks -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suggestion:
    code: Literal["always_never", "makes_me", "demand"]
    noticed: str  # what the wording does, in plain words
    instead: str  # another way to say it


SUGGESTIONS = {
    "always_never": Suggestion(
        "always_never",
        "“You always” or “you never” can sound like a verdict on the whole person, and "
        "people tend to defend themselves against it.",
        "Try one moment and your side of it: “When you didn't call last night, I felt worried.”",
    ),
    "makes_me": Suggestion(
        "makes_me",
        "“You make me feel…” puts your feeling in their hands.",
        "An I-statement keeps it yours: “I feel … when …”.",
    ),
    "demand": Suggestion(
        "demand",
        "This reads like a demand. A demand leaves only yes or a fight.",
        "A request leaves room to answer: “Would you …?” or “I'd like …”.",
    ),
}

_YOU = r"(?:you|u|ya|yu)"
_YOU_ARE = rf"(?:{_YOU}(?: are| r|'re|re|'ve|ve| have| has| had| do| does| did)?|youre|youve|ur|yr)"
_FILLER = (
    r"(?:just|literally|basically|seriously|honestly|really|even|still|also|pretty much|"
    r"almost|so|totally|absolutely|like|kinda|kind of|sort of)"
)
_ABSOLUTE = (
    r"(?:always|allways|alwayz|never|nevr|constantly|continually|forever|keep|keeps|"
    r"consistently|repeatedly|not once|do not ever|don't ever|dont ever|didn't ever|"
    r"didnt ever|won't ever|wont ever|can't ever|cant ever|never ever)"
)
_NEVER_EVER = re.compile(rf"\b{_YOU_ARE}(?: {_FILLER}){{0,3}} {_ABSOLUTE}\b")
_EVERY_TIME = re.compile(
    rf"\b{_YOU}\b.*\b(?:all the time|every single time|every time|each time|24/7|day and night)\b"
)
_MAKE = r"(?:make|makes|made|making|force|forces|forced|forcing|drive|drives|driving|drove)"
_MAKES_ME = re.compile(rf"\b{_YOU_ARE}(?: {_FILLER}){{0,3}} {_MAKE} (?:me|us)\b")
_YOUR_FAULT = re.compile(r"\b(?:your|ur|you're|youre) fault\b|\bbecause of you\b")
_DEMAND = re.compile(
    rf"\b{_YOU}(?: {_FILLER})?(?: need to| needs to| have to| has to|'ve got to| got to| gotta|"
    r" must| should| better|'d better| had better)\b"
    r"|^(?:stop|quit|don't you dare|dont you dare|never again|answer me|call me|text me)\b"
)
_ASKS = re.compile(
    r"\b(?:would you|could you|can you|will you|would it be|is it ok|please|pls|plz|"
    r"i'd like|i would like|i'd love|i would love|i'm asking|i am asking|are you willing|"
    r"i wonder if|how about|what if we|could we|can we|would we|shall we)\b"
)


def _clauses(text: str) -> list[str]:
    """Lower case, one kind of apostrophe, single spaces, split at sentence marks."""
    text = text.casefold().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = re.sub(r"[^\w'/ \n.,;:!?()\-]", " ", text)
    parts = re.split(r"[.,;:!?()\n\-]+|\band\b|\bbut\b", text)
    return [" ".join(part.split()) for part in parts if part.strip()]


def blames_always_never(text: str) -> bool:
    """ "you always", "u never", "You ALWAYS", "you're constantly", "you ignore me all the
    time": wording that turns one moment into a verdict."""
    return any(_NEVER_EVER.search(c) or _EVERY_TIME.search(c) for c in _clauses(text))


def says_you_make_me(text: str) -> bool:
    """ "you make me", "you're making me", "u made me", "it's your fault"."""
    return any(_MAKES_ME.search(c) or _YOUR_FAULT.search(c) for c in _clauses(text))


def demands(text: str) -> bool:
    """ "you need to", "you have to", "you must", "stop …" at the start of a sentence."""
    return any(_DEMAND.search(c) for c in _clauses(text))


def asks(text: str) -> bool:
    """Wording that asks rather than tells: "would you", "could we", "please", "I'd like"."""
    return any(_ASKS.search(c) for c in _clauses(text))


def gentle_checks(kind: Kind, answers: Mapping[str, str]) -> tuple[Suggestion, ...]:
    """What the draft could say more gently, in a fixed order (nothing when it reads fine).
    A need script's request answer counts as a request; a boundary's is the person's own
    action, so a demand there is noticed too."""
    text = "\n".join(answers.get(field, "") for field in FIELDS)
    found = []
    if blames_always_never(text):
        found.append(SUGGESTIONS["always_never"])
    if says_you_make_me(text):
        found.append(SUGGESTIONS["makes_me"])
    request = answers.get("request", "")
    has_request = kind == "need" and bool(request.strip()) and not demands(request)
    if demands(text) and not (has_request or asks(text)):
        found.append(SUGGESTIONS["demand"])
    return tuple(found)
