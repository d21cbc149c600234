"""Publishers' Markdown as HTML that can carry no markup, script or request of its own."""

from __future__ import annotations

from functools import cache

import markdown
import nh3
from markupsafe import Markup

from generator.model import Foreign

#: Tags kept from publishers' Markdown: nh3's safe set without images, which could make a
#: reader's browser ask another host for something.
MARKDOWN_TAGS = set(nh3.ALLOWED_TAGS) - {"img"}


def clean_markdown(text: str) -> Markup:
    """Publisher's Markdown as HTML, cleaned: data can never inject markup or script. Text in
    another language than the page's is marked with its ``lang``."""
    cleaned = Markup(_cleaned_html(str(text)))
    if isinstance(text, Foreign) and cleaned:
        return Markup('<div lang="{}">{}</div>').format(text.lang, cleaned)
    return cleaned


@cache
def _cleaned_html(text: str) -> str:
    """A text's HTML, made once however many pages show it (an objective's description is on
    its page, its key results' and their embeds)."""
    html = _converter().reset().convert(text)
    return nh3.clean(html, tags=MARKDOWN_TAGS, link_rel="noopener")


@cache
def _converter() -> markdown.Markdown:
    """One converter, reset before each text: making one builds its parser anew, which cost
    more than converting a description."""
    return markdown.Markdown(extensions=["sane_lists"], output_format="html")
