# Remote GP: every target sets up what it needs on a fresh Debian machine.
#   make test      the whole test suite, inside real headless QGIS (after test-core)
#   make test-core the tests that need no QGIS, in plain Python on PyPI's shapely 2.0 and 2.1 wheels
#   make lint      ruff (lint and format check) and mypy, as configured in pyproject.toml
#   make format    ruff's import order and formatter, applied to every file
#   make mutation  mutants of the modules in tests/mutation/*.toml: do the tests notice a wrong change?
#   make fuzz      every decoder of server bodies fuzzed with Hypothesis, at least 100,000 inputs
#   make interop   Esri's ArcGIS API for Python against the reference server, compared with gp_core
#   make bench     gp_core's speed beside GDAL, QGIS and Esri's client, and polling, provider start, layers
#   make demo      the three seed workflows against the built-in local GP server
#   make package   dist/remote_gp-<version>.zip, installable with "Install from ZIP"
#   make i18n      update i18n/*.ts from the sources and compile them
#   make screenshots  the README's pictures, in ui/screenshots
#   make clean     remove everything the targets above made

SHELL := /bin/bash
.DEFAULT_GOAL := test

SYSTEM_PYTHON := /usr/bin/python3
VENV := .venv
PYTHON := $(VENV)/bin/python
BUILD := .build
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
# libgeos-dev, build-essential, python3-dev: .venv's shapely is built on the system's GEOS (requirements-dev.txt);
# python3-pip: users install the plugin's dependencies for QGIS's Python with it; python3-matplotlib: make bench's chart.
DEBIAN_PACKAGES := qgis python3-qgis qgis-providers python3-gdal python3-venv qttools5-dev-tools pyqt5-dev-tools \
	xvfb xauth libgeos-dev build-essential python3-dev python3-pip python3-matplotlib
# Venvs for the tests that need no QGIS, each on one wheel shapely: requirements-core-<name>.txt.
CORE_VENVS := $(BUILD)/core-shapely2.0 $(BUILD)/core-shapely2.1
# Esri's ArcGIS API for Python and gp_core side by side (requirements-interop.txt).
INTEROP := $(BUILD)/interop
# pygeoapi, the OGC API - Processes server of the tests (tests/ogc_server, requirements-pygeoapi.txt).
OGC_VENV := $(BUILD)/pygeoapi
# Files and folders of the installed plugin (everything else is for development).
PLUGIN_FILES := metadata.txt __init__.py plugin.py LICENSE README.md gp_core bridge ui i18n
LANGUAGES := fr de
TS_FILES := $(LANGUAGES:%=i18n/remote_gp_%.ts)

export QT_QPA_PLATFORM := offscreen

.PHONY: test test-core lint format fuzz interop bench demo package clean i18n screenshots

# Outside tests/qgis and tests/executables, no test needs QGIS. They run in each core venv, all of
# them even when one fails; QGIS and Qt cannot be imported there (tests/without_qgis.py), so a test
# that needed them would fail.
define core_tests
status=0; for venv in $(CORE_VENVS); do \
  echo "== $$venv: $$($$venv/bin/python -c 'import shapely; print("shapely", shapely.__version__, "on GEOS", shapely.geos_version_string)')"; \
  if $$venv/bin/python -c 'import qgis' 2>/dev/null; then echo "ERROR: $$venv can import QGIS"; status=1; \
  else echo "   QGIS: $$($$venv/bin/python -c 'import qgis' 2>&1 | tail -n 1)"; fi; \
  $$venv/bin/python -m pytest tests --ignore=tests/qgis --ignore=tests/executables || status=1; \
done; exit $$status
endef

test: $(VENV)/.ready $(CORE_VENVS:%=%/.ready) $(OGC_VENV)/.ready
	$(core_tests)
	rm -rf tests/.qgis-settings  # pytest-qgis's QGIS profile: every run starts from a fresh one
	$(PYTHON) -m pytest tests

test-core: $(CORE_VENVS:%=%/.ready) $(OGC_VENV)/.ready
	$(core_tests)

# All three run, even when one fails. mypy's packages (gp_core strict, bridge's calls into it) are
# named in pyproject.toml; it reads them through .build/plugins/remote_gp, which .venv's recipe links.
lint: $(VENV)/.ready
	status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check --output-format concise . || status=1; \
	$(VENV)/bin/mypy || status=1; \
	exit $$status

