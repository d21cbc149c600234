"""The MkDocs door: a thin plugin that hands the work to ``generator.build``.

MkDocs renders the hand-written pages in ``content/`` with Material as usual. This plugin adds
one *shell* page per folder depth (Material's chrome around a marker), puts levels, themes and
periods in the menu and appends the figures to the home page. After the build it takes the
shells and MkDocs' own sitemap out of the site folder and lets ``build.write_site`` write the
data pages and every export.
"""

from __future__ import annotations

import datetime
import re
import shutil
from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path
from typing import Any

import material
from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from generator import updates
from generator.build import home_html, prepare, release, write_site
from generator.load.fields import parse_date
from generator.load.problems import DataError, Problem
from generator.output import SiteFolder
from generator.pages import feeds, render, urls
from generator.pages.views.parts import language_links
from generator.portal import Edition, Portal, PublishedPost
from generator.updates import Post, expand_post, index_markdown, is_post, published, read_post

SHELL_PREFIX = render.SHELL_FOLDER


#: Material's drawer and search toggles are checkboxes, on which autocomplete is not allowed.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_SEARCH_FIELD_LABEL = re.compile(r'class="md-search__input" name="query" aria-label="([^"]*)"')


def valid_chrome(html: str) -> str:
    """Material's chrome made valid HTML and named for screen readers: no autocomplete on its
    toggles, and its search dialog named by its own field's label (in Material's language)."""
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    field = _SEARCH_FIELD_LABEL.search(html)
    if field:
        named = f'role="dialog" aria-label="{field.group(1)}"'
        html = html.replace(
            'data-md-component="search" role="dialog"', f'data-md-component="search" {named}', 1
        )
    return html


def colour_schemes(_: Callable[[str], str]) -> list[dict[str, Any]]:
    """Material's light and dark schemes, chosen by the reader's device (prefers-color-scheme),
    with Material's toggle where JavaScript runs; okr.css follows the device without it."""
    return [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "primary": "indigo",
            "accent": "indigo",
            "toggle": {"icon": "material/weather-night", "name": _("Switch to dark colours")},
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "primary": "indigo",
            "accent": "indigo",
            "toggle": {"icon": "material/weather-sunny", "name": _("Switch to light colours")},
        },
    ]


def _build_date(setting: str | None) -> datetime.date:
    """The date the build is made on: set, so that a build is reproducible, or today."""
    if setting is None:
        return datetime.date.today()
    day = parse_date(setting)
    if day is None:
        raise PluginError(f"today is '{setting}': write the build date as YYYY-MM-DD")
    return day


def material_language(tag: str) -> str:
    """The language of Material's own words (search, skip link) nearest to ``tag``: pt-BR,
    then pt, then English when Material has neither."""
    languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    for candidate in (tag, tag.split("-")[0]):
        if (languages / f"{candidate}.html").is_file():
            return candidate
    return "en"


def _address(url: str) -> str:
    """A page's address as ``urls`` writes it: MkDocs writes the home page's as "./"."""
    return urls.HOME if url == "./" else url


def _data_links(edition: Edition, hand_written: Collection[str]) -> list[Any]:
    """The menu's ways into the data, in the edition's language: levels, themes, periods, the
    A-Z index, search and how to read the portal (unless a hand-written page takes its place:
    the menu lists that one with the other hand-written pages)."""
    site, root = edition.site, edition.root
    links: list[Any] = [
        Link(site.fmt.level_label(level), root + urls.level(level)) for level in site.dataset.levels
    ]
    if site.dataset.themes:
        links.append(Link(site.fmt._("Themes"), root + urls.THEMES))
    links.append(Link(site.fmt._("Periods"), root + urls.PERIODS))
    links.append(Link(site.fmt._("A–Z index"), root + urls.A_Z))  # noqa: RUF001 (a dash, meant)
    links.append(Link(site.fmt._("Search"), root + urls.SEARCH))
    if root + urls.HOW_TO_READ not in hand_written:
        links.append(Link(site.fmt._("How to read this portal"), root + urls.HOW_TO_READ))
    return links


