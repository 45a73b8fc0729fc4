# Front door: `make demo` (set up, build, run the bundled example) and `make test`
# (set up, build, run the whole suite). `make sanitize` and `make fuzz` are the CI's
# sanitizer job (docs/fuzzing.md). Everything else is CMake.
BUILD ?= build
JOBS ?= 2
EXAMPLE ?= examples/battery_fig3_equal_times.toml
DEMO_OUT ?= results/demo
# The sanitizer build: clang, Debug, ASan + UBSan, with the libFuzzer targets.
SANITIZE_BUILD ?= build-asan
FUZZ_SECONDS ?= 60
# Tests left out of `make sanitize` (docs/fuzzing.md has the measurements). Slow: over 20 s
# each under the sanitizers on two busy cores — dense reference spectra and long dicke/exact
# comparisons; the fast tests run the same kernels on smaller inputs.
SANITIZE_SLOW_TESTS = \
  FusedFullGenerator.WholeRunMatchesBlockKernelAndIgnoresThreadCount FusedFullGenerator.MatchesDenseAndBlockKernelsOnRandomModels \
  DickeVsExact.AllChannelsTogetherWithDriveTwistingCouplingsAndPulses \
  ShiftInvertSpectrum.BandsGiveEigenvaluesOfTheDenseLiouvillian \
  ShiftInvertSpectrum.GmresSolvesGiveTheSameModesAsTheLu \
  DickeSpectrum.IterativeMatchesDense DickeSpectrum.EigenvaluesAreExactOnes \
  GeneratorSpectrum.ArnoldiMatchesDenseBlocks EigenbasisFrame.EqualsTheProductBasisForm \
  BrmesolveReference.EveryCaseAgreesWithQutip \
  DickeIntegration.RationalPropagatorAgreesWithBdfOnSeed002Battery \
  DickeCavity.BadCavityLimitApproachesCollectiveEmission \
  CumulantVsDicke.ClosureErrorFallsAsAPowerOfN \
  HermitianLowest.FullStorageOfTenSpinsPlacesTheBlocksBySector \
  BohrBlockSpectrum.RefusesBlocksBeyondItsLimit BohrBlockSpectrum.MatchesTheDenseLiouvillian \
  BohrBlockSpectrum.EqualsTheProductBasisForm NearShiftSolver.SolvesLikeTheFullLu \
  ResonanceMethod.TwoSpeciesWithDifferentCollectiveCouplings \
  HeomMethod.HahnEchoOnASharedBathMatchesTheAnalyticMethod HeomMethod.ReportsAnUnconvergedHierarchy \
  HeomMethod.ConvergesWithDepth Examples/ResumeBitExact.ResumedRowsEqualUninterruptedRows/heom_two_spins_drude_lorentz \
  HeomMethod.FittedSeed000RatesAtWeakCouplingMatchDavies HeomQutipReference.LongTimeStateIsQutipSteadyState \
  HeomQutipReference.WeakCouplingLongTimeStateIsGibbs HeomQutipReference.FittedBathThroughBosonicBath \
  FittedCorrelation.SpectrumAtTheSpinFrequency \
  LanczosPropagator.ConservesNormAndEnergyOverALongRun ModeTerms.PureStatePathKeepsTheNormOverALongRun \
  ModeTerms.PureStatePathAgreesWithTheDensityPath Seed004Run.ExamplesRunWithBothMethods \
  DickeCavity.SteadyStateEqualsTheLongTimeLimit ExactSpinMode.AgreesWithQutipAndTheDickeMethodForIdenticalSpins \
  LindbladSpectrumBounds.ContainTheDenseSpectrumOfRandomModels ExactChebyshev.AgreesWithAdamsOnRandomModels \
  CavityChebyshev.BoundsContainTheSpectrum CavityChebyshev.AgreesWithAdamsOnALossyCounterRotatingModel
empty :=
space := $(empty) $(empty)
SANITIZE_EXCLUDE = ^($(subst $(space),|,$(strip $(SANITIZE_SLOW_TESTS))))$$
# A finding stops the process with a non-zero status; LeakSanitizer runs at every exit.
SANITIZER_ENV = ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

.PHONY: setup build demo test bench sanitize fuzz clean

setup:
	@bash scripts/setup.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: setup $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/openspins run $(EXAMPLE) --output $(DEMO_OUT) --force
	@echo "results in $(DEMO_OUT)/ (series.csv, metadata.json, plot.png)"

# ctest runs JOBS tests at once and each uses every core through OpenMP: with libgomp's default
# active waiting, idle threads spin for cores the other tests need (a 19 s test took 236 s), so
# the test targets wait passively. Results do not depend on it (thread-count independent kernels).
TEST_ENV ?= OMP_WAIT_POLICY=passive

test: build
	cd $(BUILD) && $(TEST_ENV) ctest --output-on-failure -j $(JOBS)

bench: build
	/usr/bin/python3 bench/exact_vs_qutip.py --build $(BUILD)

$(SANITIZE_BUILD)/CMakeCache.txt:
	CC=clang CXX=clang++ cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=Debug \
	  -DOPENSPINS_SANITIZE=ON -DOPENSPINS_FUZZ=ON -DOPENSPINS_BENCH=OFF

sanitize: setup $(SANITIZE_BUILD)/CMakeCache.txt
	cmake --build $(SANITIZE_BUILD) -j $(JOBS) --target openspins openspins_tests
	cd $(SANITIZE_BUILD) && $(SANITIZER_ENV) $(TEST_ENV) ctest --output-on-failure -j $(JOBS) -E '$(SANITIZE_EXCLUDE)'

fuzz: setup $(SANITIZE_BUILD)/CMakeCache.txt
	cmake --build $(SANITIZE_BUILD) -j $(JOBS) --target fuzz_run_file fuzz_operator_expression
	$(SANITIZER_ENV) bash fuzz/run.sh $(SANITIZE_BUILD) $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD)
