# Remote GP: every target sets up what it needs on a fresh Debian machine.
#   make test      the whole test suite, inside real headless QGIS
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
DEBIAN_PACKAGES := qgis python3-qgis qgis-providers python3-gdal python3-venv qttools5-dev-tools pyqt5-dev-tools \
	xvfb xauth
# Files and folders of the installed plugin (everything else is for development).
PLUGIN_FILES := metadata.txt __init__.py plugin.py LICENSE README.md gp_core bridge ui i18n
PLUGIN_PY := __init__.py plugin.py gp_core bridge ui
LANGUAGES := fr de
TS_FILES := $(LANGUAGES:%=i18n/remote_gp_%.ts)

export QT_QPA_PLATFORM := offscreen

.PHONY: test demo package clean i18n screenshots

test: $(VENV)/.ready
	$(PYTHON) -m pyflakes $(PLUGIN_PY) tests
	rm -rf tests/.qgis-settings  # pytest-qgis's QGIS profile: every run starts from a fresh one
	$(PYTHON) -m pytest tests

demo: $(VENV)/.ready
	$(PYTHON) tests/demo/run_demo.py demo-output

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
	rm -rf $(VENV) $(BUILD) dist demo-output tests/.qgis-settings i18n/*.qm
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# Debian's QGIS, GDAL and Qt tools: installed when root, otherwise named.
$(BUILD)/system.ok:
	@if ! $(SYSTEM_PYTHON) -c 'import qgis.core, osgeo.gdal, ensurepip' 2>/dev/null \
	    || ! command -v lrelease >/dev/null || ! command -v pylupdate5 >/dev/null \
	    || ! command -v xvfb-run >/dev/null; then \
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

# The venv sees Debian's QGIS and GDAL; the plugin is importable as `remote_gp`,
# the name QGIS installs it under, through a link in .build/plugins.
$(VENV)/.ready: requirements.txt requirements-dev.txt $(BUILD)/system.ok
	$(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	$(PYTHON) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	mkdir -p $(BUILD)/plugins && ln -sfn $(CURDIR) $(BUILD)/plugins/remote_gp
	printf '%s\n' /usr/share/qgis/python/plugins $(CURDIR)/$(BUILD)/plugins \
	  > "$$($(PYTHON) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/remote_gp_dev.pth"
	touch $@
