"""What self-checks give the progress pages: each questionnaire's scores over its score ranges,
ECR-RS's two dimensions, and the week's results and what is due."""

from __future__ import annotations

from datetime import UTC, timedelta

from anchored.core.weeks import period_ending, week_holding
from anchored.features.self_checks import progress
from anchored.features.self_checks import service as self_checks
from anchored.services.vault import OpenVault
from tests.support import NOW, People

PERIOD = period_ending(NOW, 12, UTC)
PHQ9_11 = {1: 1, 2: 2, 3: 0, 4: 1, 5: 3, 6: 1, 7: 0, 8: 2, 9: 0}  # 10
PHQ9_3 = {1: 1, 2: 1, 3: 0, 4: 1, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0}  # 3
ECR = {1: 5, 2: 4, 3: 6, 4: 3, 5: 2, 6: 3, 7: 6, 8: 7, 9: 5}


def test_before_any_result_one_part_says_where_to_begin(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        (part,) = progress.progress_parts(session, people.me, period=PERIOD, asked={}, now=NOW)
    assert not part.has_data
    assert part.href == "/self-checks"
    assert part.empty.startswith("Take a self-check questionnaire")


def test_each_questionnaire_taken_is_a_line_over_its_score_ranges(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        self_checks.take(session, people.me, "phq9", PHQ9_11, now=NOW - timedelta(weeks=4))
        self_checks.take(session, people.me, "phq9", PHQ9_3, now=NOW)
        self_checks.take(session, people.me, "phq9", PHQ9_3, now=NOW - timedelta(weeks=20))
        self_checks.take(session, people.stranger, "gad7", dict.fromkeys(range(1, 8), 1), now=NOW)
        (phq9,) = progress.progress_parts(session, people.me, period=PERIOD, asked={}, now=NOW)
        (theirs,) = progress.progress_parts(
            session, people.stranger, period=PERIOD, asked={}, now=NOW
        )
    assert phq9.key == "self-check-phq9"
    assert phq9.title == "PHQ-9 results over time"
    (score,) = phq9.series
    assert score.points == (("3 Nov", 10.0), ("1 Dec", 3.0))  # 20 weeks ago: left out
    assert phq9.y_range == (0.0, 27.0)
    assert [b.label for b in phq9.bands][:2] == ["0-4: none-minimal", "5-9: mild"]
    assert [(b.low, b.high) for b in phq9.bands][:2] == [(0, 5), (5, 10)]  # no gaps
    assert phq9.href == "/self-checks/phq9/history"
    assert theirs.key == "self-check-gad7"  # only the stranger's own questionnaire
    assert theirs.has_data


def test_ecr_rs_draws_its_two_dimensions_without_bands(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        self_checks.take(session, people.me, "ecr_rs", ECR, now=NOW - timedelta(days=1))
        self_checks.take(session, people.me, "ecr_rs", ECR, now=NOW)
        (part,) = progress.progress_parts(session, people.me, period=PERIOD, asked={}, now=NOW)
    assert {s.name for s in part.series} == {"Anxiety", "Avoidance"}
    assert part.bands == ()
    assert part.y_range == (1.0, 7.0)
    assert all(len(s.points) == 2 and None not in dict(s.points).values() for s in part.series)


def test_the_week_names_what_was_taken_and_what_is_due(
    open_vault: OpenVault, people: People
) -> None:
    week = week_holding(NOW.date(), UTC)
    with open_vault.session() as session:
        assert [
            line.text for line in progress.progress_week(session, people.me, period=week, now=NOW)
        ] == ["No self-checks taken this week."]
        self_checks.take(session, people.me, "phq9", PHQ9_3, now=NOW)
        self_checks.take(session, people.me, "ecr_rs", ECR, now=NOW - timedelta(days=40))
        lines = progress.progress_week(session, people.me, period=week, now=NOW)
        earlier = week_holding(NOW.date() - timedelta(days=40), UTC)
        before = progress.progress_week(session, people.me, period=earlier, now=NOW)
    assert [line.text for line in lines] == [
        "Self-checks taken: PHQ-9.",
        "Due again, if you like: ECR-RS.",
    ]
    assert [line.text for line in before] == ["Self-checks taken: ECR-RS."]