format: $(VENV)/.ready
	$(VENV)/bin/ruff check --fix --select I .
	$(VENV)/bin/ruff format .

# tests/fuzz with Hypothesis's "fuzz" profile: random inputs, counted and timed at the end (the
# short profile runs in `make test`). No QGIS is needed: pytest-qgis stays out. The per-test limits
# of tests/pytest.ini are for the short runs; here each test runs thousands of inputs.
fuzz: $(VENV)/.ready
	$(PYTHON) -m pytest tests/fuzz -p no:pytest_qgis --hypothesis-profile=fuzz -o timeout=3600 \
	  -o faulthandler_timeout=3900 -q

# tests/interop in .build/interop's pytest, gp_core through .build/plugins (linked by .venv's recipe).
# The reference server runs in .venv: it needs Debian's GDAL, which numpy 2 would break.
interop: $(VENV)/.ready $(INTEROP)/.ready
	PYTHONPATH=$(CURDIR)/$(BUILD)/plugins $(INTEROP)/bin/python -m pytest tests/interop

# tests/bench/run.py: every measurement in a process of its own, on workloads generated once into
# .build/bench; the table in .build/bench/results.md (and printed), the chart in .build/bench/ratios.png.
# Not part of `make test`. A quick run: make bench BENCH_ARGS="--workloads small --repeats 1".
bench: $(VENV)/.ready $(INTEROP)/.ready
	$(PYTHON) tests/bench/run.py $(BENCH_ARGS)

demo: $(VENV)/.ready $(OGC_VENV)/.ready
	$(PYTHON) tests/demo/run_demo.py demo-output

# Mutation testing (tests/mutation): would the tests notice a wrong change in the code? Each mutant of each
# module in tests/mutation/*.toml runs that module's tests. MODULES=gp_core/units.py runs some modules only,
# JOBS=2 runs two mutants at once. Results in .build/mutation/.
.PHONY: mutation
mutation: $(VENV)/.ready $(BUILD)/core-shapely2.1/.ready
	$(SYSTEM_PYTHON) tests/mutation/mutate.py $(if $(JOBS),--jobs $(JOBS)) $(MODULES)

package: $(BUILD)/system.ok
	rm -rf $(BUILD)/package dist/remote_gp-$(VERSION).zip
	mkdir -p $(BUILD)/package/remote_gp dist
	git ls-files -co --exclude-standard -- $(PLUGIN_FILES) | grep -v -e '\.ts$$' -e '^ui/screenshots/' \
	  | xargs -I{} cp --parents {} $(BUILD)/package/remote_gp/
	mkdir -p $(BUILD)/package/remote_gp/i18n
	for ts in $(TS_FILES); do \
	  lrelease -silent $$ts -qm $(BUILD)/package/remote_gp/i18n/$$(basename $$ts .ts).qm || exit 1; done
	cd $(BUILD)/package && $(SYSTEM_PYTHON) -m zipfile -c ../../dist/remote_gp-$(VERSION).zip remote_gp/
	@echo "Built dist/remote_gp-$(VERSION).zip"

# Pictures for the README, taken offscreen in real QGIS against the reference server.
screenshots: $(VENV)/.ready
	$(PYTHON) tests/demo/screenshots.py ui/screenshots

# Translations: the strings of the QGIS side into i18n/*.ts (kept), compiled to .qm (never committed).
i18n: $(BUILD)/system.ok
	pylupdate5 -noobsolete $$(git ls-files -co --exclude-standard -- __init__.py plugin.py bridge ui \
	  | grep '\.py$$') -ts $(TS_FILES)
	lrelease -silent $(TS_FILES)

