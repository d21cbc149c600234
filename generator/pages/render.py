"""The Jinja2 environment of data pages, the page chrome ("shell") and writing pages out.

Material renders its chrome (header, menu, footer) once per folder depth as a *shell* page whose
content is a marker; every data page is our template's output poured into that shell. So a
10,000-page portal pays for Material's templates a handful of times, not 10,000 times.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from babel import Locale
from babel.core import get_global
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup, escape

from generator.i18n import LOCALES, Language
from generator.model import Foreign
from generator.output import SiteFolder
from generator.pages import urls
from generator.pages.feeds import ATOM_TYPE, FeedLink
from generator.pages.rendered import PlannedPage, RenderedPages, context_digest
from generator.pages.views.parts import LanguageLink, Page, SocialImage


def _theme_dir() -> Path:
    """``theme/``: inside the package when installed from a wheel, else the repository's."""
    installed = Path(__file__).resolve().parents[1] / "theme"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "theme"


THEME_DIR = _theme_dir()

#: Markers the shell template (theme/main.html) leaves where each page's own parts go; the
#: heading mark is the shell's page title, which Material repeats in its header.
TITLE_MARK = "@@OKR-TITLE@@"
HEADING_MARK = "@@OKR-HEADING@@"
HEAD_MARK = "@@OKR-HEAD@@"
CONTENT_MARK = "@@OKR-CONTENT@@"


#: Where the shells live while MkDocs renders them; removed once the data pages are written.
SHELL_FOLDER = "_okr-shell"


def shell_folder(tag: str, default: str) -> str:
    """The folder of the shells of one language: its chrome speaks that language."""
    return SHELL_FOLDER if tag == default else f"{SHELL_FOLDER}-{tag.lower()}"


def shell_source_path(depth: int, folder: str = SHELL_FOLDER) -> str:
    """Where the shell of a folder depth lives in the docs (a generated page, removed after use)."""
    return "/".join([folder] * depth) + ".md"


def shell_output_path(depth: int, folder: str = SHELL_FOLDER) -> str:
    return "/".join([folder] * depth) + "/index.html"


@dataclass(frozen=True)
class Shell:
    """Material's chrome for pages at one folder depth, cut at the markers."""

    before_title: str
    before_head: str
    before_content: str
    after_content: str

    @classmethod
    def parse(cls, html: str, source: str) -> Shell:
        parts = re.split(
            f"({re.escape(TITLE_MARK)}|{re.escape(HEAD_MARK)}|{re.escape(CONTENT_MARK)})", html
        )
        markers = parts[1::2]
        if markers != [TITLE_MARK, HEAD_MARK, CONTENT_MARK]:
            raise ValueError(
                f"{source}: the page shell lost its markers; is theme/main.html overridden?"
            )
        return cls(parts[0], parts[2], parts[4], parts[6])

    def fill(self, heading: str, title: str, head: str, content: str) -> str:
        safe_heading = str(escape(heading))
        return (
            f"{self.before_title.replace(HEADING_MARK, safe_heading)}{escape(title)}"
            f"{self.before_head}{head}"
            f"{self.before_content.replace(HEADING_MARK, safe_heading)}{content}"
            f"{self.after_content.replace(HEADING_MARK, safe_heading)}"
        )


