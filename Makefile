# Front door: `make demo` (set up, build, run the bundled example) and `make test`
# (set up, build, run the whole suite). Everything else is CMake.
BUILD ?= build
JOBS ?= 2
EXAMPLE ?= examples/battery_fig3_equal_times.toml
DEMO_OUT ?= results/demo

.PHONY: setup build demo test bench clean

setup:
	@bash scripts/setup.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: setup $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/openspins run $(EXAMPLE) --output $(DEMO_OUT) --force
	@echo "results in $(DEMO_OUT)/ (series.csv, metadata.json, plot.png)"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	/usr/bin/python3 bench/exact_vs_qutip.py --build $(BUILD)

clean:
	rm -rf $(BUILD)
