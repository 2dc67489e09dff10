# Guichet KB: `make start` serves the demo site, `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV_EXCLUDE_NEWER := 2026-09-11T00:00:00Z
UV ?= $(shell command -v uv || echo .venv/bin/uv)

.PHONY: help install start cluster test lint bench bench-import bench-cluster bench-dashboard bench-appointments bench-queue bench-queue-replay constraints i18n clean backup restore migrate

help:
	@echo "make install      create .venv and install everything, pinned by constraints.txt"
	@echo "make start        install everything and serve the demo site (Ctrl-C stops)"
	@echo "make cluster      serve the demo scaled out: PostgreSQL/RelStorage, 2 instances, HAProxy, Varnish (Ctrl-C stops)"
	@echo "make test         run the whole test suite"
	@echo "make lint         ruff: lint (pyflakes, pycodestyle, import order) and format check"
	@echo "make bench        search latency and relevance tables; public site vs Classic UI throughput"
	@echo "make bench-import import the full 2020 Service-Public catalogue and print figures"
	@echo "make bench-cluster the cluster measured: 1 vs N instances, Varnish, 50 agents, memory, migration and backups"
	@echo "make bench-dashboard the dashboard on two years of generated activity (50 agents): latency, daily job, storage"
	@echo "make bench-appointments @slots for a month of 6 counters; 50 bookers racing for 20 slots (each booked exactly once)"
	@echo "make bench-queue  300 tickets an hour on 10 counters, 500 tracking pages, the notice job (none lost, notices on time)"
	@echo "make bench-queue-replay a simulated day at one desk: the estimate's error and the notices 8-12 min before the call"
	@echo "make constraints  regenerate constraints.txt and versions.cfg (pinned at the Plone 6.2.2 release)"
	@echo "make i18n         refresh the .pot, merge and compile the French catalogue"
	@echo "make backup       a full backup into var/backups (STORAGE=filestorage|relstorage, KEEP=N, BACKUP_DIR=…)"
	@echo "make restore      BACKUP=<backup directory>: restore it (the site stopped; storage read from the backup)"
	@echo "make migrate      move the make start site (FileStorage + blobs) into the cluster's RelStorage"
	@echo "make clean        remove .venv and build artefacts"

install:
	bash scripts/install.sh

start:
	bash scripts/start.sh

cluster:
	bash scripts/cluster.sh

test: install
	bash scripts/test.sh

bench: install
	bash scripts/bench.sh

bench-import: install
	bash scripts/bench_import.sh

bench-cluster: install
	bash scripts/bench_cluster.sh

bench-dashboard: install
	bash scripts/bench_dashboard.sh

bench-appointments: install
	bash scripts/bench_appointments.sh

bench-queue: install
	bash scripts/bench_queue.sh

bench-queue-replay: install
	PYTHONPATH=src .venv/bin/python bench/queue_replay.py && PYTHONPATH=src .venv/bin/python bench/queue_study.py

# Reproducible pins: nothing newer than the day after Plone 6.2.2 was released,
# one universal resolution for Python 3.10-3.13 (markers where they differ).
constraints:
	$(UV) pip compile setup.py --extra plone --extra test --extra cluster --extra buildout --universal --python-version 3.10 \
	  --exclude-newer $(UV_EXCLUDE_NEWER) --no-emit-package guichet_kb -o constraints.txt
	.venv/bin/python scripts/versions_cfg.py constraints.txt > versions.cfg

i18n: install
	bash scripts/i18n.sh

clean:
	rm -rf .venv build dist src/*.egg-info

# Backups and the move to RelStorage (README "Backups"): guichet_kb.cluster.backups.
BACKUPS = PYTHONPATH=$(CURDIR)/src .venv/bin/python -m guichet_kb.cluster.backups

backup:
	$(BACKUPS) backup

restore:
	$(BACKUPS) restore "$(BACKUP)"

migrate:
	$(BACKUPS) migrate

lint: install
	bash scripts/lint.sh
