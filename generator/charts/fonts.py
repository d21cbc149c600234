"""The fonts vl-convert measures a chart's texts with and draws its PNGs with: held in memory.

vl-convert measures every text of a chart (an axis label, a title) by laying it out with the
fonts of its font database, and loads the system's fonts into that database before the Liberation
Sans it carries. A system font is known by its file, which is opened, mapped and parsed again for
every text it measures: on Linux, where Liberation Sans is usually installed, a chart opened the
same file some 800 times, and the system calls took about 40 % of the time spent drawing it.

:func:`hold_fonts_in_memory` starts vl-convert's font database with no system font, so that the
Liberation Sans it carries (in memory) comes first, and then adds the system's fonts after it,
so a character Liberation Sans lacks is still measured and drawn with a system font that has
it. The texts are measured with the same font as before: the SVGs are the same bytes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import vl_convert

__all__ = ["SYSTEM_FONT_FOLDERS", "hold_fonts_in_memory"]

#: Where fontconfig looks for fonts on Linux unless configured otherwise, the order vl-convert's
#: font database (fontdb) reads them in.
SYSTEM_FONT_FOLDERS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)
#: A fontconfig file naming one folder that does not exist: fontdb then loads no system font (a
#: file naming none would make it fall back to the folders above).
_NO_FONTS = Path(__file__).with_name("no-system-fonts.conf")

_held = False


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """The variable set while the block runs, then as it was (WeasyPrint's Pango, in the same
    process, reads fontconfig's variables too)."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


def hold_fonts_in_memory() -> None:
    """Make vl-convert measure and draw with fonts held in memory, once per process.

    Must run before this process first draws with vl-convert: its font database is made then,
    once. Only on Linux, where vl-convert finds the system's fonts through fontconfig; elsewhere
    nothing changes.
    """
    global _held
    if _held or not sys.platform.startswith("linux"):
        return
    _held = True
    with _environment("FONTCONFIG_FILE", str(_NO_FONTS)):
        for folder in SYSTEM_FONT_FOLDERS:
            if folder.is_dir():
                # Makes the database (the variable is read then) and adds the folder's fonts
                # after the ones vl-convert carries.
                try:
                    vl_convert.register_font_directory(str(folder))
                except ValueError:
                    # This process drew with vl-convert before: its database is made, with
                    # the system's fonts first, and in use. It measures as well, only slower.
                    return
