"""About: privacy, disclaimers, and the licences of what ships."""

from __future__ import annotations

import functools
import re
from importlib import metadata

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from anchored.web.deps import State
from anchored.web.templating import render

router = APIRouter()


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return str(expression)
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    if classifiers:
        return ", ".join(classifiers)
    text = (meta.get("License") or "").strip()
    return text.splitlines()[0][:60] if text else "see the package"


@functools.cache
def shipped_packages() -> list[tuple[str, str, str]]:
    """(name, version, licence) of Anchored's run-time dependencies, found recursively."""
    seen: dict[str, tuple[str, str, str]] = {}
    pending = ["anchored"]
    while pending:
        name = pending.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = (dist.metadata["Name"], dist.version, _licence(dist))
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue
            match = re.match(r"[A-Za-z0-9_.\-]+", requirement)
            if match:
                pending.append(match.group(0))
    seen.pop("anchored", None)
    return sorted(seen.values(), key=lambda row: row[0].lower())


@router.get("/about")
def about(request: Request, state: State) -> Response:
    return render(
        request,
        "about/about.html",
        {"packages": shipped_packages(), "data_dir": state.settings.data_dir},
    )
