# Mandate — the front door. `make demo` and `make test` do all the set-up on Debian 12.
.PHONY: demo test build bench fmt clean bootstrap test-unit test-asan test-integration test-browser

JOBS ?= $(shell nproc)
CMAKE_BUILD = cmake --build --preset

bootstrap:
	@scripts/bootstrap

build: bootstrap
	@cmake --preset release >/dev/null
	@$(CMAKE_BUILD) release -j $(JOBS)

demo: build
	@scripts/demo

# Everything: unit + contract (SQLite and a real PostgreSQL) + integration over HTTP, the unit
# and contract suites again under ASan+UBSan, and the browser tests in headless Chromium.
test: bootstrap
	@scripts/test-all

bench: bootstrap
	@cmake --preset bench >/dev/null
	@$(CMAKE_BUILD) bench -j $(JOBS)
	@scripts/bench

fmt:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build
