"""Items written with ``publish: false`` appear nowhere in the built site: no page, feed,
search index, download, report or sitemap holds their id or title. Their unit's page counts
them. The sample withholds an objective (with a key result and a check-in) to show this."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfReader

from generator.load.project import Project
from generator.pages import urls

GZIP_MAGIC = b"\x1f\x8b"


def readable_text(file: Path) -> str:
    """What a file says: text as is, gzip'd files (the search index) unpacked, PDFs' text."""
    data = file.read_bytes()
    if file.suffix == ".pdf":
        return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(file).pages)
    if data.startswith(GZIP_MAGIC):
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def site_texts(site: Path) -> Iterator[tuple[Path, str]]:
    for file in sorted(site.rglob("*")):
        if file.is_file() and file.suffix not in {".png", ".woff", ".woff2", ".ico"}:
            yield file, readable_text(file)


def withheld_words(project: Project) -> list[str]:
    assert project.written is not None
    words: list[str] = []
    for item_id in sorted(project.withheld_ids):
        item = project.written.objectives.get(item_id) or project.written.key_results[item_id]
        words += [item_id, item.title]
    return words


def test_the_sample_withholds_an_objective_with_a_key_result(sample: Project) -> None:
    assert {"housing-northgate-regeneration-q4", "housing-northgate-bids-q4"} <= (
        sample.withheld_ids
    )


def test_no_file_of_the_built_sample_names_a_withheld_item(
    sample: Project, sample_site: Path
) -> None:
    words = withheld_words(sample)
    found = [
        f"{file.relative_to(sample_site)}: {word}"
        for file, text in site_texts(sample_site)
        for word in words
        if word.lower() in text.lower()
    ]
    assert found == []


def test_the_search_index_is_read_unpacked(sample_site: Path) -> None:
    """The search for withheld words would find nothing in an index it cannot read: it can."""
    packed = [f for f in (sample_site / "pagefind").rglob("*.pf_fragment")]
    assert packed
    assert any("Plant 30,000 street and park trees" in readable_text(f) for f in packed)


def test_the_unit_page_counts_what_is_not_published(sample_site: Path) -> None:
    page = (sample_site / urls.unit("housing") / "index.html").read_text("utf-8")
    assert "Not published, October to December 2026: 1 objective and 1 key result." in page
    other = (sample_site / urls.unit("transport") / "index.html").read_text("utf-8")
    assert "Not published" not in other
