# Shortcuts; the scripts are the source of truth (see README.md).
#
# make install [PREFIX=/usr/local] [DESTDIR=] builds a release binary (swift build -c release
# --static-swift-stdlib: the Swift runtime linked in, so nothing of a toolchain is needed where it
# runs) and installs it with its man page and its bash, zsh and fish completions; make uninstall
# removes them. A runtime linked in finds its crash backtracer only beside the path it was started
# by: such a build (one with swift-backtrace beside it, from scripts/place-backtracer.sh) goes to
# libexec/authflow/ with its backtracer, and bin/authflow is a two-line script that starts it there.
# BUILD=debug installs the debug build instead; BUILD_DIR= sets SwiftPM's scratch path (.build by
# default). install-files installs an existing build without building.
.PHONY: demo test build install install-files uninstall man

PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= release
BUILD_DIR ?= .build
BINARY = $(BUILD_DIR)/$(BUILD)/authflow
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
LIBEXECDIR = $(DESTDIR)$(PREFIX)/libexec/authflow
BACKTRACER = $(BUILD_DIR)/$(BUILD)/swift-backtrace
INSTALLED = $(PREFIX)/libexec/authflow/authflow
STATIC = $(if $(filter release,$(BUILD)),--static-swift-stdlib,)

demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
build:
	swift build

install:
	swift build -c $(BUILD) $(STATIC) --scratch-path $(BUILD_DIR) --product authflow
	$(if $(STATIC),bash scripts/place-backtracer.sh $(BUILD_DIR)/$(BUILD))
	$(MAKE) install-files

install-files:
	@test -x $(BINARY) || { echo "make: no $(BINARY); run make install (or swift build -c $(BUILD))" >&2; exit 1; }
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	if [ -x $(BACKTRACER) ]; then \
		install -d $(LIBEXECDIR) && install -m 755 $(BINARY) $(BACKTRACER) $(LIBEXECDIR)/ && \
		printf '#!/bin/sh\n# authflow, linked statically, runs beside its crash backtracer.\nexec "%s" "$$@"\n' \
			'$(INSTALLED)' > $(BINDIR)/authflow && chmod 755 $(BINDIR)/authflow; \
	else \
		rm -f $(LIBEXECDIR)/authflow $(LIBEXECDIR)/swift-backtrace; install -m 755 $(BINARY) $(BINDIR)/authflow; \
	fi
	install -m 644 docs/authflow.1 $(MANDIR)/authflow.1
	$(BINARY) --generate-completion-script bash > $(BASHDIR)/authflow
	$(BINARY) --generate-completion-script zsh > $(ZSHDIR)/_authflow
	$(BINARY) --generate-completion-script fish > $(FISHDIR)/authflow.fish
	chmod 644 $(BASHDIR)/authflow $(ZSHDIR)/_authflow $(FISHDIR)/authflow.fish

uninstall:
	rm -f $(BINDIR)/authflow $(MANDIR)/authflow.1 $(BASHDIR)/authflow $(ZSHDIR)/_authflow \
		$(FISHDIR)/authflow.fish $(LIBEXECDIR)/authflow $(LIBEXECDIR)/swift-backtrace
	rmdir $(LIBEXECDIR) 2>/dev/null || true

# Regenerates docs/authflow.1 from the commands' own help, with swift-argument-parser's
# generate-manual tool (a test fails when the page misses an option of the built binary).
man:
	swift build --product authflow
	swift build --product generate-manual
	.build/debug/generate-manual .build/debug/authflow --output-directory docs \
		--section 1
