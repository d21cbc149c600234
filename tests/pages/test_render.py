"""The data pages' Jinja2 environment (generator.pages.render): its templates compiled once and
kept for the next build."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment

from generator.i18n import Language
from generator.pages.render import environment

TEMPLATE = "okr/partials/feedback.html"
FEEDBACK = {"href": "mailto:okr@example.org?subject=a&b", "text": "Tell us <what> you think"}


def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja2 compiles from now on."""
    compiled: list[str] = []
    original = Environment.compile

    def counted(self: Environment, source: str, name: str | None = None, *args: object) -> object:
        compiled.append(str(name))
        return original(self, source, name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Environment, "compile", counted)
    return compiled


def test_a_template_compiled_in_one_build_is_read_back_in_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = compiles(monkeypatch)
    folder = tmp_path / "templates"
    environment(Language("en"), compiled=folder).get_template(TEMPLATE)
    assert compiled == [TEMPLATE] and any(folder.iterdir())
    kept = environment(Language("nb"), compiled=folder).get_template(TEMPLATE)
    assert compiled == [TEMPLATE]  # not compiled again
    # The same page as from a template compiled now, in the second environment's language.
    made_now = environment(Language("nb")).get_template(TEMPLATE)
    assert kept.render(feedback=FEEDBACK) == made_now.render(feedback=FEEDBACK)
    assert "Tell us &lt;what&gt; you think" in kept.render(feedback=FEEDBACK)


def test_a_template_changed_since_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = compiles(monkeypatch)
    folder, theme = tmp_path / "templates", tmp_path / "theme"
    environment(Language("en"), compiled=folder).get_template(TEMPLATE)
    (theme / "okr" / "partials").mkdir(parents=True)
    (theme / TEMPLATE).write_text("<p>{{ feedback.text }}</p>", encoding="utf-8")
    changed = environment(Language("en"), [theme], compiled=folder).get_template(TEMPLATE)
    assert compiled == [TEMPLATE, TEMPLATE]
    assert changed.render(feedback=FEEDBACK) == "<p>Tell us &lt;what&gt; you think</p>"
