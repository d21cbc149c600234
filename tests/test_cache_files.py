"""Files kept between builds: what a build trusts without reading them again."""

from __future__ import annotations

import os
from pathlib import Path

from generator.cache_files import CacheFolder, StatRecord


def kept_file(tmp_path: Path, text: str) -> Path:
    file = tmp_path / "kept" / "a1b2"
    file.parent.mkdir(exist_ok=True)
    file.write_text(text)
    os.utime(file, ns=(1_700_000_000_000_000_000,) * 2)  # written well before the record
    return file


def test_a_file_as_the_record_left_it_is_trusted_and_the_record_kept_as_it_is(
    tmp_path: Path,
) -> None:
    file = kept_file(tmp_path, "a,b\n")
    StatRecord(tmp_path / "kept.json").save(file.parent, [file.name])
    written = (tmp_path / "kept.json").stat().st_mtime_ns
    record = StatRecord(tmp_path / "kept.json")
    assert record.unchanged(file.parent, file.name)
    record.save(file.parent, [file.name])  # nothing changed: nothing written
    assert (tmp_path / "kept.json").stat().st_mtime_ns == written


def test_a_file_changed_after_the_record_is_not_trusted(tmp_path: Path) -> None:
    file = kept_file(tmp_path, "a,b\n")
    StatRecord(tmp_path / "kept.json").save(file.parent, [file.name])
    with file.open("r+b") as handle:  # in place, the same size
        handle.write(b"=1,")
    assert not StatRecord(tmp_path / "kept.json").unchanged(file.parent, file.name)


def test_a_file_the_record_does_not_hold_or_a_broken_record_is_not_trusted(
    tmp_path: Path,
) -> None:
    file = kept_file(tmp_path, "a,b\n")
    assert not StatRecord(tmp_path / "kept.json").unchanged(file.parent, file.name)
    (tmp_path / "kept.json").write_text("{not json")
    assert not StatRecord(tmp_path / "kept.json").unchanged(file.parent, file.name)
    StatRecord(tmp_path / "kept.json").save(file.parent, [file.name])
    assert not StatRecord(tmp_path / "kept.json").unchanged(tmp_path / "kept", "missing")


def test_a_spread_folder_keeps_each_file_in_the_folder_of_its_keys_first_characters(
    tmp_path: Path,
) -> None:
    cache = CacheFolder(tmp_path / "pages", ".html", spread=True)
    assert not cache.holds_any()
    for key in ("ab12", "ab34", "cd56"):
        cache.write(key, key.encode())
    assert sorted(cache.names()) == ["ab/ab12.html", "ab/ab34.html", "cd/cd56.html"]
    assert cache.read("cd56") == b"cd56" and cache.path("cd56") == tmp_path / "pages/cd/cd56.html"
    assert cache.holds_any()


def test_a_spread_folder_forgets_what_it_is_not_told_to_keep_and_what_it_held_unspread(
    tmp_path: Path,
) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "ef78.html").write_text("kept before the folder was spread")
    cache = CacheFolder(tmp_path / "pages", ".html", spread=True)
    cache.write("ab12", b"1")
    cache.write("cd56", b"2")
    assert sorted(cache.names()) == ["ab/ab12.html", "cd/cd56.html", "ef78.html"]
    cache.forget_except([cache.name("cd56")])
    assert cache.names() == ["cd/cd56.html"]
