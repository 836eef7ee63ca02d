"""`anchored selfcheck`, end to end: every worked example of every questionnaire through
`take ID --answers … --json`, invalid answers (exit 2), the help card for PHQ-9 item 9,
questions asked one by one from standard input, list and history."""

from __future__ import annotations

import json

import pytest

from anchored.features.self_checks.catalogue import load_catalogue
from anchored.features.self_checks.instrument import Instrument
from tests.support import init_vault, run_cli

CATALOGUE = load_catalogue()
HELP = "Before anything else"


@pytest.mark.parametrize("instrument", CATALOGUE.instruments, ids=lambda i: i.id)
def test_every_worked_example_through_take_answers_json(
    cli_env: dict[str, str], instrument: Instrument
) -> None:
    init_vault(cli_env)
    tolerance = instrument.verification.tolerance
    worked = [e for e in instrument.verification.examples if e.answers]
    assert worked
    for example in worked:
        values = ",".join(str(example.answers[n]) for n in sorted(example.answers))
        args = ("take", instrument.id, "--answers", values, "--json")
        result = run_cli(cli_env, "selfcheck", *args)
        assert result.returncode == 0, result.stderr
        found = json.loads(result.stdout)
        expected = example.expected
        assert found["instrument"] == instrument.id
        assert set(found) == {"instrument", "total", "band", "subscales", "safety"}
        if "total" in expected:
            assert found["total"] == pytest.approx(expected["total"], abs=tolerance)
        if "band" in expected:
            assert found["band"] == expected["band"]
        for name in ("avoidance", "anxiety"):
            if name in expected:
                assert found["subscales"][name] == pytest.approx(expected[name], abs=tolerance)
        for name, value in expected.get("subscales", {}).items():
            assert found["subscales"][name] == pytest.approx(value, abs=tolerance)
        assert found["safety"] is expected.get("safety_route", False)
        # The help card comes with the safety rule (on standard error, beside the JSON).
        assert (HELP in result.stderr) is found["safety"]


def test_invalid_answers_are_refused_clearly_with_exit_code_2(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    too_few = run_cli(cli_env, "selfcheck", "take", "phq9", "--answers", "1,0,2")
    assert too_few.returncode == 2
    assert "PHQ-9 has 9 questions; 3 were given." in too_few.stderr
    assert "Nothing was saved." in too_few.stderr
    off_scale = run_cli(cli_env, "self-checks", "take", "phq9", "--answers", "1,0,2,7,0,0,x,0,2")
    assert off_scale.returncode == 2
    assert "question 4, 7" in off_scale.stderr
    # Item 9 above 0 brings the help card first, even though nothing could be saved.
    assert off_scale.stderr.index(HELP) < off_scale.stderr.index("question 4, 7")
    unknown = run_cli(cli_env, "selfcheck", "take", "a_rsq", "--answers", "1")
    assert unknown.returncode == 2
    assert "There is no questionnaire “a_rsq” to take." in unknown.stderr
    history = run_cli(cli_env, "selfcheck", "history", "phq9")
    assert "No PHQ-9 results yet." in history.stdout


def test_asked_one_by_one_then_history_shows_the_change(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    listed = run_cli(cli_env, "selfcheck", "list")
    assert listed.returncode == 0
    assert "phq9 — PHQ-9: Patient Health Questionnaire-9" in listed.stdout
    assert "Not available" in listed.stdout
    first = run_cli(cli_env, "selfcheck", "take", "gad7", "--answers", "2,1,3,0,1,2,1")
    assert first.returncode == 0, first.stderr
    assert "Score range: moderate (10 to 14)" in first.stdout
    # Answers from standard input: a wrong one is asked again; the last question is 0.
    asked = run_cli(cli_env, "selfcheck", "take", "gad7", stdin="1\n1\n9\n1\n1\n0\n0\n0\n")
    assert asked.returncode == 0, asked.stderr
    assert "Feeling afraid as if something awful might happen" in asked.stdout
    assert "Please type one of: 0 = Not at all" in asked.stdout
    assert "Score: 4" in asked.stdout
    history = run_cli(cli_env, "selfcheck", "history", "gad7")
    assert "Since your first result, score: \N{MINUS SIGN}6: reliably better" in history.stdout
    rows = json.loads(run_cli(cli_env, "selfcheck", "history", "gad7", "--json").stdout)
    assert [(r["total"], r["band"]) for r in rows["results"]] == [(10, "moderate"), (4, "minimal")]
    stopped = run_cli(cli_env, "selfcheck", "take", "phq9", stdin="1\n2\n")
    assert stopped.returncode == 2
    assert "Stopped at question 3. Nothing was saved." in stopped.stderr
