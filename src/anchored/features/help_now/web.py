"""Help now: the emergency number and crisis lines. Works locked, offline, without a session."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from anchored.content.crisis_lines import load_crisis_lines
from anchored.services.country import chosen_country, save_country
from anchored.web.deps import State
from anchored.web.templating import render

router = APIRouter()


@router.get("/help")
def help_now(request: Request, state: State, country: str = "") -> Response:
    directory = load_crisis_lines()
    saved = chosen_country(state.settings)  # reads preferences.json once
    code = country.upper() if directory.for_country(country) else saved
    help_for = directory.for_country(code)
    return render(
        request,
        "help_now/help.html",
        {
            "help": help_for,
            "country": code,
            "countries": directory.countries(),
            "other": directory.other_countries,
            "saved_country": saved,
        },
    )


@router.post("/help/country")
def choose_country(state: State, country: Annotated[str, Form()] = "") -> Response:
    """Save the country for next time (the middleware lets only a session post here)."""
    save_country(state.settings, country)
    return RedirectResponse(f"/help?country={country.upper()[:2]}", status_code=303)
