"""The site folder: files kept between builds are linked, never trusted unchecked."""

from __future__ import annotations

from pathlib import Path

from generator.output import SiteFolder
from tests.pages.test_rendered import build
from tests.test_cli import all_files, minimal

__all__ = ["minimal"]  # the fixture, shared with the CLI's tests


def test_a_file_written_twice_is_linked_from_one_kept_file(tmp_path: Path) -> None:
    site = SiteFolder(tmp_path / "site", tmp_path / "kept")
    site.write_text("a/one.csv", "id,value\r\nx,1\r\n")
    site.write_text("b/two.csv", "id,value\r\nx,1\r\n")
    one, two = tmp_path / "site" / "a" / "one.csv", tmp_path / "site" / "b" / "two.csv"
    assert one.read_bytes() == b"id,value\r\nx,1\r\n"  # line ends as given, not translated
    assert one.stat().st_ino == two.stat().st_ino
    assert [p.stat().st_ino for p in (tmp_path / "kept").iterdir()] == [one.stat().st_ino]


def test_a_kept_file_changed_through_its_link_is_written_anew(tmp_path: Path) -> None:
    first = SiteFolder(tmp_path / "one", tmp_path / "kept")
    first.write_text("data.csv", "a,b\n")
    (tmp_path / "one" / "data.csv").write_text("=HYPERLINK()\n")  # in place: the kept file too
    second = SiteFolder(tmp_path / "two", tmp_path / "kept")
    second.write_text("data.csv", "a,b\n")
    assert (tmp_path / "two" / "data.csv").read_text() == "a,b\n"


def test_a_file_written_where_one_is_already_is_replaced_never_written_into(
    tmp_path: Path,
) -> None:
    kept = SiteFolder(tmp_path / "site", tmp_path / "kept")
    kept.write_text("page.html", "first")
    first = tmp_path / "site" / "page.html"
    inode = first.stat().st_ino
    kept.write_text("page.html", "second")  # the first file is a link to a kept file
    assert first.read_text() == "second"
    assert [p.read_text() for p in (tmp_path / "kept").iterdir() if p.stat().st_ino == inode] == [
        "first"
    ]
    # Without kept files too: a file there may be a link into the pages' cache.
    outside = tmp_path / "cached.html"
    outside.write_text("cached")
    plain = SiteFolder(tmp_path / "plain")
    plain.place("page.html", outside)
    plain.write_text("page.html", "rendered")
    assert (tmp_path / "plain" / "page.html").read_text() == "rendered"
    assert outside.read_text() == "cached"


def test_a_file_another_program_wrote_is_kept_as_it_is_and_checked_next_time(
    tmp_path: Path,
) -> None:
    site = SiteFolder(tmp_path / "one", tmp_path / "kept")
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "index.pf").write_bytes(b"index")
    written = (tmp_path / "one" / "index.pf").stat().st_ino
    key = site.keep("index.pf")
    # Kept as the program wrote it, linked, not written again.
    assert [p.stat().st_ino for p in (tmp_path / "kept").iterdir()] == [written]
    assert (tmp_path / "one" / "index.pf").stat().st_ino == written
    site.forget_the_rest()  # recorded as kept
    (tmp_path / "one" / "index.pf").write_bytes(b"edited")  # in place: the kept file too
    again = SiteFolder(tmp_path / "two", tmp_path / "kept")
    assert not again.place_kept("index.pf", key)
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "index.pf").write_bytes(b"index")
    assert again.keep("index.pf") == key
    assert again.place_kept("copy.pf", key)
    assert (tmp_path / "two" / "copy.pf").read_bytes() == b"index"


def test_the_kept_folder_holds_only_the_last_site_s_files(tmp_path: Path) -> None:
    first = SiteFolder(tmp_path / "one", tmp_path / "kept")
    first.write_text("old.txt", "old")
    first.forget_the_rest()
    second = SiteFolder(tmp_path / "two", tmp_path / "kept")
    second.write_text("new.txt", "new")
    second.forget_the_rest()
    assert [p.read_text() for p in (tmp_path / "kept").iterdir()] == ["new"]
    assert (tmp_path / "one" / "old.txt").read_text() == "old"  # the published site keeps it


def test_a_warm_build_links_its_exports_and_republishes_an_edited_one(
    minimal: Path, tmp_path: Path
) -> None:
    build(minimal, tmp_path / "one")
    published = all_files(tmp_path / "one")
    build(minimal, tmp_path / "two")  # the search index is kept once it was made
    kept = {p.stat().st_ino for p in (minimal / ".okr-cache" / "files").iterdir()}
    csv = tmp_path / "two" / "downloads" / "key-results.csv"
    index = next((tmp_path / "two" / "pagefind").rglob("*.pf_fragment"))
    assert {csv.stat().st_ino, index.stat().st_ino} <= kept
    for changed in (csv, index):
        with changed.open("r+b") as handle:  # in place, as most tools write
            handle.write(b"=1+1,")
    build(minimal, tmp_path / "three")
    assert all_files(tmp_path / "three") == published


def test_a_page_s_search_form_is_the_one_its_writer_gave_until_it_is_written_over(
    tmp_path: Path,
) -> None:
    site = SiteFolder(tmp_path / "site")
    cached = tmp_path / "cached.html"
    cached.write_text("<p>cached</p>")
    site.place("a/index.html", cached, search_form="given-by-the-cache")
    site.place("b/index.html", cached)
    assert site.search_forms == {"a/index.html": "given-by-the-cache"}
    site.write_text("a/index.html", "<p>written over</p>")  # the form given before is dropped
    assert site.search_forms == {}
