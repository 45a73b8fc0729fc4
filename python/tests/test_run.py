"""openspins.run: the CLI's numbers to the last bit for every method; physics of a model built in code."""
import json

import numpy as np
import pytest

import openspins
from conftest import EXAMPLES, read_series, run_cli

# One example per registered method, with overrides (on both sides) that keep each under a few seconds.
BY_METHOD = {
    "exact": ("two_spin_superradiance.toml", {}),
    "dicke": ("battery_cycle_n6.toml", {"method.name": "dicke"}),
    "redfield": ("bath_seed000_local_collective.toml", {}),
    "analytic": ("analytic_pure_dephasing.toml", {"time.points": 31}),
    "cumulant": ("battery_cumulant.toml", {}),
    "resonance": ("resonance_seed000.toml", {}),
    "heom": ("heom_two_spins_drude_lorentz.toml", {"method.convergence_check": "none", "method.depth": 3}),
}


def test_every_registered_method_has_a_case():
    assert set(openspins.method_names()) <= set(BY_METHOD), openspins.method_names()


@pytest.mark.parametrize("method", sorted(BY_METHOD))
def test_python_run_equals_cli_series_bit_for_bit(method, cli, tmp_path):
    file_name, overrides = BY_METHOD[method]
    example = EXAMPLES / file_name
    overrides = {"output.plot": False, **overrides}
    out = tmp_path / "out"
    arguments = [a for key, value in overrides.items()
                 for a in ("--set", f"{key}={str(value).lower() if isinstance(value, bool) else value}")]
    done = run_cli(cli, "run", example, "--output", out, "--quiet", *arguments)
    assert done.returncode == 0, done.stderr
    header, t, step, values = read_series(out)

    result = openspins.run(openspins.Model.from_toml(example), set=overrides, progress=False)
    assert result.method == method
    assert ["t", "step"] + result.columns == header
    assert np.array_equal(result.times, t)
    assert np.array_equal(result.step, step)
    assert np.array_equal(result.values, values)  # exact: series.csv's 17 digits read back bit for bit
    metadata = json.loads((out / "metadata.json").read_text())
    assert result.metadata["columns"] == metadata["columns"]
    assert result.metadata["model"] == metadata["model"]
    assert result.metadata["statistics"]["steps"] == metadata["statistics"]["steps"]
    assert result.metadata["config"] == metadata["config"]


def test_method_and_options_are_overrides(cli, tmp_path):
    example = EXAMPLES / "two_spin_superradiance.toml"
    out = tmp_path / "out"
    done = run_cli(cli, "run", example, "--output", out, "--quiet", "--set", "output.plot=false",
                   "--set", "method.name=dicke", "--set", "method.rtol=1e-10")
    assert done.returncode == 0, done.stderr
    _, _, _, values = read_series(out)
    result = openspins.run(example, method="dicke", rtol=1e-10, progress=False)
    assert result.method == "dicke"
    assert np.array_equal(result.values, values)
    assert result.metadata["overrides"] == ['method.name="dicke"', "method.rtol=1e-10"]


def test_single_spin_emission_in_code_follows_the_exponential():
    # ⟨S^z⟩(t) = −½ + e^{−γt} from |↑⟩ under γ D[σ^-]; rtol 1e-10 → agreement to ~1e-9.
    gamma = 0.7
    m = (openspins.Model().spins(count=1, frequency=1.0).zeeman("+").channel("emission", rate=gamma)
         .times(stop=3.0, points=31).observables("Jz").method("exact", rtol=1e-10, atol=1e-12))
    r = openspins.run(m, progress=False)
    assert np.max(np.abs(r["Jz"] - (-0.5 + np.exp(-gamma * r.times)))) < 1e-8