class OkrPortalConfig(Config):
    project = config_options.Optional(config_options.Dir(exists=True))
    """Folder holding site_config.yml and data/ (default: the folder of the MkDocs config)."""
    cache_dir = config_options.Optional(config_options.Type(str))
    """Where rendered charts are cached (default: <project>/.okr-cache)."""
    today = config_options.Optional(config_options.Type(str))
    """The build date (YYYY-MM-DD): posts dated after it stay out (default: today)."""


class DataProblems(PluginError):
    """The data breaks the contract; carries every problem so a caller can print them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(
            "\n".join(str(p) for p in problems)
            + f"\n{len(problems)} problem(s) in the data; nothing was built."
        )


class OkrPortalPlugin(BasePlugin[OkrPortalConfig]):
    portal: Portal
    root: Path  # the portal's folder
    hand_written: list[str]  # addresses of the pages MkDocs renders from content/
    tag: str  # the portal's BCP 47 language tag
    shell_tags: dict[str, str]  # shell folder -> the language of the shells in it
    navs: dict[str, Navigation]  # language tag -> the menu of that language (but the default)
    posts: dict[str, Post]  # content path -> the post, of the posts published in this build
    serving = False  # under `mkdocs serve`: bad data makes a page of problems, not a halt
    problems: list[Problem]  # while serving: why this build shows the problems page only

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this plugin, and so `serving`, across serve's rebuilds.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(
            self.config.project or Path(config.config_file_path or ".").parent
        ).resolve()
        self.problems, self.posts = [], {}
        try:
            self.portal = prepare(
                self.root, Path(self.config.cache_dir) if self.config.cache_dir else None
            )
        except DataError as error:
            if not self.serving:
                raise DataProblems(error.problems) from None
            self.problems = error.problems
            return config
        root = self.root
        settings = self.portal.site.settings
        self.tag = settings.language
        self.shell_tags = {
            render.shell_folder(e.tag, settings.language): e.tag for e in self.portal.editions
        }
        config.site_name = settings.title
        # Every page has a description for search engines; a page's own front matter may say more.
        config.site_description = self.portal.site.fmt._(
            "Objectives and key results of %(unit)s", unit=settings.organisation
        )
        if settings.base_url:
            config.site_url = settings.base_url
        theme_dirs = [str(render.THEME_DIR)]
        if (root / "theme").is_dir() and (root / "theme").resolve() != render.THEME_DIR:
            theme_dirs.insert(0, str(root / "theme"))
        for theme_dir in reversed(theme_dirs):
            if theme_dir not in config.theme.dirs:
                config.theme.dirs.insert(0, theme_dir)
        config.theme["language"] = material_language(settings.language)
        if not config.theme.get("palette"):
            config.theme["palette"] = colour_schemes(self.portal.site.fmt._)
        config.theme["font"] = False  # never load fonts from a third party
        if "assets/okr/okr.css" not in config.extra_css:
            config.extra_css.append("assets/okr/okr.css")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.problems:
            return self._problems_page(files, config)
        for folder, tag in self.shell_tags.items():
            for depth in sorted(self.portal.edition(tag).depths()):
                shell = File.generated(
                    config,
                    render.shell_source_path(depth, folder),
                    # A data page has no table of contents: its tables and charts take that room.
                    content=f'---\nokr_shell: true\ntitle: "{render.HEADING_MARK}"\n'
                    "hide: [toc]\nsearch:\n  exclude: true\n---\n",
                    inclusion=InclusionLevel.NOT_IN_NAV,
                )
                files.append(shell)
        if files.get_file_from_path("index.md") is None:
            files.append(
                File.generated(config, "index.md", content=f"# {self.portal.site.settings.title}\n")
            )
        try:
            self._add_posts(files, config)
        except DataProblems as error:
            if not self.serving:
                raise
            self.problems = error.problems
            return self._problems_page(files, config)
        self.hand_written = [
            _address(f.url)
            for f in files.documentation_pages()
            if not f.src_uri.startswith(SHELL_PREFIX)
        ]
        return files

    def _problems_page(self, files: Files, config: MkDocsConfig) -> Files:
        """While serving, a site of one page listing every problem; a fixed file brings the
        portal back with the next rebuild, which serve makes on every change."""
        for file in files.documentation_pages():
            files.remove(file)
        items = "\n".join(f"<li><code>{escape(str(p))}</code></li>" for p in self.problems)
        content = (
            "# The portal cannot be built\n\n"
            f"{len(self.problems)} problem(s) in the data. Fix them and save: this page "
            f'reloads by itself.\n\n<ul class="okr-problems">\n{items}\n</ul>\n'
        )
        files.append(File.generated(config, "index.md", content=content))
        self.hand_written = [urls.HOME]
        return files

    def _add_posts(self, files: Files, config: MkDocsConfig) -> None:
        """Read every post; leave out those dated after the build date; list the rest."""
        today = _build_date(self.config.today)
        posts = []
        for file in [f for f in files.documentation_pages() if is_post(f.src_uri)]:
            text = file.content_string
            body, meta = get_data(text)
            first_line = text[: len(text) - len(body)].count("\n") + 1
            source = self._source(file)
            try:
                posts.append((file, read_post(source, file.url, meta, body, first_line)))
            except DataError as error:
                raise DataProblems(error.problems) from None
        shown = published([post for _, post in posts], today)
        for file, post in posts:
            if post not in shown:
                files.remove(file)  # embargoed until its date
        self.posts = {file.src_uri: post for file, post in posts if post in shown}
        index = updates.FOLDER + "index.md"
        if shown and files.get_file_from_path(index) is None:
            content = index_markdown(self.portal, shown)
            files.append(File.generated(config, index, content=content))

    def _source(self, file: File) -> str:
        """The file as problems name it: relative to the portal's folder (content/...)."""
        path = Path(file.abs_src_path or file.src_uri)
        root = self.portal.project.root
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else file.src_uri

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """A post's quotes become the figures of its date."""
        post = self.posts.get(page.file.src_uri)
        if post is None:
            return markdown
        try:
            return expand_post(self.portal, post)
        except DataError as error:
            if not self.serving:
                raise DataProblems(error.problems) from None
            listed = "\n".join(f"- `{p}`" for p in error.problems)
            return f"# The post cannot be shown\n\n{listed}\n"

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.problems:
            return nav
        has_home = bool(nav.items) and isinstance(nav.items[0], Page) and nav.items[0].is_homepage
        hand_written = nav.items[1:] if has_home else list(nav.items)
        self.navs = {}
        for edition in self.portal.editions[1:]:
            home = Link(edition.site.fmt._("Home"), edition.root)
            links = _data_links(edition, self.hand_written)
            edition_nav = Navigation([home, *links, *hand_written], nav.pages)
            edition_nav.homepage = home  # type: ignore[assignment]
            self.navs[edition.tag] = edition_nav
        at = 1 if has_home else 0
        nav.items[at:at] = _data_links(self.portal.default, self.hand_written)
        return nav

    def on_page_context(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        """A shell of another language than the default gets Material's words and a menu in
        that language."""
        if self.problems:
            return context
        tag = self._tag_of(page)
        config.theme["language"] = material_language(tag)
        if tag in self.navs:
            context["nav"] = self.navs[tag]
        return context

    def _tag_of(self, page: Page) -> str:
        """The language of a page: its shell's, or the default for a hand-written page."""
        folder = page.file.src_uri.split("/")[0].removesuffix(".md")
        return self.shell_tags.get(folder, self.tag)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """``<html lang>`` is the page's own tag (en-GB), not the Material UI language (en)."""
        if self.problems:
            return output
        if page.is_homepage:
            output = self._home_alternates(output)
        output = self._sharing(output, page, config)
        output = self._feed_head(output, page)
        return self._own_chrome(output, self._tag_of(page))

    def _sharing(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Open Graph and Twitter card tags, as on data pages (Material gives the canonical);
        a shell's are its data pages' own."""
        if page.meta.get("okr_shell"):
            return output
        settings = self.portal.site.settings
        title = settings.title if page.is_homepage else str(page.title or settings.title)
        description = str(page.meta.get("description") or config.site_description or "")
        tags = render.joined(
            render.sharing_tags(
                title, description, _address(page.url), settings.base_url, settings.title, self.tag
            )
        )
        return output.replace("</head>", f"    {tags}\n  </head>", 1)

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The pages MkDocs makes from a template alone (404.html) get the same chrome."""
        if self.problems or not template_name.endswith(".html"):
            return output
        config.theme["language"] = material_language(self.tag)
        return self._own_chrome(output, self.tag)

    def _own_chrome(self, output: str, tag: str) -> str:
        material = material_language(tag)
        return valid_chrome(output.replace(f'<html lang="{material}"', f'<html lang="{tag}"', 1))

    def _home_alternates(self, output: str) -> str:
        """The home page in every language, for search engines (hreflang)."""
        links = language_links(self.portal.site.settings, self.tag, urls.HOME)
        tags = render.joined(
            render.head_tags_of_languages(links, self.portal.site.settings.base_url)
        )
        return output.replace("</head>", f"{tags}\n</head>", 1) if tags else output

    def _feed_links(self, page: Page) -> tuple[feeds.FeedLink, ...]:
        """The Atom feeds a hand-written page links: the home page the portal's, the list of
        updates its own (once a post is published)."""
        if page.is_homepage:
            return feeds.site_links(self.portal.site, urls.HOME, bool(self.posts))
        if page.file.src_uri == updates.FOLDER + "index.md" and self.posts:
            return (feeds.updates_link(self.portal.site, urls.UPDATES),)
        return ()

    def _feed_head(self, output: str, page: Page) -> str:
        tags = render.joined(render.head_tags_of_feeds(self._feed_links(page)))
        return output.replace("</head>", f"{tags}\n</head>", 1) if tags else output

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.problems:
            return html
        html = urls.relative_data_links(html, page.url)
        languages = self._languages_html(page)
        if page.is_homepage:
            return languages + html + home_html(self.portal, bool(self.posts))
        # The list of updates links its feed; other hand-written pages link none.
        return languages + html + render.feeds_html(self.portal.default.env, self._feed_links(page))

    def _languages_html(self, page: Page) -> str:
        """A hand-written page is in the default language only: it links the home page of
        every other language (the home page's own translations)."""
        path = _address(page.url)
        links = language_links(self.portal.site.settings, self.tag, urls.HOME)
        others = tuple(
            replace(link, href=urls.relative(path, link.path)) for link in links if not link.current
        )
        return render.languages_html(self.portal.default.env, others)

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            if not self.problems:
                self._write_site(Path(config.site_dir))
        finally:
            release()

    def on_build_error(self, *, error: Exception) -> None:
        release()

    def _write_site(self, site_dir: Path) -> None:
        """Pour every data page into the chrome Material gave its shell, then the exports."""
        shells: dict[str, dict[int, render.Shell]] = {}
        for folder, tag in self.shell_tags.items():
            shells[tag] = {}
            for depth in self.portal.edition(tag).depths():
                file = site_dir / render.shell_output_path(depth, folder)
                shells[tag][depth] = render.Shell.parse(file.read_text(encoding="utf-8"), str(file))
            shutil.rmtree(site_dir / folder)
        # MkDocs' own sitemap knows neither the data pages nor that the shells are gone.
        (site_dir / "sitemap.xml.gz").unlink(missing_ok=True)
        (site_dir / "sitemap.xml").unlink(missing_ok=True)
        posts = [PublishedPost(p.address, p.title, p.date, p.summary) for p in self.posts.values()]
        site = SiteFolder(site_dir, self.portal.charts_cache / "files")
        write_site(self.portal, site, shells, self.hand_written, posts)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.root / "data"))
        server.watch(str(self.root / "site_config.yml"))
        return server
