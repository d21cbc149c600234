"""Print-ready reports: a tagged PDF for each unit of the settings' ``report_levels`` and each
period it has objectives in, from ``theme/okr/report.html`` with WeasyPrint.

A PDF costs most of a second, so each is kept in the cache folder under the hash of its
HTML, of the WeasyPrint version and of the render options: a build renders only the reports
whose content changed, and a build that renders none imports no WeasyPrint. The same HTML gives
the same bytes: the PDF's dates are the as-of date (in the HTML), its identifier is its cache
key, its fonts' subsets are stamped with a fixed time (``_fixed_font_time``), and WeasyPrint
fetches nothing (the charts are ``data:`` URLs, the styles are inline).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path

from generator.cache_files import CacheFolder
from generator.output import SiteFolder
from generator.pages.views.report import Report, all_reports
from generator.portal import Edition, Published

TEMPLATE = "okr/report.html"
CACHE_FOLDER = "reports"
# Bump when the options below change (they shape the PDF but are not in its HTML): it is part
# of the cache key, so cached reports are rendered again.
RENDER_REVISION = "1"
PDF_VARIANT = "pdf/ua-1"  # tagged, with the language and title PDF/UA asks for
#: From this many reports to render, a worker per CPU renders them, one report at a time (they
#: differ in length). A worker pays about a second to import WeasyPrint; on two CPUs the
#: sample's 23 reports took 2.3 s less than in one process (8.8 s for the whole build), and the
#: 24 larger ones of a 2,500-page portal 4.7 s less (16.4 s).
POOL_FROM = 8


def write(published: Published, out: SiteFolder) -> None:
    # Every language's reports at once: one set of workers renders them all, where a set for
    # each language paid again for starting (a second of importing WeasyPrint a worker) and
    # for its last report, rendered while the other CPU waited.
    documents: dict[str, str] = {}
    for edition in published.portal.editions:
        root = edition.root
        documents |= {
            root + r.path: report_html(edition, r, root) for r in all_reports(edition.site)
        }
    cache_dir = published.portal.charts_cache / CACHE_FOLDER
    for path, pdf in cached_pdfs(documents, cache_dir).items():
        out.write_bytes(path, pdf)


def report_html(edition: Edition, report: Report, root: str) -> str:
    """The report as a whole HTML document. With the portal's address known, its links point
    to the live pages (a PDF is read wherever it was saved), else relative to the PDF."""
    base_url = edition.site.settings.base_url
    template = edition.env.get_template(TEMPLATE)
    return template.render(report=report, base=base_url + root + report.path if base_url else None)


def report_key(html: str) -> str:
    """The report's cache key (a hex digest, its file name in the cache and the PDF's /ID)."""
    digest = hashlib.sha256(html.encode("utf-8"))
    digest.update(_renderer_digest().encode("utf-8"))
    return digest.hexdigest()


@cache
def _renderer_digest() -> str:
    # Read from the package's metadata: a build that renders nothing does not import WeasyPrint.
    version = metadata.version("weasyprint")
    return f"\0weasyprint={version}\0variant={PDF_VARIANT}\0revision={RENDER_REVISION}"


def cached_pdfs(documents: Mapping[str, str], cache_dir: Path) -> dict[str, bytes]:
    """Path -> PDF for every (path -> HTML) given: from ``cache_dir`` where it is there, else
    rendered and kept there."""
    cache = CacheFolder(cache_dir, ".pdf")
    keys = {path: report_key(html) for path, html in documents.items()}
    pdfs = {key: pdf for key in set(keys.values()) if (pdf := cache.read(key))}
    misses = {key: documents[path] for path, key in keys.items() if key not in pdfs}
    for key, pdf in render_pdfs(misses).items():
        cache.write(key, pdf)
        pdfs[key] = pdf
    return {path: pdfs[key] for path, key in keys.items()}


def render_pdfs(documents: Mapping[str, str]) -> dict[str, bytes]:
    """Key -> PDF for every (cache key -> HTML) given: every report a build renders.

    Below :data:`POOL_FROM` reports or on one CPU, in this process, one after another; else in
    as many spawned workers as there are CPUs (WeasyPrint is pure Python: threads would take
    turns)."""
    cpus = os.cpu_count() or 1
    if len(documents) < POOL_FROM or cpus < 2:
        return {key: render_pdf(html, key) for key, html in documents.items()}
    keys = list(documents)
    context = multiprocessing.get_context("spawn")  # as the charts' workers: no fork
    with ProcessPoolExecutor(max_workers=cpus, mp_context=context) as pool:
        pdfs = pool.map(render_pdf, [documents[key] for key in keys], keys)
        return dict(zip(keys, pdfs, strict=True))


def render_pdf(html: str, identifier: str) -> bytes:
    """A tagged PDF (PDF/UA-1) of ``html``; ``identifier`` becomes the PDF's /ID."""
    # Imported here: a build whose reports all come from the cache loads no WeasyPrint.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Only data: URLs (the charts) are read: no file, no network, no font from the web.
    fetcher = URLFetcher(allowed_protocols={"data"})
    with _fixed_font_time():
        pdf = HTML(string=html, url_fetcher=fetcher).write_pdf(
            pdf_variant=PDF_VARIANT, pdf_identifier=identifier.encode("ascii")
        )
    assert isinstance(pdf, bytes)  # write_pdf returns the bytes when given no target
    return pdf


#: What a font subset is stamped with unless the environment says otherwise: the epoch.
FONT_TIME = "0"


@contextmanager
def _fixed_font_time() -> Iterator[None]:
    """Where HarfBuzz's subsetter is missing (``.ci/weasyprint`` installs it), WeasyPrint
    subsets the report's fonts with fontTools, which stamps each subset with the time it was
    made unless ``SOURCE_DATE_EPOCH`` says which (reproducible-builds.org): the same report
    rendered a second later was other bytes. A publisher's own ``SOURCE_DATE_EPOCH`` stands."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = FONT_TIME
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
