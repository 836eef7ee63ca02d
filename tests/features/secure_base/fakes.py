"""Stand-ins for the kit hooks of features still being built (joy, wins), so the kit can be
tested with more than one part: a joy list with three items, and wins with nothing yet."""

from __future__ import annotations

import random

from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.manifest import Feature, KitItem, ShelfEntry

JOYS = ("Morning light on the kitchen table", "The smell of rain", "Singing in the car")


def joy_item(_session: Session, _owner: Owner, rng: random.Random, **_when: object) -> KitItem:
    return KitItem("Something that brings you joy", rng.choice(JOYS), "/joy")


def no_win(_session: Session, _owner: Owner, _rng: random.Random, **_when: object) -> None:
    return None


JOY = Feature(
    name="joy",
    title="Joy list",
    kit=f"{__name__}:joy_item",
    shelf=(ShelfEntry("Your secure base", "Joy list", "/joy", "Small things that bring joy.", 30),),
)
WINS = Feature(
    name="wins",
    title="Wins",
    kit=f"{__name__}:no_win",
    shelf=(
        ShelfEntry("See your progress", "Wins log", "/wins-elsewhere", "Elsewhere.", 5),
        ShelfEntry("Your secure base", "Wins", "/wins", "Celebrate the small steps.", 40),
    ),
)
