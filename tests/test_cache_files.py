"""Files kept between builds: what a build trusts without reading them again."""

from __future__ import annotations

import os
from pathlib import Path

from generator.cache_files import StatRecord


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
    assert record.unchanged(file)
    record.save(file.parent, [file.name])  # nothing changed: nothing written
    assert (tmp_path / "kept.json").stat().st_mtime_ns == written


def test_a_file_changed_after_the_record_is_not_trusted(tmp_path: Path) -> None:
    file = kept_file(tmp_path, "a,b\n")
    StatRecord(tmp_path / "kept.json").save(file.parent, [file.name])
    with file.open("r+b") as handle:  # in place, the same size
        handle.write(b"=1,")
    assert not StatRecord(tmp_path / "kept.json").unchanged(file)


def test_a_file_the_record_does_not_hold_or_a_broken_record_is_not_trusted(
    tmp_path: Path,
) -> None:
    file = kept_file(tmp_path, "a,b\n")
    assert not StatRecord(tmp_path / "kept.json").unchanged(file)
    (tmp_path / "kept.json").write_text("{not json")
    assert not StatRecord(tmp_path / "kept.json").unchanged(file)
    StatRecord(tmp_path / "kept.json").save(file.parent, [file.name])
    assert not StatRecord(tmp_path / "kept.json").unchanged(tmp_path / "kept" / "missing")
