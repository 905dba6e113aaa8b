# 台账 Taizhang — build, run and test. Every target fetches the embedded fonts first.
# A Go installed by .ci/setup-debian (when the system's is too old) comes first.
export PATH := $(HOME)/.local/go-toolchain/bin:$(PATH)
GO        ?= go
BIN       ?= taizhang
DEMO_DB   ?= demo.db
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X main.Version=$(VERSION)

.PHONY: all fonts build run demo test vet windows dist dist-check bench bench-load screenshots clean

all: build

fonts:
	@bash assets/fonts/fetch.sh

build: fonts
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

# Starts the app on a demo office (made on first run; log in as admin / demo1234).
run: build
	@test -s $(DEMO_DB) || ./$(BIN) demo --db $(DEMO_DB)
	./$(BIN) --db $(DEMO_DB)

demo: build
	./$(BIN) demo --db $(DEMO_DB)

vet: fonts
	$(GO) vet ./...

# staticcheck (honnef.co/go/tools), pinned to a release that knows Go 1.26: `go run` builds it
# once into the Go build cache, so nothing is vendored or installed.
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2

# The tests run on SQLite files; with TAIZHANG_TEST_POSTGRES set (a server URL, e.g. from
# `eval "$$(bash .ci/postgres start /tmp/tzpg)"`) the store's, the demo's, the window's and the command line's
# tests run a second time against that server (each test in a schema of its own).
PG_PACKAGES ?= ./data/... ./app .
test: fonts
	$(GO) vet ./...
	$(STATICCHECK) ./...
	$(GO) test -count=1 ./...
	@if [ -n "$$TAIZHANG_TEST_POSTGRES" ]; then \
		echo "TAIZHANG_TEST_ENGINE=postgres $(GO) test -count=1 $(PG_PACKAGES)"; \
		TAIZHANG_TEST_ENGINE=postgres $(GO) test -count=1 $(PG_PACKAGES); \
	else \
		echo "PostgreSQL: TAIZHANG_TEST_POSTGRES not set; the store's tests ran on SQLite only"; \
	fi

# The Windows executable, cross-compiled with Debian's mingw-w64.
windows: fonts
	mkdir -p dist
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		$(GO) build -ldflags "$(LDFLAGS) -H windowsgui" -o dist/taizhang.exe .

# Every package into dist/: the signed Windows installer, and a standard and a UOS-layout .deb
# for amd64 and arm64, linked for glibc 2.28 (assets/package/dist.sh; the first run builds two
# Debian 11 sysroots). Ends with dist-check.
dist: fonts
	bash assets/package/dist.sh

# Checks what is in dist/: package layouts, glibc symbols, `taizhang version` (arm64 under qemu),
# the Windows resources and signatures.
dist-check:
	bash assets/package/check.sh

# Speed figures on the large demo office, each beside a peer measured in the same run
# (BENCHMARKS.md). It needs `apt-get install libreoffice-calc-nogui xvfb time`; nothing is
# installed here. About 10–15 minutes on a 2-core PC.
bench: build
	$(GO) test -tags bench -run TestBench -count=1 -timeout 40m -v . | grep -v "^=== RUN"

# The load benchmark of issue 15 (BENCHMARKS.md): 20 simulated clerks on a demo office, on a
# file (one program) and, when TAIZHANG_TEST_POSTGRES names a server, there (one connection
# pool each, as 20 PCs). TAIZHANG_LOAD_DURATION (default 2m) per engine; about 10 minutes.
bench-load: fonts
	$(GO) test -tags bench -run TestBenchLoad -count=1 -timeout 60m -v . | grep -v "^=== RUN"

screenshots: build
	@test -s $(DEMO_DB) || ./$(BIN) demo --db $(DEMO_DB)
	TAIZHANG_PASSWORD=demo1234 ./$(BIN) screenshots --db $(DEMO_DB) --out docs/screenshots --user admin

clean:
	rm -rf $(BIN) dist
