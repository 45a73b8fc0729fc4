// Every class of bad input in docs/config.md fails with file:line: key path: what.
#include <gtest/gtest.h>

#include "config/test_support.hpp"

namespace openspins {
namespace {

using testing::base;
using testing::doc;
using testing::fails_at;

TEST(ConfigErrors, BaseIsValid) { EXPECT_NO_THROW((void)load_run_toml(base(), "run.toml")); }

TEST(ConfigErrors, TomlSyntax) {
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\nrate = \n"), 10, "(syntax)", "TOML syntax error"));
    EXPECT_TRUE(fails_at(base("[spins]\n"), 8, "(syntax)", "TOML syntax error"));  // table defined twice
}

TEST(ConfigErrors, UnknownKeysAtEveryLevel) {
    EXPECT_TRUE(fails_at("colour = 1\n" + base(), 1, "colour", "unknown key 'colour' (allowed here: title, method"));
    EXPECT_TRUE(fails_at(base("[method]\nrtoll = 1e-6\n"), 9, "method.rtoll", "allowed here: name, integrator, rtol"));
    EXPECT_TRUE(
        fails_at(base("[[channel]]\nkind = \"emission\"\nrate = 1\n[[channel]]\nkind = \"dephasing\"\nrat = 1\n"), 13,
                 "channel[1].rat", "unknown key 'rat'"));
    EXPECT_TRUE(fails_at(doc(R"toml(
[spins]
count = 2
broadening = { kind = "gaussian", width = 0.1, sed = 3 }
[time]
stop = 1
)toml"),
                         3, "spins.broadening.sed", "allowed here: kind, width, seed"));
    EXPECT_TRUE(fails_at(base("[[protocol]]\nevolve = 1\nscale = {}\nlable = \"x\"\n"), 11, "protocol[0].lable",
                         "unknown key"));
    EXPECT_TRUE(fails_at(base("[[protocol]]\npulse = { axis = \"x\", angel = 90 }\n[[protocol]]\nevolve = 1\n"), 9,
                         "protocol[0].pulse.angel", "allowed here: axis, angle_deg, angle"));
    EXPECT_TRUE(fails_at(base("[output]\nobservable = [\"Jz\"]\n"), 9, "output.observable", "unknown key"));
    EXPECT_TRUE(
        fails_at(base("[initial]\nkind = \"product\"\nvector = [0, 0, 1]\n"), 10, "initial.vector", "unknown key"));
    EXPECT_TRUE(fails_at(base("[[hamiltonian.drive]]\nomega = 1\n"), 9, "hamiltonian.drive[0].omega",
                         "allowed here: omega_x, omega_y"));
}

TEST(ConfigErrors, WrongTypes) {
    EXPECT_TRUE(fails_at(doc(R"toml(
[spins]
count = "4"
[time]
stop = 1
)toml"),
                         2, "spins.count", "must be an integer, found a string"));
    EXPECT_TRUE(fails_at(doc(R"toml(
[spins]
count = 2.0
[time]
stop = 1
)toml"),
                         2, "spins.count", "must be an integer, found a float"));
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\nrate = \"fast\"\n"), 10, "channel[0].rate",
                         "must be a number, found a string"));
    EXPECT_TRUE(fails_at(base("[method]\nsteady_state = 1\n"), 9, "method.steady_state", "must be a boolean"));
    EXPECT_TRUE(fails_at(base("[output]\nobservables = \"Jz\"\n"), 9, "output.observables", "must be an array"));
    EXPECT_TRUE(fails_at("channel = 3\n" + base(), 1, "channel", "must be an array, found an integer"));
    EXPECT_TRUE(fails_at(base("[hamiltonian.drive]\nomega_x = 1\n"), 8, "hamiltonian.drive", "must be an array"));
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = 1\nrate = 1\n"), 9, "channel[0].kind", "must be a string"));
}

