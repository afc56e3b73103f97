# Shortcuts; the scripts are the source of truth (see README.md).
.PHONY: demo test build
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
build:
	swift build
