"""Learn content: seven numbered pages with summaries, and the thirteen signs.

(The reading level and the no-clinical-claims check run over every content file, in
tests/content/test_programme.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from anchored.content.markdown import word_count
from anchored.features.learn.pages import LEARN_ROUTES, LearnPages, load_pages
from anchored.features.learn.signs import SignsReflection, load_signs


def test_seven_learn_pages_with_summaries() -> None:
    learn = load_pages().pages
    assert [p.number for p in learn] == list(range(1, 8))
    assert len({p.slug for p in learn}) == 7
    for page in learn:
        assert page.title.strip()
        assert page.summary.strip(), page.slug
        assert word_count(page.body) > 50, page.slug


def test_learn_slugs_do_not_collide_with_learn_routes() -> None:
    # /learn/signs is the signs reflection, so a learn page with that slug can never be reached.
    reserved = {"signs"}
    clashing = [p.slug for p in load_pages().pages if p.slug in reserved]
    assert not clashing, f"learn page slug(s) shadowed by a fixed route: {clashing}"


def test_signs_are_present() -> None:
    signs = load_signs()
    assert len(signs.signs) == 13
    assert len({s.slug for s in signs.signs}) == 13
    assert signs.slugs == [s.slug for s in signs.signs]


# -- broken content fails validation ---------------------------------------------------------


def _pages_data() -> dict[str, Any]:
    return {"pages": [p.model_dump() for p in load_pages().pages]}


def test_real_content_round_trips() -> None:
    assert LearnPages.model_validate(_pages_data()) == load_pages()
    assert SignsReflection.model_validate(load_signs().model_dump()) == load_signs()


def test_pages_out_of_order_are_refused() -> None:
    data = _pages_data()
    data["pages"][0]["number"] = 2
    with pytest.raises(ValidationError, match="numbered"):
        LearnPages.model_validate(data)


@pytest.mark.parametrize("slug", sorted(LEARN_ROUTES))
def test_a_page_slug_that_shadows_a_route_is_refused(slug: str) -> None:
    data = _pages_data()
    data["pages"][0]["slug"] = slug
    with pytest.raises(ValidationError, match="clashes"):
        LearnPages.model_validate(data)


def test_too_few_signs_are_refused() -> None:
    data = load_signs().model_dump()
    data["signs"] = data["signs"][:4]
    with pytest.raises(ValidationError):
        SignsReflection.model_validate(data)