TEST(ConfigErrors, MissingRequiredKeys) {
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\n"), 8, "channel[0].rate", "required key is missing"));
    EXPECT_TRUE(fails_at(base("[[channel]]\nrate = 1\n"), 8, "channel[0].kind", "required key is missing"));
    EXPECT_TRUE(fails_at("[time]\nstop = 1\n", 1, "spins", "[spins] or [[species]]"));
    EXPECT_TRUE(fails_at("[spins]\ncount = 2\n", 1, "time", "'stop' or 'times'"));
    EXPECT_TRUE(fails_at("[spins]\nfrequency = 0\n[time]\nstop = 1\n", 1, "spins.count", "required key is missing"));
    EXPECT_TRUE(fails_at("[[species]]\ncount = 1\n[time]\nstop = 1\n", 1, "species[0].name", "required key"));
    EXPECT_TRUE(
        fails_at(base("[[hamiltonian.coupling]]\nkind = \"zz\"\n"), 8, "hamiltonian.coupling[0].J", "required key"));
    EXPECT_TRUE(fails_at(base("[[hamiltonian.term]]\nstrength = 1\n"), 8, "hamiltonian.term[0].expr", "required key"));
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"custom\"\nrate = 1\n"), 8, "channel[0].operator", "required key"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"thermal\"\n"), 8, "initial.temperature", "required key"));
    EXPECT_TRUE(
        fails_at(base("[initial]\nkind = \"product\"\n"), 8, "initial", "one of these keys is required: bloch"));
    EXPECT_TRUE(fails_at(base("[[protocol]]\nlabel = \"x\"\n"), 8, "protocol[0]", "needs one of 'evolve'"));
    EXPECT_TRUE(fails_at(base("[[protocol]]\npulse = { axis = \"x\" }\n"), 9, "protocol[0].pulse", "angle_deg, angle"));
    EXPECT_TRUE(fails_at("[spins]\ncount = 1\n[time]\npoints = 5\n", 3, "time", "required: stop, times"));
}

TEST(ConfigErrors, NegativeAndNonPositiveValues) {
    EXPECT_TRUE(
        fails_at(base("[[channel]]\nkind = \"emission\"\nrate = 1\n[[channel]]\nkind = \"dephasing\"\nrate = -0.1\n"),
                 13, "channel[1].rate", "must be ≥ 0"));
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\nrates = [0.1, -2, 0.3, 0.4]\n"), 10,
                         "channel[0].rates[1]", "must be ≥ 0"));
    EXPECT_TRUE(fails_at(base("[method]\nrtol = 0\n"), 9, "method.rtol", "must be > 0"));
    EXPECT_TRUE(fails_at(base("[method]\nmax_steps = 0\n"), 9, "method.max_steps", "must be ≥ 1"));
    EXPECT_TRUE(fails_at(base("[method]\nintegrator = \"bdf\"\nmax_order = 6\n"), 10, "method.max_order",
                         "must be ≤ 5 for integrator 'bdf'"));
    EXPECT_TRUE(
        fails_at(base("[initial]\nkind = \"thermal\"\ntemperature = -1\n"), 10, "initial.temperature", "must be > 0"));
    EXPECT_TRUE(fails_at(base("[[protocol]]\nevolve = -1\n"), 9, "protocol[0].evolve", "must be > 0"));
    EXPECT_TRUE(
        fails_at(base("[[protocol]]\nrepeat = 0\nsteps = [{ evolve = 1 }]\n"), 9, "protocol[0].repeat", "must be ≥ 1"));
    EXPECT_TRUE(fails_at(base("[[protocol]]\nrepeat = 9223372036854775807\nsteps = [{ evolve = 1 }, { evolve = 2 }]\n"),
                         9, "protocol[0].repeat", "more than 1000000 steps"));
    EXPECT_TRUE(fails_at(doc(R"toml(
[spins]
count = 0
[time]
stop = 1
)toml"),
                         2, "spins.count", "must be ≥ 1"));
    EXPECT_TRUE(fails_at(doc(R"toml(
[spins]
count = 1
[time]
stop = 1
points = 1
)toml"),
                         5, "time.points", "must be ≥ 2"));
    EXPECT_TRUE(fails_at(
        base("[[channel]]\nkind = \"emission\"\nrate = 1\n[[protocol]]\nevolve = 1\nscale = { emission = -1 }\n"), 13,
        "protocol[0].scale.emission", "negative factor"));
}

TEST(ConfigErrors, NonFiniteNumbers) {
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\nrate = inf\n"), 10, "channel[0].rate", "finite"));
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\nrate = nan\n"), 10, "channel[0].rate", "finite"));
    EXPECT_TRUE(fails_at(base("[method]\natol = -inf\n"), 9, "method.atol", "finite"));
    EXPECT_TRUE(fails_at(doc(R"toml(
[spins]
count = 2
frequencies = [1.0, nan]
[hamiltonian]
zeeman = "+"
[time]
stop = 1
)toml"),
                         3, "spins.frequencies[1]", "finite"));
    EXPECT_TRUE(
        fails_at(base("[initial]\nkind = \"product\"\nbloch = [0, inf, 0]\n"), 10, "initial.bloch[1]", "finite"));
    EXPECT_TRUE(fails_at("[spins]\ncount = 1\n[time]\ntimes = [0, inf]\n", 4, "time.times[1]", "finite"));
}

