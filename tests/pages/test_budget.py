"""Budgets (contract 1.1, objectives only): shown on the objective, summed per unit and
period, in the page's language and the budget's currency."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.pages import urls
from tests.conftest import FIXTURES, build

NBSP = "\u00a0"


def with_budgets(root: Path, language: str) -> Path:
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    config = root / "site_config.yml"
    config.write_text(config.read_text("utf-8").replace("language: en", f"language: {language}"))
    town = root / "data" / "okrs" / "2026-Q2" / "town.yml"
    town.write_text(
        town.read_text("utf-8")
        .replace(
            "    owner: Mayor's office\n",
            "    owner: Mayor's office\n    budget: {amount: 2500000, currency: NOK}\n",
        )
        .replace(
            "    title: Publish more open data\n",
            "    title: Publish more open data\n    budget: {amount: 120000.5, currency: NOK}\n",
        ),
        "utf-8",
    )
    return root


def test_budgets_in_english_and_their_sum_per_unit_and_period(tmp_path: Path) -> None:
    build(with_budgets(tmp_path / "portal", "en"), tmp_path / "site")
    objective = tmp_path / "site" / urls.objective("town-safer-streets") / "index.html"
    assert f"<dt>Budget</dt><dd>NOK{NBSP}2,500,000</dd>" in objective.read_text("utf-8")
    unit = (tmp_path / "site" / urls.unit("town") / "index.html").read_text("utf-8")
    assert f"Budget for these objectives: NOK{NBSP}2,620,000.50" in unit
    roads = (tmp_path / "site" / urls.unit("roads") / "index.html").read_text("utf-8")
    assert "Budget for these objectives" not in roads  # none given: nothing said


def test_budgets_in_norwegian(tmp_path: Path) -> None:
    build(with_budgets(tmp_path / "portal", "nb"), tmp_path / "site")
    objective = tmp_path / "site" / urls.objective("town-safer-streets") / "index.html"
    assert f"<dd>2{NBSP}500{NBSP}000{NBSP}kr</dd>" in objective.read_text("utf-8")