def test_final_state_equals_the_cli_npy_and_dicke_blocks_have_unit_trace(cli, tmp_path):
    example = EXAMPLES / "two_spin_superradiance.toml"
    out = tmp_path / "out"
    done = run_cli(cli, "run", example, "--output", out, "--quiet", "--set", "output.plot=false",
                   "--set", "output.final_state=true")
    assert done.returncode == 0, done.stderr
    r = openspins.run(example, final_state=True, progress=False)
    assert r.final_state.shape == (4, 4)
    assert np.array_equal(r.final_state, np.load(out / "final_state.npy"))
    # The state's ⟨J^z⟩ = Tr(ρ J^z) in openspins' order (bit 0 = ↑, spin 0 least significant).
    jz = np.diag([1.0, 0.0, 0.0, -1.0])
    assert abs(np.trace(r.final_state @ jz).real - r["Jz"][-1]) < 1e-12

    d = openspins.run(example, method="dicke", final_state=True, progress=False)
    assert isinstance(d.final_state, openspins.DickeState)
    assert abs(d.final_state.trace() - 1.0) < 1e-12


def test_steady_state_and_its_density():
    # Emission and absorption at γ↓, γ↑: the steady state has ⟨σ^z⟩ = (γ↑ − γ↓)/(γ↑ + γ↓).
    m = (openspins.Model().spins(count=1, frequency=1.0).zeeman("+")
         .channel("emission", rate=0.3).channel("absorption", rate=0.1)
         .times(stop=1.0, points=3).observables("Jz").method("exact", steady_state=True))
    r = openspins.run(m, steady_state_density=True, progress=False)
    assert abs(r.steady_state["Jz"] - 0.5 * (0.1 - 0.3) / 0.4) < 1e-9
    assert abs(r.steady_state_density[0, 0].real - 0.25) < 1e-9  # p↑ = γ↑/(γ↑ + γ↓)


def test_rates_of_a_single_spin_are_t1_and_t2():
    # 1/T1 = γ, 1/T2 = γ/2 + 2γ_φ (docs/conventions.md), single_spin_t1_t2.toml: γ = 0.1, γ_φ = 0.05.
    rates = openspins.rates(EXAMPLES / "single_spin_t1_t2.toml")
    assert rates.total_dimension == 4 and rates.complete
    single = rates.single_spin[0]
    assert abs(single["rate_t1"] - 0.1) < 1e-12
    assert abs(single["rate_t2"] - 0.15) < 1e-12
    assert sorted(np.round(rates.rate, 12).tolist()) == [0.0, 0.1, 0.15, 0.15]
    assert rates.label[0].startswith("steady state")
    assert len(rates.label) == len(rates.rate) == len(rates.eigenvalues)


def test_check_reports_the_method_and_memory():
    c = openspins.check(EXAMPLES / "n8_local_collective.toml")
    assert c["method"] == "exact" and c["spins"] == 8 and c["memory_estimate_bytes"] > 0


def test_plot_draws_the_columns(tmp_path):
    import matplotlib
    matplotlib.use("Agg")
    r = openspins.run(EXAMPLES / "two_spin_superradiance.toml", progress=False)
    ax = r.plot()
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["Jz", "JpJm", "J2"]  # the run file's plot_columns
    assert ax.get_xlabel() == "t [1/ω]"
    assert np.array_equal(ax.get_lines()[0].get_ydata(), r["Jz"])
    ax.figure.savefig(tmp_path / "plot.png")


def test_a_dicke_final_state_chains_into_the_next_run_exactly():
    # The final state handed back as the initial state (written in the dicke method's text format
    # with 17 digits): the chained run's first row equals the first run's last row bit for bit.
    first = openspins.run(EXAMPLES / "battery_cycle_n6.toml", method="dicke", final_state=True, progress=False)
    m = (openspins.Model().method("dicke").spins(count=6, frequency=1.0).zeeman("+")
         .channel("emission", rate=1.0).initial(first.final_state)
         .times(times=[0.0, 0.01]).observables("Jz", "JpJm", "purity", "trace"))
    second = openspins.run(m, progress=False)
    for column in ("Jz", "JpJm", "purity", "trace"):
        assert second[column][0] == first[column][-1], column