TEST(ConfigErrors, SpinIndicesOutOfRange) {
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\nrate = 1\nspins = [0, 4]\n"), 11,
                         "channel[0].spins[1]", "spin index 4 is out of range [0, 4)"));
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\nrate = 1\nspins = [-1]\n"), 11, "channel[0].spins[0]",
                         "out of range"));
    EXPECT_TRUE(fails_at(base("[[hamiltonian.coupling]]\nkind = \"xy\"\nJ = 1\npairs = [[0, 1], [1, 2], [2, 9]]\n"), 11,
                         "hamiltonian.coupling[0].pairs[2]", "spin index 9 is out of range"));
    EXPECT_TRUE(fails_at(base("[[hamiltonian.coupling]]\nkind = \"xy\"\nJ = 1\npairs = [[0, 1], [2, 2]]\n"), 11,
                         "hamiltonian.coupling[0].pairs[1]", "with itself"));
    EXPECT_TRUE(fails_at(base("[[hamiltonian.coupling]]\nkind = \"xy\"\nJ = 1\npairs = [[0, 1, 2]]\n"), 11,
                         "hamiltonian.coupling[0].pairs[0]", "a pair must be [i, j]"));
    EXPECT_TRUE(fails_at(base("[[hamiltonian.term]]\nexpr = \"sx(0) * sx(4)\"\n"), 9, "hamiltonian.term[0].expr",
                         "column 12: spin index 4 is out of range [0, 4)"));
    EXPECT_TRUE(fails_at(base("[[protocol]]\npulse = { axis = \"x\", angle_deg = 90 }\nspins = [7]\n"), 10,
                         "protocol[0].spins[0]", "out of range"));
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\nrate = 1\nspins = [1, 1]\n"), 11,
                         "channel[0].spins[1]", "listed twice"));
}

TEST(ConfigErrors, DuplicateNames) {
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\nrate = 1\nname = \"loss\"\n[[channel]]\n"
                              "kind = \"dephasing\"\nrate = 1\nname = \"loss\"\n"),
                         15, "channel[1].name", "name 'loss' is already used by channel[0]"));
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\nrate = 1\nname = \"zeeman\"\n"), 11, "channel[0].name",
                         "already used by hamiltonian"));
    EXPECT_TRUE(
        fails_at(base("[[channel]]\nkind = \"emission\"\nrate = 1\n[[channel]]\nkind = \"dephasing\"\nrate = 1\n"
                      "name = \"emission\"\n"),
                 14, "channel[1].name", "already used by channel[0]"));
    EXPECT_TRUE(fails_at(doc(R"toml(
[[species]]
name = "A"
count = 1
[[species]]
name = "A"
count = 1
[time]
stop = 1
)toml"),
                         5, "species[1].name", "declared twice"));
    EXPECT_TRUE(fails_at(base("[output]\nobservables = [\"Jz\", \"Jx\", \"Jz\"]\n"), 9, "output.observables[2]",
                         "listed twice"));
    EXPECT_TRUE(fails_at(base("[output.custom]\nJz = \"Jz\"\n"), 9, "output.custom.Jz", "already produced"));
}

TEST(ConfigErrors, UnknownSpecies) {
    const std::string two = doc(R"toml(
[[species]]
name = "A"
count = 2
[[species]]
name = "B"
count = 1
[time]
stop = 1
)toml");
    EXPECT_TRUE(fails_at(two + "[[channel]]\nkind = \"collective_emission\"\nrate = 1\nspecies = \"C\"\n", 12,
                         "channel[0].species", "unknown species 'C' (declared: A, B)"));
    EXPECT_TRUE(
        fails_at(two + "[output.custom]\nx = \"Jz[C]\"\n", 10, "output.custom.x", "column 4: unknown species 'C'"));
    EXPECT_TRUE(fails_at(two + "[[channel]]\nkind = \"emission\"\nrate = 1\nspecies = \"A\"\nspins = [0]\n", 12,
                         "channel[0].species", "either 'spins' or 'species'"));
    EXPECT_TRUE(fails_at(doc(R"toml(
[[species]]
name = "2A"
count = 1
[time]
stop = 1
)toml"),
                         2, "species[0].name", "must start with a letter"));
    EXPECT_TRUE(fails_at(doc(R"toml(
[spins]
count = 1
[[species]]
name = "A"
count = 1
[time]
stop = 1
)toml"),
                         3, "species", "either [spins] or [[species]]"));
}

