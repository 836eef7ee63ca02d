"""The one way content is read: package files (YAML, or Markdown with front matter) checked
against a pydantic model when loaded, so a broken file fails at start-up and in the tests,
never in front of a person. Each feature keeps its files in its own ``content/`` folder;
shared content (the 13 steps, emotion words, crisis lines) lives beside this module."""

from __future__ import annotations

from importlib.resources import files
from typing import TypeVar

from pydantic import BaseModel

from anchored.content import yamlfile
from anchored.content.markdown import split_front_matter

M = TypeVar("M", bound=BaseModel)


def read_text(package: str | None, name: str) -> str:
    """A text file shipped in ``package`` (pass ``__package__``; ``name`` may contain ``/``)."""
    assert package, "pass the package the file ships in, e.g. __package__"
    return (files(package) / name).read_text(encoding="utf-8")


def load_yaml(package: str | None, name: str, model: type[M]) -> M:
    """A YAML file in ``package``, validated as ``model``."""
    return model.model_validate(yamlfile.parse(read_text(package, name)))


def load_markdown(package: str | None, name: str, model: type[M], body_field: str = "body") -> M:
    """A Markdown file with YAML front matter, validated as ``model`` (body in ``body_field``)."""
    meta, body = split_front_matter(read_text(package, name), name)
    return model.model_validate({**meta, body_field: body})


def load_markdown_folder(
    package: str | None, folder: str, model: type[M], body_field: str = "body"
) -> list[M]:
    """Every ``*.md`` file in ``folder`` of ``package``, in file-name order, each validated."""
    assert package, "pass the package the files ship in, e.g. __package__"
    directory = files(package) / folder
    names = sorted(item.name for item in directory.iterdir() if item.name.endswith(".md"))
    return [load_markdown(package, f"{folder}/{name}", model, body_field) for name in names]
