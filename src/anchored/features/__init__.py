"""Every feature of Anchored, one line each. The web app, navigation, command line, search,
home page and programme are built from this list; see docs/architecture.md to add one."""

from anchored.features import (
    check_in,
    help_now,
    journal,
    learn,
    partner_guide,
    pause,
    programme,
    progress,
    reassurance,
    safety_plan,
    search,
    therapy,
    thought_record,
    tools,
    trigger_log,
)
from anchored.manifest import Feature

FEATURES: tuple[Feature, ...] = (
    help_now.FEATURE,
    pause.FEATURE,
    programme.FEATURE,
    check_in.FEATURE,
    journal.FEATURE,
    thought_record.FEATURE,
    trigger_log.FEATURE,
    reassurance.FEATURE,
    learn.FEATURE,
    safety_plan.FEATURE,
    search.FEATURE,
    partner_guide.FEATURE,
    therapy.FEATURE,
    tools.FEATURE,
    progress.FEATURE,
)