TEST(ConfigErrors, ScaleKeysMustNameATermOrChannel) {
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"collective_emission\"\nrate = 1\n[[protocol]]\nevolve = 1\n"
                              "[[protocol]]\nevolve = 1\nscale = { colective_emission = 0 }\n"),
                         15, "protocol[1].scale.colective_emission",
                         "names no Hamiltonian term or channel (names: zeeman, collective_emission)"));
    EXPECT_TRUE(fails_at(base("[[protocol]]\nrepeat = 2\nsteps = [ { evolve = 1 },\n"
                              "          { evolve = 1, scale = { drive = 0 } } ]\n"),
                         11, "protocol[0].steps[1].scale.drive", "names no Hamiltonian term"));
}

TEST(ConfigErrors, BadPulseAxisAndAngle) {
    const std::string evolve = "[[protocol]]\nevolve = 1\n";
    EXPECT_TRUE(fails_at(base("[[protocol]]\npulse = { axis = \"w\", angle_deg = 90 }\n" + evolve), 9,
                         "protocol[0].pulse.axis", "axis must be \"x\", \"y\", \"z\""));
    EXPECT_TRUE(fails_at(base("[[protocol]]\npulse = { axis = [0, 0, 0], angle_deg = 90 }\n" + evolve), 9,
                         "protocol[0].pulse.axis", "non-zero"));
    EXPECT_TRUE(fails_at(base("[[protocol]]\npulse = { axis = [1, 0], angle_deg = 90 }\n" + evolve), 9,
                         "protocol[0].pulse.axis", "non-zero vector"));
    EXPECT_TRUE(fails_at(base("[[protocol]]\npulse = { axis = \"x\", angle_deg = 90, angle = 1 }\n" + evolve), 9,
                         "protocol[0].pulse.angle", "not both"));
    EXPECT_TRUE(fails_at(base("[[protocol]]\npulse = { axis = \"x\", angle = 1 }\nevolve = 2\n"), 9,
                         "protocol[0].pulse", "only one of 'evolve', 'pulse' or 'repeat'"));
    EXPECT_TRUE(fails_at(base("[[protocol]]\nevolve = 1\nspins = [0]\n"), 10, "protocol[0].spins",
                         "does not apply to a 'evolve' step"));
}

TEST(ConfigErrors, BlochVectorsLongerThanOne) {
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"product\"\nbloch = [1, 1, 0]\n"), 10, "initial.bloch",
                         "|r| = 1.41421 exceeds 1"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"product\"\nbloch = [[0, 0, 1],\n  [0, 0, 1.1], [0,0,1], [0,0,1]]\n"),
                         11, "initial.bloch[1]", "exceeds 1"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"product\"\nbloch = [[0, 0, 1], [0, 0, 1]]\n"), 10, "initial.bloch",
                         "one per spin (4), found 2"));
    EXPECT_TRUE(
        fails_at(base("[initial]\nkind = \"product\"\nbloch = [0, 1]\n"), 10, "initial.bloch", "must have 3 entries"));
    EXPECT_TRUE(
        fails_at(base("[initial]\nkind = \"product\"\npopulations = 1.5\n"), 10, "initial.populations", "[0, 1]"));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"product\"\ntemperature = 1\n"), 10, "initial.temperature",
                         "only used with kind = \"thermal\""));
    EXPECT_TRUE(fails_at(base("[initial]\nkind = \"file\"\npath = \"no/such/rho.npy\"\n"), 10, "initial.path",
                         "does not exist"));
}

TEST(ConfigErrors, TimesMustBeAscendingAndWithinTheProtocol) {
    EXPECT_TRUE(fails_at("[spins]\ncount = 1\n[time]\ntimes = [0, 0.5,\n  0.25]\n", 5, "time.times[2]",
                         "strictly ascending: times[2] = 0.25 follows 0.5"));
    EXPECT_TRUE(fails_at("[spins]\ncount = 1\n[time]\ntimes = [0, 1, 1]\n", 4, "time.times[2]", "strictly ascending"));
    EXPECT_TRUE(fails_at("[spins]\ncount = 1\n[time]\ntimes = [-1, 1]\n", 4, "time.times[0]", "must be ≥ 0"));
    EXPECT_TRUE(fails_at("[spins]\ncount = 1\n[time]\nstop = 1\ntimes = [0, 1]\n", 4, "time.stop", "not both"));
    EXPECT_TRUE(fails_at("[spins]\ncount = 1\n[[protocol]]\nevolve = 1\n[time]\nstop = 2\n", 6, "time.stop",
                         "after the end of the protocol at 1"));
    EXPECT_TRUE(fails_at("[spins]\ncount = 1\n[[protocol]]\nevolve = 1\n[time]\ntimes = [0, 1.5]\n", 6, "time.times[1]",
                         "after the end of the protocol"));
    EXPECT_TRUE(fails_at("[spins]\ncount = 1\n[[protocol]]\npulse = { axis = \"x\", angle = 1 }\n", 3, "protocol",
                         "no evolution time"));
}

