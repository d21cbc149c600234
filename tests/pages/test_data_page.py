"""``/data/``: every open-data file and each of its columns explained in the page's language,
from the same descriptions as the CSV headers and ``datapackage.json``."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import pytest

from generator.i18n import Language
from generator.pages import urls
from generator.pages.downloads import DATAPACKAGE, PORTAL_JSON, TABLES, TYPE_WORDS


def page_of(site: Path, root: str = "") -> str:
    return (site / root / urls.DATA / "index.html").read_text(encoding="utf-8")


def hrefs(page: str) -> list[str]:
    return re.findall(r'href="([^"#]+\.(?:csv|json))"', page)


def explains_every_column(page: str, tag: str) -> None:
    words = Language(tag)
    text = html.unescape(page)
    for table in TABLES:
        assert f'<h2 id="{table.name}">{words.gettext(table.title)}</h2>' in text
        assert words.gettext(table.description) in text
        for column in table.published(publish_authors=False):
            row = (
                f'<th scope="row"><code>{column.name}</code></th>\n      '
                f"<td>{words.gettext(TYPE_WORDS[column.type])}</td>\n      "
                f"<td>{words.gettext(column.description)}</td>"
            )
            assert row in text, (table.name, column.name)
    for file in (PORTAL_JSON, DATAPACKAGE):
        assert words.gettext(file.description) in text
    assert "<code>author</code>" not in text


def test_the_data_page_explains_every_file_and_column(sample_site: Path) -> None:
    page = page_of(sample_site)
    explains_every_column(page, "en")
    assert "The data on this portal is published under CC-BY-4.0." in page


def test_its_links_download_the_files(sample_site: Path) -> None:
    links = hrefs(page_of(sample_site))
    expected = [t.path for t in TABLES if "<" not in t.path] + [PORTAL_JSON.path, DATAPACKAGE.path]
    assert [posixpath.normpath(posixpath.join(urls.DATA, h)) for h in links] == expected
    assert all((sample_site / path).is_file() for path in expected)


def test_the_home_page_links_the_data_page(sample_site: Path) -> None:
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{urls.DATA}"' in home
    assert f'href="{urls.PORTAL_JSON}"' in home


@pytest.mark.parametrize(("root", "tag"), [("", "fi"), ("sv/", "sv")])
def test_each_language_explains_the_shared_files_in_its_words(
    two_languages_site: Path, root: str, tag: str
) -> None:
    page = page_of(two_languages_site, root)
    explains_every_column(page, tag)
    for href in hrefs(page):
        assert (two_languages_site / root / urls.DATA / href).resolve().is_file(), href
    # Open data is written once, at the site's root, whatever the page's language.
    up = "../" * urls.depth(root + urls.DATA)
    assert f'href="{up}{urls.KEY_RESULTS_CSV}"' in page
