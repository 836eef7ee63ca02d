"""The questionnaires Anchored knows: every file in ``instruments/`` (vendored unchanged from
the shared folder) and what our own ``content/self_checks.yaml`` says about each, checked
together when loaded."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from pydantic import BaseModel, ConfigDict

from anchored.content import yamlfile
from anchored.content.loader import load_yaml, read_text
from anchored.features.self_checks.instrument import Instrument, Listing
from anchored.features.self_checks.rules import INTERVALS

PACKAGE = __package__
FOLDER = "instruments"


class About(BaseModel):
    """Our words about one questionnaire."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    higher_is_better: bool | None
    every_days: int
    steps: tuple[int, ...]
    measures: str
    cannot_tell: str
    target_note: str = ""


class AboutFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    instruments: tuple[About, ...]


class Catalogue:
    """Every listed file, in a stable order; complete ones can be administered."""

    def __init__(self, listings: list[Listing], complete: list[Instrument], about: AboutFile):
        self.listings = tuple(listings)
        self._complete = {i.id: i for i in complete}
        self._about = {a.id: a for a in about.instruments}
        missing = set(self._complete) ^ set(self._about)
        if missing:
            raise ValueError(f"self_checks.yaml and the instruments disagree on {sorted(missing)}")
        for about_one in about.instruments:
            if about_one.every_days not in INTERVALS:
                raise ValueError(f"{about_one.id}: every_days must be one of {INTERVALS}")

    @property
    def instruments(self) -> tuple[Instrument, ...]:
        """The questionnaires that can be taken, in the order of :attr:`listings`."""
        return tuple(self._complete[x.id] for x in self.listings if x.id in self._complete)

    @property
    def unavailable(self) -> tuple[Listing, ...]:
        return tuple(x for x in self.listings if x.id not in self._complete)

    def get(self, instrument_id: str) -> Instrument | None:
        """A questionnaire that can be taken; None for an unknown or incomplete one."""
        return self._complete.get(instrument_id)

    def about(self, instrument_id: str) -> About:
        return self._about[instrument_id]

    def for_step(self, step: int) -> tuple[Instrument, ...]:
        return tuple(i for i in self.instruments if step in self.about(i.id).steps)


def file_names() -> list[str]:
    folder = files(PACKAGE) / FOLDER
    return sorted(item.name for item in folder.iterdir() if item.name.endswith(".yaml"))


@cache
def load_catalogue() -> Catalogue:
    listings, complete = [], []
    for name in file_names():
        data = yamlfile.parse(read_text(PACKAGE, f"{FOLDER}/{name}"))
        listing = Listing.model_validate(data)
        listings.append(listing)
        if listing.status == "complete":
            complete.append(Instrument.model_validate(data))
    about = load_yaml(PACKAGE, "content/self_checks.yaml", AboutFile)
    # Listed in the order of our content file; files it does not describe (incomplete) last.
    rank = {a.id: index for index, a in enumerate(about.instruments)}
    listings.sort(key=lambda x: (rank.get(x.id, len(rank)), x.id))
    return Catalogue(listings, complete, about)