TEST(ConfigErrors, ZeemanIsRequiredWhenFrequenciesAreNonZero) {
    EXPECT_TRUE(fails_at("[spins]\ncount = 1\nfrequency = 2\n[time]\nstop = 1\n", 1, "hamiltonian.zeeman",
                         "required because some spin frequencies are non-zero"));
    EXPECT_TRUE(fails_at("[spins]\ncount = 1\nfrequency = 2\n[hamiltonian]\n[time]\nstop = 1\n", 4,
                         "hamiltonian.zeeman", "\"+\""));
    EXPECT_TRUE(fails_at("[spins]\ncount = 1\n[hamiltonian]\nzeeman = \"up\"\n[time]\nstop = 1\n", 4,
                         "hamiltonian.zeeman", "'up' is not one of: +, -, none"));
}

TEST(ConfigErrors, BadChoicesAndCombinations) {
    EXPECT_TRUE(
        fails_at(base("[method]\nname = \"magic\"\n"), 9, "method.name", "unknown method 'magic' (available: exact"));
    EXPECT_TRUE(fails_at(base("[method]\nintegrator = \"rk4\"\n"), 9, "method.integrator", "not one of: auto, adams, bdf"));
    EXPECT_TRUE(
        fails_at(base("[[channel]]\nkind = \"loss\"\nrate = 1\n"), 9, "channel[0].kind", "'loss' is not one of"));
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"collective_emission\"\nrates = [1, 2]\n"), 10, "channel[0].rates",
                         "only used with emission, absorption, dephasing"));
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\nrate = 1\nrates = [1, 1, 1, 1]\n"), 11,
                         "channel[0].rates", "either 'rate' or 'rates'"));
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\nrates = [1, 1]\n"), 10, "channel[0].rates",
                         "must have 4 entries, found 2"));
    EXPECT_TRUE(fails_at(base("[[channel]]\nkind = \"emission\"\nrate = 1\noperator = \"sm(0)\"\n"), 11,
                         "channel[0].operator", "only used with kind = \"custom\""));
    EXPECT_TRUE(
        fails_at(base("[[hamiltonian.term]]\nexpr = \"sp(0)\"\n"), 9, "hamiltonian.term[0].expr", "not Hermitian"));
    EXPECT_TRUE(fails_at(base("[[hamiltonian.term]]\nexpr = \"sx(0) +\"\n"), 9, "hamiltonian.term[0].expr",
                         "in \"sx(0) +\": column 8: expected a number"));
    EXPECT_TRUE(fails_at(base("[[hamiltonian.coupling]]\nkind = \"dipolar\"\nJ = 1\n"), 9,
                         "hamiltonian.coupling[0].kind", "zz, xy, heisenberg"));
    EXPECT_TRUE(fails_at(base("[output]\nobservables = [\"Jz\", \"Sz\"]\n"), 9, "output.observables[1]",
                         "unknown observable 'Sz'"));
    EXPECT_TRUE(fails_at(base("[output]\nobservables = []\n"), 9, "output.observables", "no observables"));
    EXPECT_TRUE(
        fails_at(base("[output]\nplot_columns = [\"Jz\", \"Jw\"]\n"), 9, "output.plot_columns[1]", "no column 'Jw'"));
    EXPECT_TRUE(fails_at(base("[output.custom]\n\"a,b\" = \"Jz\"\n"), 9, "output.custom.\"a,b\"", "column name"));
    EXPECT_TRUE(fails_at(doc(R"toml(
[spins]
count = 2
frequencies = [1, 2, 3]
[time]
stop = 1
)toml"),
                         3, "spins.frequencies", "count = 2 but 3 frequencies"));
    EXPECT_TRUE(fails_at(doc(R"toml(
[spins]
count = 65
[time]
stop = 1
)toml"),
                         2, "spins.count", "must be ≤ 64"));
}

}  // namespace
}  // namespace openspins
