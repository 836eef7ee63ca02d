"""The search page: one box over everything the person wrote, in whichever feature (a plain GET
form; with htmx, results as they type)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from anchored.core.errors import InvalidInput
from anchored.features.search import service as search
from anchored.web.deps import CurrentOwner, Features, Paging, Unlocked
from anchored.web.templating import render

router = APIRouter(prefix="/search")


@router.get("")
def search_page(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    asked: Paging,
    q: str = "",
) -> Response:
    results = error = None
    if q.strip():
        try:
            with state.session() as session:
                results = search.search_writing(
                    session, owner, q, features.search_kinds, page=asked.number
                )
        except InvalidInput as exc:
            # Shown beside the box with a 200, like any page of results: nothing was lost,
            # and htmx swaps it in as it does results.
            error = exc.errors["q"]
    # Past the last page of results (or any page of none): the nearest page there is.
    asked.fit(results.total if results else 0, results.per_page if results else search.PER_PAGE)
    return render(
        request,
        "search/page.html",
        {
            "query": q,
            "results": results,
            "error": error,
            "query_max": search.QUERY_MAX,
            "live": True,
            # What is searched, as the features declare it (in the order of their codes).
            "kind_labels": [kind.label for _code, kind in sorted(features.search_kinds.items())],
        },
    )
