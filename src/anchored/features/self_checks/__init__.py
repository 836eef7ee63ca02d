"""Self-checks: validated questionnaires (ECR-RS, GAD-7, PHQ-9, RSES, SCS-SF), scored from
their own files, with score ranges, reliable change over time and a gentle reminder schedule.

Offers ``self_checks.summary``: (session, owner, *, since, until, zone) -> [(questionnaire,
[sentences])], the results in a period with their reliable change, for the session summary.

A result holds no words the person wrote (answers only), so there is no search kind and no
free-text probe. PHQ-9 item 9 above 0 puts the help card first wherever that result shows.
"""

from anchored.manifest import (
    CliCommand,
    Feature,
    HomePanel,
    ProgressHooks,
    Sharing,
    ShelfEntry,
    StepLink,
)

# The steps whose pages suggest a questionnaire (content/self_checks.yaml says which; a test
# keeps the two in step, since the manifest must not read files).
STEPS = (1, 2, 4, 6, 11, 13)

FEATURE = Feature(
    name="self_checks",
    title="Self-checks",
    package=__name__,
    router=f"{__name__}.web:router",
    models=f"{__name__}.models",
    home=(HomePanel("self_checks/_due.html", f"{__name__}.web:due_panel", 85),),
    cli=(
        CliCommand(
            "self-checks",
            "Take a self-check questionnaire; list them; see your results over time.",
            f"{__name__}.cli:app",
            aliases=("selfcheck",),
        ),
    ),
    steps=STEPS,
    step_link=StepLink("Self-check questionnaires for this step", "/self-checks?step={step}"),
    stylesheets=("self_checks.css",),
    sharing=(
        Sharing(
            "self_checks",
            "Self-check results",
            "Your scores and score ranges since the day you choose, how they changed, and "
            "when the next ones are due. Not your answers.",
            f"{__name__}.sharing:view",
            10,
        ),
    ),
    offers=(("self_checks.summary", f"{__name__}.progress:summary_lines"),),
    progress=ProgressHooks(
        parts=f"{__name__}.progress:progress_parts",
        week=f"{__name__}.progress:progress_week",
    ),
    shelf=(
        ShelfEntry(
            "See your progress",
            "Self-checks",
            "/self-checks",
            "Short questionnaires widely used in research, and how your answers change.",
            20,
        ),
        ShelfEntry(
            "Settings and your data",
            "Self-check reminders",
            "/self-checks/reminders",
            "Whether home mentions a self-check that is due, and how often.",
            30,
        ),
    ),
)
