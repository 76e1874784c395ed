"""Every template loads, renders with exactly its variables, and bad files are refused."""

from __future__ import annotations

import pytest

from prompts import TemplateError, load_templates, parse_templates
from prompts.catalog import CATALOG

TEMPLATES = load_templates()


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_each_template_renders_with_its_variables(key: str) -> None:
    values = {name: f"<{name}>" for name in CATALOG[key]}
    text = TEMPLATES.render(key, **values)
    assert text.strip()
    for value in values.values():
        assert value in text


def test_render_refuses_missing_or_extra_variables() -> None:
    with pytest.raises(TemplateError):
        TEMPLATES.render("error.empty_file")
    with pytest.raises(TemplateError):
        TEMPLATES.render("error.empty_file", name="a", extra="b")


def test_unknown_key_is_refused() -> None:
    with pytest.raises(TemplateError, match="unknown template"):
        parse_templates({"x.toml": '["no.such"]\nvars = []\ntext = "hi"\n'})


def test_declared_variables_must_match_the_text() -> None:
    bad = '["error.empty_file"]\nvars = ["name"]\ntext = "空文件"\n'
    with pytest.raises(TemplateError, match="uses"):
        parse_templates({"x.toml": bad})


def test_missing_templates_are_refused() -> None:
    with pytest.raises(TemplateError, match="missing"):
        parse_templates({"x.toml": '["error.internal"]\nvars = []\ntext = "出错了"\n'})
