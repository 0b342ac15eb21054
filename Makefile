# Hai lệnh chính / the two main commands:
#   make lab    cài đặt (lần đầu) rồi mở JupyterLab / install (first time) and open JupyterLab
#   make test   cài đặt kèm công cụ kiểm thử rồi chạy toàn bộ kiểm thử / install with test tools and run every test
# Khác / more: make run ARGS=… · make demo · make data · make labs · make grade · make report · make test-browser · make bench
#   · make lint · make clean
# Giảng viên / lecturers: make slides · make handouts · make quiz · make keys · make kit (exercises/giang_vien/README.md)
# Lớp học / a class: make secret · make packs · make grade · make calibrate (exercises/README.md)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEED   := 2026
# JupyterLab từ chối chạy bằng root nếu thiếu --allow-root / JupyterLab refuses root without it.
ROOT_FLAG := $(shell [ "$$(id -u)" = "0" ] && echo --allow-root)

.PHONY: lab run test demo data bench lint clean install install-test install-lecturer labs grade report test-browser hooks \
        slides handouts quiz keys kit secret packs calibrate

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
	  { echo "Cần Python ≥ 3.10 / Python 3.10 or newer is needed"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "Không tạo được môi trường ảo. Trên Debian/Ubuntu: sudo apt install python3-venv"; \
	  echo "Could not create the virtual environment. On Debian/Ubuntu: sudo apt install python3-venv"; \
	  rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

# Mã bytecode của gói được dịch sẵn lúc cài, như pip làm khi cài một gói thường: lệnh đầu tiên không phải dịch
# mã nguồn, kể cả khi Python không được ghi bytecode (PYTHONDONTWRITEBYTECODE), khoảng 0,08 s mỗi lần chạy.
# The package's bytecode is compiled at install, as pip does for a regular install: no run compiles the source,
# even where Python may not write bytecode (PYTHONDONTWRITEBYTECODE), about 0.08 s of every run.
COMPILE := $(BIN)/python -m compileall -q sim

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(COMPILE)
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(COMPILE)
	@touch $@ $(VENV)/.installed

$(VENV)/.installed-lecturer: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lecturer]"
	$(COMPILE)
	@touch $@ $(VENV)/.installed

$(VENV)/.installed-browser: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,browser,lecturer]"
	$(COMPILE)
	@touch $@ $(VENV)/.installed $(VENV)/.installed-test $(VENV)/.installed-lecturer

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
install-lecturer: $(VENV)/.installed-lecturer

# share/jupyter/lab/settings/overrides.json: JupyterLab không hỏi "nhận tin tức Jupyter?" lúc mở lần đầu, không hỏi bản mới.
# share/jupyter/lab/settings/overrides.json: JupyterLab asks neither about Jupyter news nor about updates on first start.
lab: $(VENV)/.installed
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" --LabApp.app_settings_dir="$(CURDIR)/share/jupyter/lab/settings"

# Chạy bộ mô phỏng bằng Python của .venv, không cần kích hoạt môi trường / run the simulator with .venv's Python:
#   make run ARGS="run --scenario default --seed 2026 --out out/"      make run ARGS="validate kich_ban.yaml"
ARGS ?= --help
run: $(VENV)/.installed
	$(BIN)/python -m sim $(ARGS)

# Bảng điều khiển của giảng viên như một ứng dụng web (Voilà) / the lecturer's dashboard as a web app.
# Mẫu ecrm (share/jupyter/voila/templates/ecrm) là mẫu lab không tải gì từ Internet, chạy được khi mất mạng.
# The ecrm template (share/jupyter/voila/templates/ecrm) is the lab template without requests to the Internet.
# share/jupyter/voila/voila.py: rời trang thì nhân dừng, nhân bị bỏ rơi bị dọn sau 10 phút, tối đa 4 nhân.
# share/jupyter/voila/voila.py: leaving the page stops its kernel, abandoned kernels are culled after 10 minutes, 4 at most.
demo: $(VENV)/.installed-lecturer
	JUPYTER_PATH="$(CURDIR)/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH}" $(BIN)/voila notebooks/bang_dieu_khien_giang_vien.ipynb \
	  --Voila.ip=127.0.0.1 --template=ecrm --theme=light "--Voila.config_file_paths=$(CURDIR)/share/jupyter/voila"

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

