"""How scores read, the same on a page and in the terminal: sums as whole numbers, means to
2 decimals (the files keep full precision and display 2), score ranges by the file's own
label, and change in plain words ("reliably better", never a risk word)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from anchored.features.self_checks import rules
from anchored.features.self_checks.instrument import Instrument, Subscale
from anchored.features.self_checks.rules import Change, Score

VERDICT_WORDS = {
    "better": "reliably better",
    "worse": "reliably worse",
    "same": "no reliable change",
    "no_figure": "raw change only: no published figure for this questionnaire",
}


def number(value: Fraction | float, method: str) -> str:
    """A score as shown: a sum whole, a mean to 2 decimals."""
    if method == "sum" and Fraction(value).denominator == 1:
        return str(int(value))
    return f"{float(value):.2f}"


def signed(value: Fraction, method: str) -> str:
    """A change with its sign ("+3", "0", or a minus sign and 0.25)."""
    if value == 0:
        return "0"
    text = number(abs(value), method)
    return f"+{text}" if value > 0 else f"\N{MINUS SIGN}{text}"


def score_label(name: str) -> str:
    """ "Score" for the main score, else the subscale's id in words."""
    return "Score" if name == "total" else name.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class Line:
    """One score of a result, ready to show."""

    name: str
    label: str
    value: str
    low: str
    high: str
    band: str | None = None
    band_low: str | None = None
    band_high: str | None = None
    exploratory: bool = False


def _line(instrument: Instrument, subscale: Subscale, value: Fraction, name: str) -> Line:
    low, high = rules.score_range(instrument, subscale)
    method = subscale.method
    return Line(
        name=name,
        label=score_label(name),
        value=number(value, method),
        low=number(low, method),
        high=number(high, method),
        exploratory=subscale.exploratory,
    )


def lines(instrument: Instrument, score: Score) -> list[Line]:
    """The main score (with its score range, if the file has ranges), then the others."""
    shown = []
    main = instrument.main
    if main is not None and score.total is not None:
        line = _line(instrument, main, score.total, "total")
        if score.band is not None:
            line = replace(
                line,
                band=score.band.label,
                band_low=number(Fraction(str(score.band.min)), main.method),
                band_high=number(Fraction(str(score.band.max)), main.method),
            )
        shown.append(line)
    for subscale in instrument.other_scores:
        if subscale.id in score.subscales:
            shown.append(_line(instrument, subscale, score.subscales[subscale.id], subscale.id))
    return shown


def method_of(instrument: Instrument, name: str) -> str:
    found = instrument.main if name == "total" else None
    found = found or next((s for s in instrument.scoring.subscales if s.id == name), None)
    return found.method if found is not None else instrument.scoring.method


def change_words(instrument: Instrument, name: str, change: Change) -> str:
    """E.g. "-6: reliably better" (with a real minus sign), or "+0.25 (raw change only: no
    published figure for this questionnaire)": without a figure, never the word "reliable"."""
    raw = signed(change.change, method_of(instrument, name))
    if change.verdict == "no_figure":
        return f"{raw} ({VERDICT_WORDS['no_figure']})"
    return f"{raw}: {VERDICT_WORDS[change.verdict]}"
