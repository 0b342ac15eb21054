# Hai lệnh chính / the two main commands:
#   make lab    cài đặt (lần đầu) rồi mở JupyterLab / install (first time) and open JupyterLab
#   make test   cài đặt kèm công cụ kiểm thử rồi chạy toàn bộ kiểm thử / install with test tools and run every test
# Khác / more: make demo · make data · make labs · make grade · make bench · make lint · make clean

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEED   := 2026
# JupyterLab từ chối chạy bằng root nếu thiếu --allow-root / JupyterLab refuses root without it.
ROOT_FLAG := $(shell [ "$$(id -u)" = "0" ] && echo --allow-root)

.PHONY: lab test demo data bench lint clean install install-test install-lecturer labs grade

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
	  { echo "Cần Python ≥ 3.10 / Python 3.10 or newer is needed"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "Không tạo được môi trường ảo. Trên Debian/Ubuntu: sudo apt install python3-venv"; \
	  echo "Could not create the virtual environment. On Debian/Ubuntu: sudo apt install python3-venv"; \
	  rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.installed

$(VENV)/.installed-lecturer: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lecturer]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
install-lecturer: $(VENV)/.installed-lecturer

lab: $(VENV)/.installed
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)"

# Bảng điều khiển của giảng viên như một ứng dụng web (Voilà) / the lecturer's dashboard as a web app.
demo: $(VENV)/.installed-lecturer
	$(BIN)/voila notebooks/bang_dieu_khien_giang_vien.ipynb --theme=light \
	  --VoilaConfiguration.file_allowlist="['.*']" --Voila.ip=127.0.0.1

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# Tạo lại bộ dữ liệu đi kèm, giống hệt từng byte / regenerate the shipped datasets, byte for byte.
data: $(VENV)/.installed
	$(BIN)/python -m sim run --scenario default --seed $(SEED) --out datasets --format csv
	$(BIN)/python -m sim describe --readme --seed $(SEED) > datasets/README.md

# Bài thực hành (nbgrader, chạy trong exercises/) / labs (nbgrader, run in exercises/).
# nbgrader gọi alembic trong .venv/bin nên PATH phải có thư mục đó / nbgrader calls alembic from .venv/bin.
NBGRADER := cd exercises && PATH="$(CURDIR)/$(BIN):$$PATH" nbgrader
LAB ?= $(notdir $(patsubst %/,%,$(wildcard exercises/source/*/)))

# Tạo bản cho sinh viên từ bản có lời giải / generate the student copies from the solution notebooks.
labs: $(VENV)/.installed-lecturer
	@set -e; for lab in $(LAB); do $(NBGRADER) generate_assignment $$lab --force --log-level=WARN; done
	@echo "Bản cho sinh viên ở exercises/release/ / student copies are in exercises/release/"

# Chấm tự động các bài nộp trong exercises/submitted/ rồi xuất điểm / autograde the submissions and export grades.
grade: $(VENV)/.installed-lecturer
	@set -e; for lab in $(LAB); do ECRM_GRADING=1 $(NBGRADER) autograde $$lab --force --log-level=WARN; done
	$(NBGRADER) export --to diem.csv --log-level=WARN
	@echo "Điểm ở exercises/diem.csv / grades are in exercises/diem.csv"

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_simulator.py
	$(BIN)/python benchmarks/bench_notebooks.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