# Kiểm thử đầu-cuối trong Chromium thật (JupyterLab và Voilà) / end-to-end tests in a real Chromium (JupyterLab and Voilà).
# Dùng Chromium của Debian, cài bằng apt nếu thiếu; không bao giờ `playwright install`.
# Uses Debian's Chromium, installed with apt when missing; never `playwright install`.
test-browser: $(VENV)/.installed-browser
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; else SUDO=none; fi; \
	  if [ "$$SUDO" = none ] || ! command -v apt-get >/dev/null 2>&1 || \
	     ! { $$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }; then \
	    echo "Không cài được Chromium. Hãy cài gói chromium (Debian/Ubuntu: sudo apt-get install chromium) rồi chạy lại."; \
	    echo "Could not install Chromium. Install the chromium package (Debian/Ubuntu: sudo apt-get install chromium) and run again."; \
	    exit 1; fi; }
	ECRM_BROWSER_TESTS=1 $(BIN)/python -m pytest tests/browser

# Kiểm tra trước mỗi commit (ruff, hợp đồng tầng, sổ tay sạch) / pre-commit hooks (ruff, layer contract, clean notebooks).
hooks: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet "pre-commit>=3.5,<5"
	$(BIN)/pre-commit install

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Tạo lại bộ dữ liệu đi kèm, giống hệt từng byte / regenerate the shipped datasets, byte for byte.
# Chỉ lệnh này được ghi đè datasets/ (cờ --overwrite-shipped) / only this target may overwrite datasets/.
data: $(VENV)/.installed
	$(BIN)/python -m sim run --scenario default --seed $(SEED) --out datasets --format csv --overwrite-shipped
	$(BIN)/python -m sim describe --readme --seed $(SEED) > datasets/README.md
	$(BIN)/python -m sim realism --data datasets > datasets/REALISM.md

