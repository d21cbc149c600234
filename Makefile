# Two commands for a fresh machine (Python 3.11+ and make):
#   make serve   set up, build the sample portal into site/ and serve it at http://127.0.0.1:8000/
#   make test    set up (.venv, Debian's chromium, strace and WeasyPrint's libraries, the Nu Html
#                Checker, Lighthouse), then run ruff, mypy and the whole test suite
VENV := .venv
BIN := $(VENV)/bin
# The oldest Debian Chromium the browser tests are known to pass with.
CHROMIUM_MIN := 120
# The Nu Html Checker (the W3C's validator) from npm, run with Debian's Java.
VNU_VERSION := 26.9.27
VNU_JAR := .tools/node_modules/vnu-jar/build/dist/vnu.jar
# Lighthouse from npm, run with Debian's Chromium: accessibility and SEO of a page of each kind.
LIGHTHOUSE_VERSION := 12.2.3
LIGHTHOUSE := .tools/node_modules/lighthouse/cli/index.js

.PHONY: serve build test lint messages chromium weasyprint strace

# Every package at the exact version in constraints.txt: CI passes the same way tomorrow.
# Quietly: setuptools' notes on editable installs say nothing a publisher can act on.
PIP := PYTHONWARNINGS=ignore $(BIN)/pip --quiet --quiet --disable-pip-version-check

$(BIN)/okr-portal: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PIP) install --upgrade pip -c constraints.txt
	$(PIP) install -e ".[test]" -c constraints.txt
	touch $@

serve: build
	$(BIN)/okr-portal serve --project .

build: $(BIN)/okr-portal weasyprint
	$(BIN)/okr-portal build --project . --out site

lint: $(BIN)/okr-portal
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

# The browser tests need Debian's Chromium (never a downloaded browser), checked by version.
chromium:
	.ci/chromium $(CHROMIUM_MIN)

# A build makes PDF reports with WeasyPrint, which loads Debian's Pango (never a downloaded font).
weasyprint: $(BIN)/okr-portal
	.ci/weasyprint $(BIN)/python

# tests/charts/test_fonts.py traces the files a chart drawing opens with Debian's strace.
strace:
	.ci/strace

$(VNU_JAR):
	.ci/java
	npm install --silent --no-audit --no-fund --prefix .tools vnu-jar@$(VNU_VERSION)

$(LIGHTHOUSE):
	npm install --silent --no-audit --no-fund --save-exact --prefix .tools lighthouse@$(LIGHTHOUSE_VERSION)

test: lint chromium weasyprint strace $(VNU_JAR) $(LIGHTHOUSE)
	$(BIN)/python -m pytest

# Extract the portal's own words and merge them into every catalogue; then translate the new ones.
messages: $(BIN)/okr-portal
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location --sort-output -w 200 -o .messages.pot .
	$(BIN)/pybabel update -i .messages.pot -d generator/i18n/locales --no-fuzzy-matching --ignore-obsolete -w 200
	rm .messages.pot
