# The two commands a new user types are `make render` and `make test`;
# both run `setup` first, which installs whatever is missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SCENE ?=
QUALITY ?= h
LANGS ?= ko en
JOBS ?=
SCENES ?=
LINE ?=
STILL ?=
CAPTIONS ?= off

.PHONY: help setup test render status stills slides list preview docs assets experiments frames bench clean distclean

# `make` alone lists the targets and options.
help:
	@echo "make render     every video in both languages (build/videos, full cuts, page)"
	@echo "make test       the test suite"
	@echo "make stills     render, then key frames and the convolution sweep GIF"
	@echo "make slides     every video as a slide deck for class: build/slides/<lang>/ (reveal.js HTML, PowerPoint; CAPTIONS=on keeps the captions)"
	@echo "make list       the series: ids, titles, files; SCENE=<id>: that video's numbered lines"
	@echo "make status     the videos make render would remake, and why"
	@echo "make preview SCENE=<id> [LINE=9|9-11] [STILL=1]   one video at low quality from a line on, or the frame at a line's end"
	@echo "make experiments          retrain and rewrite every cached experiment result"
	@echo "make docs       the docs site: build/docs/index.html (the pages in docs/ and the mathcore reference)"
	@echo "make bench      render time / video length; make frames; make assets"
	@echo "make clean      remove build/ and media/ (keeps .venv); make distclean also removes .venv"
	@echo "options: QUALITY=l|m|h|k (default h)  LANGS=\"ko en\"  SCENES=\"<ids>\"  JOBS=<n> (default: every core)"

setup: $(STAMP)

# Re-installs only when the package metadata changes.
$(STAMP): pyproject.toml scripts/system-deps.sh
	@scripts/system-deps.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "installing the Python packages into $(VENV) (pycairo and ManimPango may build from source: a few minutes)"
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[video,digits,dev,docs]'
	@# scenes/ and delivery/ are run from this checkout, never installed: put it on the venv's path.
	@$(PY) -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'cnn-explainer-checkout.pth').write_text(str(pathlib.Path.cwd()) + '\\n')"
	@touch $@

# The page test runs a real headless Chromium, installed here like the other system packages.
test: setup
	@scripts/system-deps.sh --browser
	$(PY) -m pytest -q -n auto --dist loadfile

# Every scene in every language into build/videos/<lang>/<NN>-<id>.mp4 (+ .srt, .vtt),
# only what changed, JOBS at a time (default: every core); then the stills,
# build/<lang>/full.mp4 with chapters, and build/site/index.html.
render: setup
	$(PY) -m mathcore experiments
	$(PY) -m delivery render --quality "$(QUALITY)" --langs "$(LANGS)" --scenes "$(SCENES)" $(if $(JOBS),--jobs $(JOBS),)

# Key frames of every scene (PNG) and a GIF of the convolution sweep, in build/stills/<lang>/.
stills: setup
	$(PY) -m delivery stills --quality "$(QUALITY)" --langs "$(LANGS)" --scenes "$(SCENES)" $(if $(JOBS),--jobs $(JOBS),)

# Every video as a deck, one slide per narration line, speaker notes = the line:
# build/slides/<lang>/<NN>-<id>.html (+ .pptx) and series.html; reveal.js comes
# from npm once (npm pack, cached in .venv). Only what changed, JOBS at a time.
slides: setup
	@scripts/system-deps.sh --npm
	$(PY) -m delivery slides --quality "$(QUALITY)" --langs "$(LANGS)" --scenes "$(SCENES)" --captions "$(CAPTIONS)" $(if $(JOBS),--jobs $(JOBS),)

# The series; with SCENE=<id>, that video's lines, numbered as in its subtitles
# (a dry run of the scene, in the first of LANGS).
list: setup
	@$(PY) -m delivery $(if $(SCENE),lines "$(SCENE)" --lang $(firstword $(LANGS)),list)

# The videos make render would remake, each with the first input that changed.
status: setup
	@$(PY) -m delivery status --quality "$(QUALITY)" --langs "$(LANGS)" --scenes "$(SCENES)"

# The audit table, regenerated; then the site (mkdocs.yml): the pages in docs/
# and the mathcore reference from its docstrings, into build/docs/index.html.
# Offline: no web fonts, nothing fetched (NO_MKDOCS_2_WARNING: Material's banner).
docs: setup
	$(PY) -m mathcore audit --markdown > docs/blog-numbers.md.tmp
	mv docs/blog-numbers.md.tmp docs/blog-numbers.md
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict
	@echo "the docs: build/docs/index.html"

# The demo digit, crop and filters (byte-identical on every run).
assets: setup
	$(PY) assets/demo/make_demo.py

# Train the MLP and LeNet-5 on the real digits and rewrite every cached result
# in assets/experiments (make render rebuilds only the stale ones).
experiments: setup
	$(PY) -m mathcore experiments --force

# Reference frames for the pixel regression test; look at them before committing.
frames: setup
	cd tests && ../$(PY) test_frames.py

# Training speed of the numpy networks against the matmul floor, and the time
# of make experiments; then render time / video length of every scene at 480p15
# and 1080p60, and of the whole `make render` at 1080p60 (slow: ~30 min).
bench: setup
	$(PY) scripts/bench_learn.py
	$(PY) scripts/bench.py $(if $(SCENES),--scene $(SCENES),)
	$(if $(SCENES),,$(PY) scripts/bench.py --series --quality h)

# One video by its id (as `make list` shows), at 480p15, in the first of LANGS,
# played when done; LINE=9 from line 9 on, LINE=9-11 those lines, STILL=1 only
# the frame at the end of the line (lines as `make list SCENE=<id>` numbers them).
preview: setup
	@test -n "$(SCENE)" || { echo "usage: make preview SCENE=<id> [LINE=9 | LINE=9-11] [STILL=1]   (ids: make list)" >&2; exit 2; }
	@$(PY) -m delivery preview "$(SCENE)" --lang $(firstword $(LANGS)) --lines "$(LINE)" $(if $(STILL),--still,) $(if $(CI),,--play)

clean:
	rm -rf build media *.egg-info

distclean: clean
	rm -rf $(VENV)
