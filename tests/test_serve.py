"""``okr-portal serve``: a data error shows in the browser as a page of its problems, and the
portal comes back by itself once the file is fixed; nothing hangs."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

OKR_PORTAL = Path(sys.executable).with_name("okr-portal")
UNITS = "data/units.yml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def wait_for(condition: Callable[[], bool], seconds: float = 90) -> bool:
    """Poll ``condition`` twice a second, for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:  # not listening yet
            pass
        time.sleep(0.5)
    return False


@pytest.fixture
def broken_portal_served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    units = root / UNITS
    units.write_text(
        units.read_text("utf-8").replace("  level: team\n", "  level: squad\n"), "utf-8"
    )
    port = free_port()
    server = subprocess.Popen(
        [str(OKR_PORTAL), "serve", "--project", str(root), "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield root, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_bad_data_is_a_page_of_problems_until_fixed(
    broken_portal_served: tuple[Path, str],
) -> None:
    root, url = broken_portal_served
    assert wait_for(lambda: fetch(url)[0] == 200), "the preview never answered"
    page = fetch(url)[1]
    assert "The portal cannot be built" in page
    assert "data/units.yml:14: &#39;level&#39; is &#39;squad&#39;: use one of" in page
    assert fetch(url + "units/roads/")[0] == 404  # answered at once, not held

    units = root / UNITS
    units.write_text(
        units.read_text("utf-8").replace("  level: squad\n", "  level: team\n"), "utf-8"
    )
    assert wait_for(lambda: "okr-home" in fetch(url)[1]), "the portal did not come back"
    assert fetch(url + "units/roads/")[0] == 200
