"""What search reads of a page (generator.pages.search_form): Pagefind makes the same index from
the forms as from the pages, and a form leaves out what moves with every check-in."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

from generator.exports.search import Form, index_pages
from generator.load.project import Project
from generator.output import SiteFolder
from generator.pages import urls
from generator.pages.search_form import SearchForms, form_key, form_language, search_form
from tests.exports.test_search import indexed_texts
from tests.test_cli import all_files


def indexed(site: Path, tmp_path: Path, read: str) -> dict[str, bytes]:
    """Pagefind's files made from the pages of ``site`` it indexed, each handed in whole
    (``read="page"``) or as its search form."""
    forms = {path: Form(form_key(text), text) for path, text in indexed_texts(site, read).items()}
    out = SiteFolder(tmp_path / read / "site")
    out.root.mkdir(parents=True)
    index_pages(forms, SearchForms(tmp_path / read / "cache"), out)
    return all_files(out.root)


@pytest.mark.parametrize("built", ["sample_site", "two_languages_site"])
def test_pagefind_makes_the_same_index_from_the_forms_as_from_the_pages(
    built: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    site: Path = request.getfixturevalue(built)
    from_pages = indexed(site, tmp_path, "page")
    from_forms = indexed(site, tmp_path, "form")
    assert any(name.endswith(".pf_fragment") for name in from_pages)
    assert from_forms == from_pages


def test_a_form_is_the_indexed_part_of_its_page_without_its_figures(
    sample: Project, sample_site: Path
) -> None:
    data = sample.dataset
    kr = next(
        k for k in data.key_results.values() if k.source and k.id in data.checkins_by_key_result
    )
    page = (sample_site / urls.key_result(kr.id) / "index.html").read_text(encoding="utf-8")
    form = search_form(page)
    assert form is not None and len(form) < len(page) / 3
    assert form.startswith('<!DOCTYPE html><html lang="en">')
    assert f">{escape(kr.title)}</h1>" in form
    assert "Skip to content" not in form and "md-footer" not in form  # chrome
    # How it stands: the chart, the check-ins, the status, the figures as of a day.
    assert "<svg" not in form and "okr-checkins" not in form and "okr-status" not in form
    assert "Latest" not in form and "Figures as of" not in form
    # The page's furniture: its permanent address, how to cite and embed it.
    assert "cite-text" in page and "embed-code" in page
    assert "cite-text" not in form and "embed-code" not in form and "iframe" not in form
    # What it is: its objective, unit, measure and source.
    objective = data.objectives[kr.objective]
    assert escape(objective.title) in form and escape(str(kr.source)) in form


def test_nested_ignored_elements_of_one_name_are_cut_whole() -> None:
    page = (
        '<html lang="nb"><body><nav>menu</nav><div data-pagefind-body><h1>Tittel</h1>'
        "<div data-pagefind-ignore><div>a</div><div><div>b</div></div></div>"
        "<p>kept</p><span data-pagefind-ignore>c</span></div><footer>f</footer></body></html>"
    )
    assert search_form(page) == (
        '<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"></head>'
        "<body><div data-pagefind-body><h1>Tittel</h1><p>kept</p></div></body></html>"
    )


@pytest.mark.parametrize(
    "body",
    [
        "<div data-pagefind-body><h1>T</h1><div data-pagefind-ignore>never closed</div>",
        "<div data-pagefind-body><h1>T</h1><p data-pagefind-ignore><img src=a.png></p></div>",
        '<div data-pagefind-body><div data-pagefind-ignore><b data-pagefind-meta="x">y</b></div>'
        "</div>",
    ],
)
def test_a_page_a_form_cannot_be_cut_from_safely_is_its_own_form(body: str) -> None:
    page = f'<html lang="en"><body>{body}</body></html>'
    assert search_form(page) == page


def test_a_page_without_an_indexed_part_has_no_form() -> None:
    assert search_form('<html lang="en"><body><p>An embed</p></body></html>') is None


def test_a_form_is_kept_under_the_hash_of_its_text_and_a_damaged_one_is_not_trusted(
    tmp_path: Path,
) -> None:
    forms = SearchForms(tmp_path)
    key = forms.keep("<p>one</p>")
    assert key == form_key("<p>one</p>") and forms.text(key) == "<p>one</p>"
    forms.path(key).write_text("<p>two</p>", encoding="utf-8")
    assert forms.text(key) is None
    assert forms.keep("<p>one</p>") == key and forms.text(key) == "<p>one</p>"
    other = forms.keep("<p>three</p>")
    forms.forget_except([other])
    assert forms.text(key) is None and forms.text(other) == "<p>three</p>"


def test_a_form_is_indexed_with_the_forms_of_its_primary_language() -> None:
    assert form_language('<!DOCTYPE html><html lang="nb-NO"><head>') == "nb"
    assert form_language('<html class="no-js" lang="SV">') == "sv"
    assert form_language("<html><body>No language</body></html>") == ""
