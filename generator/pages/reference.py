"""One name for a page in the cache of rendered pages, whatever its language.

A page's HTML in a language is a function of its values in that language (and of what
``pages.rendered`` adds: templates, catalogue, chrome, code). Its values in every language are
in turn a function of its values made once in the *reference language* (``i18n.reference``),
of the records' translations, the settings and the code: the reference values write each word
as its message, each number and date as the value, each text as the record and field it comes
from, each chart as its drawings in every language. So the hash of the reference values, with
the rest, names the page in the cache in every language: a warm build makes a page's values
once, not once a language, and makes them in a language only for a page it renders.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

import generator
from generator.charts.inputs import ChartSvgs, Svg
from generator.i18n.reference import ReferenceLanguage
from generator.pages import urls
from generator.pages.formatting import Formatter
from generator.pages.rendered import values_digest
from generator.pages.site import ChartImage, Site
from generator.pages.views.parts import Page
from generator.translation import every_translation, with_sources


def reference_site(sites: Sequence[Site]) -> Site:
    """The site the reference values are made from: the default language's, its texts named
    by their sources, written in the reference language, each chart and image standing for
    every language's. A portal in one language names its pages by their own values, which
    lose nothing of it and cost less to make."""
    default = _default(sites)
    if len(sites) == 1:
        return default
    charted = {name: None for site in sites for name in site.charts}
    imaged = {name: None for site in sites for name in site.images}
    return dataclasses.replace(
        default,
        dataset=with_sources(default.dataset),
        fmt=Formatter(ReferenceLanguage(default.fmt.language.tag), default.settings),
        charts={name: _every_chart([site.charts.get(name) for site in sites]) for name in charted},
        images={name: _every_image([site.images.get(name) for site in sites]) for name in imaged},
    )


#: The generator's code, all of it: a page's values in a language are made by code the
#: reference values do not run (what writes a language's numbers and dates, orders its texts,
#: picks its translations and marks a text left in the default language). Any of it changed
#: renders every page again.
CODE = Path(generator.__file__).parent


def other_inputs(sites: Sequence[Site]) -> bytes:
    """The hash of what a page's languages read beside its reference values: the records'
    translations, the settings, the code and Babel's data. A translation changed renders
    every page again."""
    default = _default(sites)
    read = (every_translation(default.dataset), default.settings, metadata.version("babel"))
    digest = hashlib.sha256(pickle.dumps(read, protocol=5))
    for file in sorted(CODE.rglob("*.py")):
        digest.update(file.relative_to(CODE).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.digest()


class Named:
    """A page's address and its reference values' hash: sent by the copy of the build that
    made them, or made here and hashed where first asked (where the page is written), once for
    all its languages, and then let go."""

    __slots__ = ("_digest", "_values", "path")

    def __init__(self, path: str, digest: bytes = b"", values: Page | None = None) -> None:
        self.path = path
        self._digest = digest
        self._values = values

    @classmethod
    def hashed(cls, page: Page) -> Named:
        return cls(page.path, values_digest(page))

    @classmethod
    def made(cls, page: Page) -> Named:
        return cls(page.path, values=page)

    def digest(self) -> bytes:
        if self._values is not None:
            self._digest, self._values = values_digest(self._values), None
        return self._digest

    def __reduce__(self) -> tuple[type[Named], tuple[str, bytes]]:
        return Named, (self.path, self.digest())  # sent from the copy: its hash alone


def page_digest(named: Named, others: bytes, tag: str) -> bytes:
    """What names a page in the language ``tag`` in the cache (with ``rendered``'s context)."""
    return hashlib.sha256(named.digest() + others + tag.encode()).digest()


def _default(sites: Sequence[Site]) -> Site:
    return next(site for site in sites if site.root == urls.HOME)


def _every_chart(charts: Sequence[ChartSvgs | None]) -> ChartSvgs:
    """A chart whose drawings' keys are every language's (none where a language has none)."""
    parts = [
        (None, None, None, None) if c is None else (c.wide, c.narrow, c.wide_strip, c.narrow_strip)
        for c in charts
    ]
    wide, narrow, wide_strip, narrow_strip = (
        _every_svg(column) for column in zip(*parts, strict=True)
    )
    return ChartSvgs(wide or _NO_SVG, narrow or _NO_SVG, wide_strip, narrow_strip)


_NO_SVG = Svg("", Path())


def _every_svg(svgs: Sequence[Svg | None]) -> Svg | None:
    if all(svg is None for svg in svgs):
        return None
    keys = "|".join("" if svg is None else svg.key for svg in svgs)
    return Svg(keys, Path(keys))


def _every_image(images: Sequence[ChartImage | None]) -> ChartImage:
    """An image whose size stands for every language's (a page writes the size it is told)."""
    written = "|".join(
        "" if image is None else f"{image.file.name}:{image.width}x{image.height}"
        for image in images
    )
    size = int.from_bytes(hashlib.sha256(written.encode()).digest()[:8], "big")
    return ChartImage(Path(written), size, size)
