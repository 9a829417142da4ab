# newsclean: `make run` cleans seeds/ into output/, `make test` runs the whole suite.
# Both create the virtual environment in .venv on first use.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
OUT    ?= output

.PHONY: run test schemas months bench clean help

help:
	@echo "make run      create .venv, install, clean seeds/ into $(OUT)/ and print a summary"
	@echo "make test     create .venv, install with test extras, run the whole test suite"
	@echo "make schemas  regenerate schemas/ and the README's column tables from the record models"
	@echo "make months   regenerate src/newsclean/rules/months.json, the month names, from CLDR through Babel"
	@echo "make bench    run the benchmarks (needs ../shared/eval data; throughput takes ~10 minutes)"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,ray]'
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(VENV)/bin/newsclean run seeds --out $(OUT) --no-progress

test: $(VENV)/.installed-test
	$(PY) -m pytest

schemas: $(VENV)/.installed-run
	$(VENV)/bin/newsclean schema --out schemas
	$(VENV)/bin/newsclean schema --readme README.md

months: $(VENV)/.installed-test
	$(PY) -c "from newsclean.rules.calendar import write_month_file; write_month_file()"

bench: $(VENV)/.installed-test
	$(PY) benchmarks/quality.py
	$(PY) benchmarks/dates.py
	$(PY) benchmarks/read_formats.py
	$(PY) benchmarks/throughput.py

clean:
	rm -rf $(OUT)/*.parquet $(OUT)/*.json .pytest_cache
