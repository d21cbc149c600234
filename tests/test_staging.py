"""The staging folder: a build writes into the last build's folders, and leaves none empty."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from generator.cache_files import umask
from generator.staging import (
    FOLDERS,
    make_folders,
    remember_folders,
    set_up_folders,
    staging_folder,
    swap_in,
)
from tests.pages.test_rendered import build
from tests.test_cli import all_files, minimal

__all__ = ["minimal"]  # the fixture, shared with the CLI's tests


def tree(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix() + ("/" if p.is_dir() else "") for p in folder.rglob("*")
    }


def test_the_replaced_site_leaves_its_folders_and_no_file_for_the_next_build(
    tmp_path: Path,
) -> None:
    target = tmp_path / "public"
    (target / "units" / "parks").mkdir(parents=True)
    (target / "units" / "parks" / "index.html").write_text("old")
    staging = staging_folder(target)
    assert not list(staging.iterdir())  # the first build beside this site: a new folder
    (staging / "units" / "roads").mkdir(parents=True)
    (staging / "units" / "roads" / "index.html").write_text("new")
    swap_in(staging, target)
    assert tree(target) == {"units/", "units/roads/", "units/roads/index.html"}
    # Set aside whole; the next build empties it while it loads its data.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".public-old", "public"]
    assert tree(tmp_path / ".public-old") == {"units/", "units/parks/", "units/parks/index.html"}
    staging = staging_folder(target)
    set_up_folders(staging, target, None)
    assert {p.name for p in tmp_path.iterdir()} == {".public-folders", staging.name, "public"}
    assert tree(tmp_path / ".public-folders") == {"units/", "units/parks/"}
    (staging / "units" / "roads").mkdir(parents=True)
    (staging / "units" / "roads" / "index.html").write_text("newer")
    swap_in(staging, target)
    staging = staging_folder(target)
    assert tree(staging) == {"units/", "units/parks/"}
    set_up_folders(staging, target, None)
    assert {p.name for p in tmp_path.iterdir()} == {".public-folders", staging.name, "public"}
    assert tree(tmp_path / ".public-folders") == {"units/", "units/roads/"}


def test_a_folder_the_build_wrote_nothing_into_is_not_published(tmp_path: Path) -> None:
    target = tmp_path / "public"
    (tmp_path / ".public-folders" / "key-results" / "gone" / "embed").mkdir(parents=True)
    staging = staging_folder(target)
    (staging / "key-results" / "kept").mkdir(parents=True)
    (staging / "key-results" / "kept" / "index.html").write_text("page")
    swap_in(staging, target)
    assert tree(target) == {"key-results/", "key-results/kept/", "key-results/kept/index.html"}


def test_a_build_into_the_last_site_s_folders_equals_a_fresh_one(
    minimal: Path, tmp_path: Path
) -> None:
    build(minimal, tmp_path / "public")
    build(minimal, tmp_path / "public")  # into the folders of the first
    (minimal / "data" / "okrs" / "2026-Q2" / "parks.yml").unlink()  # its pages are gone
    checkins = minimal / "data" / "checkins" / "q2.csv"
    rows = checkins.read_text(encoding="utf-8").splitlines(keepends=True)
    checkins.write_text("".join(r for r in rows if ",parks-" not in r), encoding="utf-8")
    build(minimal, tmp_path / "public")
    build(minimal, tmp_path / "fresh")
    assert not (tmp_path / "public" / "key-results" / "parks-satisfaction").exists()
    assert tree(tmp_path / "public") == tree(tmp_path / "fresh")
    assert all_files(tmp_path / "public") == all_files(tmp_path / "fresh")


def test_a_published_site_is_readable_as_the_umask_allows(minimal: Path, tmp_path: Path) -> None:
    """A web server reads the site as a user of its own: the staging folder and the cached
    files the site links to are made as any file this user writes, not the owner's alone."""
    mask = umask()
    build(minimal, tmp_path / "public")
    build(minimal, tmp_path / "public")  # warm: its files are links into the cache
    site = tmp_path / "public"
    for path in (site, *site.rglob("*")):
        wanted = (0o777 if path.is_dir() else 0o666) & ~mask
        assert stat.S_IMODE(path.stat().st_mode) & 0o444 == wanted & 0o444, path


def test_the_last_site_s_folders_are_made_readable_when_built_into(tmp_path: Path) -> None:
    """A site published before its folders took the umask leaves them the owner's alone."""
    folders = tmp_path / ".public-folders"
    folders.mkdir(mode=0o700)
    staging = staging_folder(tmp_path / "public")
    assert stat.S_IMODE(staging.stat().st_mode) == 0o777 & ~umask()


def test_the_published_folders_are_listed_each_after_its_parent(tmp_path: Path) -> None:
    target = tmp_path / "public"
    staging = staging_folder(target)
    for page in ("units/roads", "units/roads-east", "a-z", "units/parks/embed"):
        (staging / page).mkdir(parents=True)
        (staging / page / "index.html").write_text("page")
    (staging / "key-results" / "gone").mkdir(parents=True)  # nothing written: not published
    folders = swap_in(staging, target)
    parents_first = ["a-z", "units", "units/parks", "units/parks/embed", "units/roads"]
    assert folders == [*parents_first, "units/roads-east"]
    assert folders == sorted(p.relative_to(target).as_posix() for p in target.rglob("*/"))


def test_a_fresh_staging_folder_gets_the_listed_folders_and_no_other(tmp_path: Path) -> None:
    listing = tmp_path / "cache" / FOLDERS
    remember_folders(listing, ["units", "units/roads", "../outside", "/root", "units/../x"])
    staging = staging_folder(tmp_path / "public")
    make_folders(staging, listing)
    assert tree(staging) == {"units/", "units/roads/"}
    assert not (tmp_path / "outside").exists()
    # The last site's folders already there (reused): nothing is made.
    (staging / "units" / "roads").rmdir()
    make_folders(staging, listing)
    assert tree(staging) == {"units/"}
    make_folders(staging_folder(tmp_path / "other"), tmp_path / "missing.json")  # no listing


def test_a_build_in_a_fresh_checkout_makes_the_last_site_s_folders_first(
    minimal: Path, tmp_path: Path
) -> None:
    """In CI the site's folder is new each time and the cache is restored: the folders are
    made from the cache's list while the data loads, and the site is the same."""
    build(minimal, tmp_path / "one")
    listing = minimal / ".okr-cache" / FOLDERS
    listed = json.loads(listing.read_bytes())
    assert listed == sorted(
        p.relative_to(tmp_path / "one").as_posix() for p in (tmp_path / "one").rglob("*/")
    )
    remember_folders(listing, [*listed, "key-results/no-longer-published"])
    build(minimal, tmp_path / "two")  # a new folder beside no folders of a site before
    assert tree(tmp_path / "two") == tree(tmp_path / "one")
    assert all_files(tmp_path / "two") == all_files(tmp_path / "one")
    assert json.loads(listing.read_bytes()) == listed