def environment(
    language: Language, theme_dirs: Sequence[Path] = (), compiled: Path | None = None
) -> Environment:
    """Jinja2 for data pages: autoescaped, strict about undefined names, speaking ``language``;
    ``compiled``: a folder that keeps the templates compiled from one build to the next."""
    loader = ChoiceLoader(
        [FileSystemLoader([str(d) for d in theme_dirs]), FileSystemLoader(str(THEME_DIR))]
    )
    env = Environment(
        bytecode_cache=None if compiled is None else CompiledTemplates(compiled),
        loader=loader,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=marked_language,
    )
    env.install_gettext_translations(language.translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters["plain"] = unmarked
    return env


class CompiledTemplates(FileSystemBytecodeCache):
    """Templates compiled to Python, kept from one build to the next: compiling them took a
    tenth of a warm build of 2,500 pages. Jinja2 checks each against its template's source;
    the key also names Jinja2's version and this module's source (how they are compiled, the
    environment's settings, is written here)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{_COMPILED_BY}\0{name}", filename)


_COMPILED_BY = hashlib.sha256(
    f"jinja2={jinja2.__version__}\0".encode() + Path(__file__).read_bytes()
).hexdigest()


def marked_language(value: object) -> object:
    """Text the data has only in another language than the page's is marked with its
    ``lang``, so a screen reader reads it out in that language. In an attribute the mark
    would be text: templates print data text there through the ``plain`` filter."""
    if isinstance(value, Foreign):
        return Markup('<span lang="{}">{}</span>').format(value.lang, str(value))
    return value


def unmarked(value: object) -> object:
    """Text in an attribute or a ``<title>``, which cannot carry a mark of its language
    (escaped words, ``_()`` with data in it, stay as they are: escaped once)."""
    return str(value) if isinstance(value, Foreign) else value


def head_tags(page: Page, base_url: str | None, site_name: str = "", locale: str = "") -> str:
    """The page's own ``<head>`` lines: description, canonical address, the same page in the
    portal's other languages and what a link to it shows when shared."""
    tags = [f'<meta name="description" content="{escape(page.description)}">']
    if base_url:
        tags.append(f'<link rel="canonical" href="{escape(base_url + page.path)}">')
    tags += head_tags_of_languages(page.languages, base_url)
    tags += sharing_tags(
        str(page.title), page.description, page.path, base_url, site_name, locale, page.image
    )
    tags += head_tags_of_feeds(page.feeds)
    return joined(tags)


def joined(tags: Sequence[str]) -> str:
    """``<head>`` lines, one a line, indented as the shell's own."""
    return "\n    ".join(tags)


def open_graph_locale(tag: str) -> str:
    """A BCP 47 tag as Open Graph writes a locale: ``en`` -> ``en_US``, ``pt-BR`` -> ``pt_BR``."""
    locale = Locale.parse(tag, sep="-")
    if locale.territory is None:
        likely = get_global("likely_subtags").get(locale.language)
        if likely:
            locale = Locale.parse(likely)
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def sharing_tags(
    title: str,
    description: str,
    path: str,
    base_url: str | None,
    site_name: str,
    locale: str,
    image: SocialImage | None = None,
) -> list[str]:
    """Open Graph and Twitter card ``<meta>`` lines: what a link to the page shows when it is
    shared. Addresses are absolute (from ``base_url``) or left out; ``locale`` is a BCP 47 tag."""
    values = [("og:type", "website"), ("og:title", title), ("og:description", description)]
    if site_name:
        values.append(("og:site_name", site_name))
    if locale:
        values.append(("og:locale", open_graph_locale(locale)))
    if base_url:
        values.append(("og:url", base_url + path))
    if base_url and image is not None:
        values += [
            ("og:image", base_url + image.path),
            ("og:image:type", "image/png"),
            ("og:image:width", str(image.width)),
            ("og:image:height", str(image.height)),
            ("og:image:alt", image.alt),
        ]
    large = base_url is not None and image is not None
    tags = [f'<meta property="{name}" content="{escape(value)}">' for name, value in values]
    tags.append(
        f'<meta name="twitter:card" content="{"summary_large_image" if large else "summary"}">'
    )
    if large and image is not None:
        tags.append(f'<meta name="twitter:image:alt" content="{escape(image.alt)}">')
    return tags


def head_tags_of_languages(languages: Sequence[LanguageLink], base_url: str | None) -> list[str]:
    """``<link rel="alternate" hreflang>`` for the page in each of ``languages``."""
    tags = []
    for other in languages:
        href = base_url + other.path if base_url else other.href
        tags.append(f'<link rel="alternate" hreflang="{escape(other.tag)}" href="{escape(href)}">')
    return tags


def head_tags_of_feeds(feeds: Sequence[FeedLink]) -> list[str]:
    """``<link rel="alternate" type="application/atom+xml">`` for each feed of the page.

    Relative even with a base URL: Material's script fetches ``sitemap.xml`` beside the address
    of every ``link rel="alternate"``, and a relative one keeps that request on the host that
    serves the page (a preview too), never another."""
    return [
        f'<link rel="alternate" type="{ATOM_TYPE}" title="{escape(feed.title)}" '
        f'href="{escape(feed.href)}">'
        for feed in feeds
    ]


def feeds_html(env: Environment, feeds: Sequence[FeedLink]) -> str:
    """The visible links to a page's feeds, for a page the engine renders."""
    return env.get_template("okr/partials/feeds.html").render(feeds=feeds) if feeds else ""


def languages_html(env: Environment, others: Sequence[LanguageLink]) -> str:
    """The switcher of data pages, for a page the engine renders; empty in one language."""
    if not others:
        return ""
    return env.get_template("okr/partials/languages.html").render(page={"other_languages": others})


def render_page(
    env: Environment,
    page: Page,
    shells: Mapping[int, Shell],
    site_title: str,
    base_url: str | None,
    locale: str = "",
) -> str:
    content = env.get_template(page.template).render(page=page, body=page.body)
    shell = shells[urls.depth(page.path)]
    head = head_tags(page, base_url, site_title, locale)
    return shell.fill(page.title, f"{page.title} - {site_title}", head, content)


@dataclass(frozen=True)
class PageWriter:
    """Writes one kind of page of one language (data pages in their chrome, or whole documents
    of their own template) into a site, rendered or as a cache holds them."""

    context: bytes  # what the HTML depends on besides the page's values (``_cache_context``)
    render: Callable[[Page], str]

    def write(self, out: SiteFolder, page: PlannedPage, cache: RenderedPages) -> None:
        cache.write(out, page, self.context, lambda: self.render(page.made()))


def standalone_writer(env: Environment) -> PageWriter:
    """The writer of pages that are whole documents of their own template, without the
    portal's chrome (the embeds of key results)."""

    def render(page: Page) -> str:
        return env.get_template(page.template).render(page=page, body=page.body)

    return PageWriter(_cache_context(env, "standalone"), render)


def _cache_context(env: Environment, chrome: object) -> bytes:
    """What a cached page's HTML depends on besides its values: ``env``'s templates, the
    catalogues, this module's code and ``chrome``."""
    return context_digest([*template_folders(env), LOCALES], [Path(__file__)], chrome)


def template_folders(env: Environment) -> list[Path]:
    """The folders ``env`` reads its templates from, the publisher's first."""
    loaders = env.loader.loaders if isinstance(env.loader, ChoiceLoader) else [env.loader]
    return [
        Path(folder)
        for loader in loaders
        if isinstance(loader, FileSystemLoader)
        for folder in loader.searchpath
    ]


def page_writer(
    env: Environment,
    shells: Mapping[int, Shell],
    site_title: str,
    base_url: str | None,
    locale: str = "",
) -> PageWriter:
    """The writer of data pages, poured into the ``shells`` of page chrome by folder depth."""
    shared = (sorted(shells.items()), site_title, base_url, locale)

    def render(page: Page) -> str:
        return render_page(env, page, shells, site_title, base_url, locale)

    return PageWriter(_cache_context(env, shared), render)
