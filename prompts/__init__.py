"""Prompt and reply templates kept as files, validated on load.

Each file under this folder is TOML: one table per template with `text` (str.format placeholders)
and `vars` (the placeholders it must use). `CATALOG` declares every template the code may ask for;
a file with an unknown template, a missing one, or placeholders that differ from the declaration is
an error at load time, not at reply time.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from importlib import resources

from prompts.catalog import CATALOG


class TemplateError(Exception):
    """A template file does not match the catalog, or a render got the wrong variables."""


@dataclass(frozen=True)
class Template:
    """One template: its text and the variables it takes."""

    key: str
    text: str
    variables: frozenset[str]

    def render(self, **values: object) -> str:
        """Fill the template; every declared variable must be given, and no other."""
        given = frozenset(values)
        if given != self.variables:
            raise TemplateError(
                f"template {self.key!r} takes {sorted(self.variables)}, got {sorted(given)}"
            )
        return self.text.format(**values)


class Templates:
    """All templates by key."""

    def __init__(self, templates: dict[str, Template]) -> None:
        self._templates = templates

    def __getitem__(self, key: str) -> Template:
        return self._templates[key]

    def render(self, key: str, **values: object) -> str:
        """Render template `key` with `values`."""
        return self._templates[key].render(**values)

    def keys(self) -> list[str]:
        """Every template key."""
        return sorted(self._templates)


def placeholders(text: str) -> frozenset[str]:
    """The named str.format placeholders in `text`."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def parse_templates(files: dict[str, str]) -> Templates:
    """Validate TOML sources (file name → text) against the catalog and build the templates."""
    found: dict[str, Template] = {}
    for file_name, source in files.items():
        for key, table in tomllib.loads(source).items():
            if key not in CATALOG:
                raise TemplateError(f"{file_name}: unknown template {key!r}")
            if key in found:
                raise TemplateError(f"{file_name}: template {key!r} defined twice")
            text, declared = table.get("text"), frozenset(table.get("vars", []))
            if not isinstance(text, str):
                raise TemplateError(f"{file_name}: template {key!r} has no text")
            if declared != CATALOG[key]:
                raise TemplateError(
                    f"{file_name}: template {key!r} declares {sorted(declared)}, "
                    f"the code gives {sorted(CATALOG[key])}"
                )
            if placeholders(text) != declared:
                raise TemplateError(
                    f"{file_name}: template {key!r} uses {sorted(placeholders(text))}, "
                    f"declares {sorted(declared)}"
                )
            found[key] = Template(key, text, declared)
    missing = set(CATALOG) - set(found)
    if missing:
        raise TemplateError(f"templates missing: {sorted(missing)}")
    return Templates(found)


def load_templates() -> Templates:
    """Load and validate every *.toml template file shipped in this package."""
    folder = resources.files(__name__)
    files = {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    }
    return parse_templates(files)