clean:
	rm -rf $(VENV) $(BUILD) dist demo-output tests/.qgis-settings tests/.pytest_cache i18n/*.qm
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# Debian's QGIS, GDAL, Qt tools and what building shapely takes: installed when root, otherwise named.
# Checked again when this file changes (the list may have grown); the venvs do not depend on its date.
$(BUILD)/system.ok: Makefile
	@if ! $(SYSTEM_PYTHON) -c 'import qgis.core, osgeo.gdal, ensurepip, pip, matplotlib' 2>/dev/null \
	    || ! command -v lrelease >/dev/null || ! command -v pylupdate5 >/dev/null \
	    || ! command -v xvfb-run >/dev/null || ! command -v geos-config >/dev/null \
	    || ! command -v gcc >/dev/null || ! command -v python3-config >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages: $(DEBIAN_PACKAGES)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq --no-install-recommends $(DEBIAN_PACKAGES); \
	  else \
	    echo "Remote GP needs Debian's QGIS packages. Install them, then run make again:"; \
	    echo "  sudo apt-get install --no-install-recommends $(DEBIAN_PACKAGES)"; \
	    exit 1; \
	  fi; \
	fi
	@mkdir -p $(BUILD) && touch $@

# $(call venv,folder,requirements file,more folders for its sys.path): a venv made afresh (never
# pip's "already satisfied" over an older one) that sees Debian's QGIS, GDAL and numpy; the plugin
# is importable in it as `remote_gp`, the name QGIS installs it under, through a link in .build/plugins.
define venv
rm -rf $(1)
$(SYSTEM_PYTHON) -m venv --system-site-packages $(1)
$(1)/bin/python -m pip install -q --disable-pip-version-check -r $(2)
mkdir -p $(BUILD)/plugins && ln -sfn $(CURDIR) $(BUILD)/plugins/remote_gp
printf '%s\n' $(3) $(CURDIR)/$(BUILD)/plugins \
  > "$$($(1)/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/remote_gp_dev.pth"
endef

# .venv's shapely must run on the system's GEOS and bring none of its own (auditwheel's shapely.libs
# folder): in the QGIS executables two GEOS crash QGIS. Checked, as make must fail loudly otherwise.
$(VENV)/.ready: requirements.txt requirements-core.txt requirements-dev.txt | $(BUILD)/system.ok
	$(call venv,$(VENV),requirements-dev.txt,/usr/share/qgis/python/plugins)
	@system=$$(geos-config --version); \
	geos=$$($(PYTHON) -c 'import shapely; print(shapely.geos_version_string)'); \
	bundled=$$($(PYTHON) -c 'import pathlib, shapely; print(*pathlib.Path(shapely.__file__).parents[1].glob("[Ss]hapely.libs"))'); \
	if [ "$$geos" != "$$system" ] || [ -n "$$bundled" ]; then \
	  printf '%s\n' >&2 \
	    "ERROR: $(VENV)'s shapely was built on GEOS $$geos$${bundled:+ and brings its own GEOS in $$bundled}," \
	    "not on the system's GEOS $$system only: the QGIS executables would crash on polygons." \
	    "It must be built from source (--no-binary shapely in requirements-dev.txt). If pip's cache holds" \
	    "a build on another GEOS, run  $(PYTHON) -m pip cache remove shapely  and make again."; \
	  exit 1; \
	fi
	touch $@

# No system site packages (their numpy 1.24 and arcgis's numpy 2 cannot meet), and --no-deps: the
# requirements file lists the whole venv.
$(INTEROP)/.ready: requirements-interop.txt | $(BUILD)/system.ok
	rm -rf $(INTEROP)
	$(SYSTEM_PYTHON) -m venv $(INTEROP)
	$(INTEROP)/bin/python -m pip install -q --disable-pip-version-check --no-deps -r requirements-interop.txt
	touch $@

# Like the interop venv: no system site packages (pygeoapi's numpy 2, rasterio, pyproj and shapely are
# its own), --no-deps (the requirements file is the whole venv). tests/ogc_server runs in it.
$(OGC_VENV)/.ready: requirements-pygeoapi.txt | $(BUILD)/system.ok
	rm -rf $(OGC_VENV)
	$(SYSTEM_PYTHON) -m venv $(OGC_VENV)
	$(OGC_VENV)/bin/python -m pip install -q --disable-pip-version-check --no-deps -r requirements-pygeoapi.txt
	touch $@

# The core venvs: no QGIS (tests/without_qgis.py, imported by a .pth file at every start of Python).
$(BUILD)/core-%/.ready: requirements-core-%.txt requirements-core.txt requirements.txt tests/without_qgis.py \
		| $(BUILD)/system.ok
	$(call venv,$(@D),$<)
	site=$$($(@D)/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'); \
	cp tests/without_qgis.py "$$site/remote_gp_without_qgis.py" && \
	echo "import remote_gp_without_qgis" > "$$site/remote_gp_without_qgis.pth"
	touch $@
