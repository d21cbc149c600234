"""Publishers' Markdown as HTML that can carry no markup, script or request of its own."""

from __future__ import annotations

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
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    cleaned = Markup(nh3.clean(html, tags=MARKDOWN_TAGS, link_rel="noopener"))
    if isinstance(text, Foreign) and cleaned:
        return Markup('<div lang="{}">{}</div>').format(text.lang, cleaned)
    return cleaned
