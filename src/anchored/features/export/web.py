"""``/settings/export``: what an export is and why it is not encrypted, then the download
(only once the person ticks that they understand). Built in memory, never on disk."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import Response

from anchored.features.export import formats
from anchored.features.export import service as export
from anchored.features.export.rules import FORMATS
from anchored.web.deps import CurrentOwner, Features, Unlocked
from anchored.web.templating import render

router = APIRouter(prefix="/settings/export")

CHOICES = (
    ("json", "JSON", "(one file, every detail; the one Anchored can import)"),
    ("markdown", "Markdown", "(a zip with a readable file per tool, times in your time zone)"),
    ("csv", "CSV", "(a zip with a file per table, for a spreadsheet)"),
)
CONFIRM = "Tick the box to say you understand the file is not encrypted."


def _page(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    *,
    chosen: str = "json",
    errors: dict[str, str] | None = None,
) -> Response:
    with state.session() as session:
        counts = export.counts(session, owner, features)
    return render(
        request,
        "export/export.html",
        {"counts": counts, "formats": CHOICES, "chosen": chosen, "errors": errors or {}},
        status_code=422 if errors else 200,
    )


@router.get("")
def export_page(
    request: Request, state: Unlocked, owner: CurrentOwner, features: Features
) -> Response:
    return _page(request, state, owner, features)


@router.post("")
def download(
    request: Request,
    state: Unlocked,
    owner: CurrentOwner,
    features: Features,
    format: Annotated[str, Form()] = "json",
    confirm: Annotated[str, Form()] = "",
) -> Response:
    chosen = format if format in FORMATS else "json"
    if confirm != "yes":
        return _page(request, state, owner, features, chosen=chosen, errors={"confirm": CONFIRM})
    now = state.now()
    with state.session() as session:
        shot = export.snapshot(session, owner, features, now=now)
    day = now.astimezone().strftime("%Y-%m-%d")
    name = f"anchored-export-{day}"
    if chosen == "json":
        body, kind, filename = export.as_json(shot), "application/json", f"{name}.json"
    else:
        files = formats.markdown(shot) if chosen == "markdown" else formats.csv_files(shot)
        body = formats.zipped(files, f"{name}-{chosen}", now)
        kind, filename = "application/zip", f"{name}-{chosen}.zip"
    return Response(
        body,
        media_type=kind,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
