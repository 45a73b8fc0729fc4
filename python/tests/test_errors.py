"""Bad input raises ValueError carrying exactly the CLI's message; numerical failure RuntimeError."""
import pytest

import openspins
from conftest import EXAMPLES, run_cli

BASE = """title = "error case"
[spins]
count = 2
frequency = 1.0
[hamiltonian]
zeeman = "+"
[[channel]]
kind = "emission"
rate = 0.5
[time]
stop = 1.0
points = 11
"""

# (name, run-file text, --set overrides): one per class of bad input the CLI tests cover.
CASES = [
    ("syntax", BASE + "[output\n", []),
    ("negative_rate", BASE.replace("rate = 0.5", "rate = -0.5"), []),
    ("unknown_key", BASE.replace("count = 2", "count = 2\ncolour = 3"), []),
    ("wrong_type", BASE.replace("count = 2", "count = 2.0"), []),
    ("missing_zeeman", BASE.replace('zeeman = "+"', ""), []),
    ("bad_expression", BASE + '[[hamiltonian.term]]\nexpr = "sx(0) +"\n', []),
    ("spin_out_of_range", BASE + '[[hamiltonian.term]]\nexpr = "sz(7)"\n', []),
    ("unknown_method", BASE + '[method]\nname = "magic"\n', []),
    ("method_refusal", BASE + '[method]\nname = "dicke"\n[[hamiltonian.term]]\nexpr = "sz(0)"\n', []),
    ("too_many_spins_for_memory", BASE.replace("count = 2", "count = 14") + "[method]\nmemory_limit_gib = 0.001\n", []),
    ("bad_override", BASE, ["method.rtol=-1"]),
    ("missing_density_file", BASE + '[initial]\nkind = "file"\npath = "absent.npy"\n', []),
]


def _python_options(overrides):
    # "method.rtol=-1" → rtol=-1 (a [method] key, as openspins.run passes options)
    out = {}
    for o in overrides:
        key, value = o.split("=", 1)
        assert key.startswith("method.")
        out[key[len("method."):]] = float(value)
    return out


@pytest.mark.parametrize("name,text,overrides", CASES, ids=[c[0] for c in CASES])
def test_value_error_message_equals_cli_stderr(name, text, overrides, cli, tmp_path):
    path = tmp_path / f"{name}.toml"
    path.write_text(text)
    args = ["run", path, "--output", tmp_path / "out", "--quiet"]
    for o in overrides:
        args += ["--set", o]
    done = run_cli(cli, *args)
    assert done.returncode == 2, done.stderr
    assert not (tmp_path / "out").exists()

    with pytest.raises(ValueError) as caught:
        openspins.run(openspins.Model.from_toml(path), progress=False, **_python_options(overrides))
    assert done.stderr == f"openspins: error: {caught.value}\n"
    # Located: in the file, or at the option (the CLI's "--set key: what").
    assert str(caught.value).startswith(f"{path}:" if not overrides else "--set method.rtol: ")


def test_check_and_rates_raise_the_same_message(cli, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(BASE.replace("rate = 0.5", "rate = -0.5"))
    done = run_cli(cli, "check", path)
    for call in (openspins.check, openspins.rates):
        with pytest.raises(ValueError) as caught:
            call(path)
        assert done.stderr == f"openspins: error: {caught.value}\n"


def test_a_model_built_in_code_is_located_in_its_generated_text():
    m = openspins.Model.from_toml(BASE).set("channel[0].rate", -1.0)
    with pytest.raises(ValueError) as caught:
        openspins.run(m, progress=False)
    text, name = m.run_text()
    line = text.splitlines().index("rate = -1.0") + 1
    assert str(caught.value) == f"<model>:{line}: channel[0].rate: must be ≥ 0"


def test_numerical_failure_is_runtime_error():
    # max_steps = 1 cannot reach t = 1: the integrator gives up (CLI exit status 3).
    m = openspins.Model.from_toml(BASE)
    with pytest.raises(RuntimeError):
        openspins.run(m, max_steps=1, progress=False)


def test_bad_qobj_dimensions_are_refused():
    qutip = pytest.importorskip("qutip")
    m = openspins.Model().spins(count=2, frequency=1.0)
    with pytest.raises(ValueError, match="not a tensor product of spin-1/2"):
        m.term(qutip.destroy(3))
    with pytest.raises(ValueError, match="acts on 1 spins, the model has 2"):
        m.term(qutip.sigmax())