# Bài thực hành (nbgrader, chạy trong exercises/) / labs (nbgrader, run in exercises/).
# nbgrader gọi alembic trong .venv/bin nên PATH phải có thư mục đó / nbgrader calls alembic from .venv/bin.
NBGRADER := PATH="$(CURDIR)/$(BIN):$$PATH" nbgrader
LAB ?= $(notdir $(patsubst %/,%,$(wildcard exercises/source/*/)))

# Tạo bản cho sinh viên từ bản có lời giải / generate the student copies from the solution notebooks.
# Bản cũ được xóa trước, nên nbgrader không in "Removing existing assignment" cho mỗi bài; nbgrader_config.py bỏ các
# cảnh báo vô hại (xem tệp đó). / The old copies are removed first, so nbgrader prints no "Removing existing assignment"
# per lab; nbgrader_config.py drops the harmless warnings (see that file).
labs: $(VENV)/.installed-lecturer
	@set -e; cd exercises; for lab in $(LAB); do rm -rf "release/$$lab"; $(NBGRADER) generate_assignment $$lab --force --log-level=WARN; done
	@echo "Bản cho sinh viên ở exercises/release/ / student copies are in exercises/release/"

# Lớp học: mỗi sinh viên một cửa hàng / a class: every student their own shop (exercises/README.md).
#   make secret                       tạo bí mật của lớp (không bao giờ ghi đè) / the class's secret (never overwritten)
#   make packs [CUSTOMERS=N]          một gói zip cho mỗi sinh viên của $(LOP)/danh_sach.csv / one zip per student
#   make grade                        chấm trên cửa hàng riêng của từng sinh viên nếu có $(LOP)/goi/lop_hoc.json
#   make calibrate [SHOPS=60]         đo dải điểm của các câu ước lượng / measure the estimate questions' bands
# LOP là thư mục của lớp, không commit (.gitignore) / LOP is the class's folder, never committed.
LOP ?= lop
SECRET_FILE ?= $(LOP)/bi_mat.txt
ROSTER ?= $(LOP)/danh_sach.csv
PACKS ?= $(LOP)/goi
CLASS_RECORD := $(PACKS)/lop_hoc.json
SHOPS ?= 60
CLASSROOM := $(BIN)/python -m sim.classroom
secret: $(VENV)/.installed
	$(CLASSROOM) secret --out "$(SECRET_FILE)"
packs: $(VENV)/.installed
	$(CLASSROOM) packs --secret "$(SECRET_FILE)" --roster "$(ROSTER)" --out "$(PACKS)" $(if $(CUSTOMERS),--customers $(CUSTOMERS))
calibrate: $(VENV)/.installed-lecturer
	$(KIT) calibrate --shops $(SHOPS) --jobs 2 $(if $(CUSTOMERS),--customers $(CUSTOMERS))

# Chấm tự động các bài nộp trong exercises/submitted/ rồi xuất điểm / autograde the submissions and export grades.
# Có bản ghi lớp ($(LOP)/goi/lop_hoc.json): mỗi bài được chấm trên cửa hàng của chính sinh viên, tạo lại từ bí mật; điểm
# từng câu cho Moodle, Canvas và phân tích câu hỏi ở $(LOP)/diem/. Không có: chấm trên cửa hàng mẫu (chỉ để thử).
# With a class record, each submission is graded on its student's own shop, rebuilt from the secret.
grade: $(VENV)/.installed-lecturer
	@set -e; if [ -f "$(CLASS_RECORD)" ]; then \
	  $(CLASSROOM) check --secret "$(SECRET_FILE)" --class "$(CLASS_RECORD)" --submitted exercises/submitted; \
	  export ECRM_SECRET_FILE="$(abspath $(SECRET_FILE))" ECRM_CLASS="$(abspath $(CLASS_RECORD))" ECRM_CACHE="$(abspath $(LOP))/bo_nho_cham"; \
	else echo "Không có bản ghi lớp $(CLASS_RECORD): chấm trên cửa hàng mẫu, chỉ để thử / no class record: grading on the demonstration shop, for trying only"; fi; \
	cd exercises; for lab in $(LAB); do \
	  if ls submitted/*/$$lab/*.ipynb >/dev/null 2>&1; then rm -rf autograded/*/"$$lab"; \
	    ECRM_GRADING=1 $(NBGRADER) autograde $$lab --force --log-level=WARN; \
	  else echo "$$lab: chưa có bài nộp / no submissions"; fi; done
	@cd exercises && $(NBGRADER) export --to diem.csv --log-level=WARN
	@echo "Điểm ở exercises/diem.csv / grades are in exercises/diem.csv"
	@if [ -f "$(CLASS_RECORD)" ]; then $(CLASSROOM) export --gradebook exercises/gradebook.db --out "$(LOP)/diem" \
	  $(if $(wildcard $(ROSTER)),--roster "$(ROSTER)"); fi

# Phần «Quan hệ khách hàng» của đề tài nhóm, HTML và Word / the group project's report section, HTML and Word:
#   make report SCENARIO=tệp.yaml [TEXT=nhan_dinh.yaml] [OUT=bao_cao] [SEEDS=5] [CUSTOMERS=2000]
# TEXT là tệp nhận định của nhóm (mẫu exercises/du_an_nhom/nhan_dinh.yaml); thiếu phần nào, báo cáo để ô vàng nhắc viết.
# TEXT is the group's own text (template exercises/du_an_nhom/nhan_dinh.yaml); missing parts get a yellow placeholder.
SCENARIO ?= exercises/du_an_nhom/kich_ban.yaml
OUT ?= bao_cao
SEEDS ?= 5
CUSTOMERS ?=
TEXT ?=
report: $(VENV)/.installed
	$(BIN)/python -m sim.report "$(SCENARIO)" --out "$(OUT)" --seed $(SEED) --seeds $(SEEDS) $(if $(CUSTOMERS),--customers $(CUSTOMERS)) $(if $(TEXT),--text "$(TEXT)")

# Bộ tài liệu của giảng viên / the lecturer's kit (exercises/giang_vien/), into build/giang_vien/ (git-ignored):
#   make slides     trình chiếu reveal.js theo chủ đề, chạy không cần Internet / offline slides per topic
#   make handouts   bản in PDF cho sinh viên theo chủ đề / a printable PDF per topic
#   make quiz [TERM_SEED=2027]   ngân hàng câu hỏi: Moodle XML, GIFT, QTI (Canvas); mỗi học kỳ một hạt giống
#   make keys       kiểm tra mọi câu hỏi thảo luận và câu hỏi nhận định đều có đáp án / every question has its key
KIT := $(BIN)/python -m exercises.giang_vien.kit
KIT_OUT ?= build/giang_vien
TERM_SEED ?= $(SEED)
slides: $(VENV)/.installed-lecturer
	$(KIT) slides --out $(KIT_OUT)/slides --seed $(SEED)
	@echo "Mở / open $(KIT_OUT)/slides/index.html"
handouts: $(VENV)/.installed-lecturer
	$(KIT) handouts --out $(KIT_OUT)/handouts --seed $(SEED)
quiz: $(VENV)/.installed-lecturer
	$(KIT) quiz --out $(KIT_OUT)/quiz --seed $(TERM_SEED)
keys: $(VENV)/.installed
	$(KIT) keys
kit: slides handouts quiz

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_simulator.py
	$(BIN)/python benchmarks/bench_notebooks.py
	$(BIN)/python benchmarks/bench_replicate.py
	$(BIN)/python benchmarks/bench_scale.py
	$(BIN)/python benchmarks/bench_dask.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
