# The outlet-framing workbook. Two commands on a fresh Debian machine:
#   make report   set up (venv + Debian packages), execute every notebook, write reports/*.html|pdf
#   make test     set up, then run the test suite
# Also: make lab (JupyterLab on 127.0.0.1 with a token), make bench, make clean.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JUPYTER := $(VENV)/bin/jupyter
STAMP := $(VENV)/.installed
SYSSTAMP := $(VENV)/.system-deps
# Notebooks in run order: 01..05, then 00-findings (it reads what the others concluded).
NOTEBOOKS := $(filter-out notebooks/00-findings.ipynb,$(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))) $(wildcard notebooks/00-findings.ipynb)
EXPORT_FLAGS := --TagRemovePreprocessor.enabled=True \
	--TagRemovePreprocessor.remove_input_tags='["setup","hide-input"]' \
	--TagRemovePreprocessor.remove_cell_tags='["remove"]'

.PHONY: setup venv system report notebooks readme html pdf test lab bench clean

setup: venv system

venv: $(STAMP)
$(STAMP): requirements.txt $(wildcard templates/workbook/*) scripts/setup-venv.sh scripts/lab-overrides.json
	bash scripts/setup-venv.sh "$(PYTHON)" "$(VENV)"
	touch $@

system: $(SYSSTAMP)
$(SYSSTAMP): scripts/system-deps.sh | $(STAMP)
	bash scripts/system-deps.sh
	touch $@

# Execute every notebook in a fresh kernel and save it (execution counts 1..N), one at a time
# (kernels started in parallel can race for ports and hang), 01-05 then 00-findings.
# scripts/run_notebooks.py stops a cell that gives no reply within CELL_TIMEOUT seconds with an
# error naming notebook and cell, and saves byte-stable files (unchanged re-run = unchanged file).
CELL_TIMEOUT ?= 300
notebooks: setup
	@NB_CELL_TIMEOUT=$(CELL_TIMEOUT) $(PY) scripts/run_notebooks.py --inplace $(NOTEBOOKS)

# README's findings block (between <!-- findings --> and <!-- /findings -->) is copied from the
# executed 00-findings notebook, never typed; tests/test_findings.py fails when they differ.
readme: setup
	@$(PY) scripts/findings_to_readme.py

html: setup
	@mkdir -p reports
	@printf '%s\n' $(NOTEBOOKS) | xargs -P 2 -I{} $(JUPYTER) nbconvert --log-level=ERROR --to html $(EXPORT_FLAGS) --output-dir reports {}

# Reader PDFs through nbconvert's LaTeX route with templates/reader (scripts/build_reports.py):
# no code, a title page, contents, numbered figures and tables, evidence in an appendix;
# reports/findings.pdf is the compact findings (no separate 00-findings.pdf). The LaTeX and the
# xelatex logs stay in reports/latex/. Then the layout check (scripts/check_pdfs.py): nothing in
# the right margin, no raster chart, no code, no large overfull box; it fails the build if not.
# (JupyterLab's File > Export keeps the workbook template, code included.)
pdf: setup
	@mkdir -p reports
	@$(PY) scripts/build_reports.py --out-dir reports --build-dir reports/latex $(NOTEBOOKS)
	@$(PY) scripts/check_pdfs.py --notebooks notebooks --logs reports/latex \
	  $(patsubst notebooks/%.ipynb,reports/%.pdf,$(filter-out notebooks/00-findings.ipynb,$(NOTEBOOKS))) \
	  $(if $(filter notebooks/00-findings.ipynb,$(NOTEBOOKS)),reports/findings.pdf)

report: notebooks readme html pdf
	@ls -1 reports/*.pdf reports/*.html

test: setup
	$(PY) -m pytest -q

# JupyterLab on 127.0.0.1 with a token, rooted at the repository (README, data/ and notebooks/ in
# reach); --allow-root only when run as root. PORT=8888 by default (the next free one if taken).
lab: setup
	@bash scripts/lab.sh

# The evaluation and speed benchmarks (train_target_model.py, ~5 min, is run by hand).
BENCHMARKS := segmentation quotes_ggt sides_eval vader_nyt target_sentiment stages throughput
bench: setup
	@for b in $(BENCHMARKS); do echo "== benchmarks/$$b.py"; $(PY) benchmarks/$$b.py || exit 1; done

clean:
	rm -rf reports data/processed .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
