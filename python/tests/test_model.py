"""openspins.Model: the TOML round trip on every example, building a model in code, key paths."""
import pathlib

import pytest

import openspins
from conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.toml"))


def test_there_are_examples():
    assert len(EXAMPLE_FILES) >= 10


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_toml_round_trip_is_exact(path):
    # text → model → text → model: equal documents (values bit for bit, types kept), and the
    # generated text is a fixed point of the writer.
    read = openspins.Model.from_toml(path)
    text = read.to_toml()
    again = openspins.Model.from_toml(text)
    assert again == read
    assert again.to_toml() == text
    # Floats stay floats and integers stay integers (count = 2 is not count = 2.0).
    def types(node):
        if isinstance(node, dict):
            return {k: types(v) for k, v in node.items()}
        if isinstance(node, list):
            return [types(v) for v in node]
        return type(node).__name__
    assert types(again.data) == types(read.data)


def test_round_trip_keeps_awkward_values():
    m = openspins.Model({"title": 'quote " backslash \\ tab \t and ü', "method": {"name": "exact", "rtol": 1e-300},
                         "spins": {"count": 2, "frequency": 0.1 + 0.2},
                         "output": {"custom": {"my.obs": "sz(0)"}}})
    back = openspins.Model.from_toml(m.to_toml())
    assert back == m
    assert back.data["spins"]["frequency"] == 0.30000000000000004


def test_model_built_in_code_equals_the_run_file():
    # examples/two_spin_superradiance.toml, written with the builders.
    built = (openspins.Model(title="Two-spin superradiance")
             .spins(count=2, frequency=1.0).zeeman("+")
             .channel("collective_emission", rate=1.0)
             .times(stop=5.0, points=251).observables("Jz", "J2", "JpJm", "purity", "trace")
             .output(plot_columns=["Jz", "JpJm", "J2"]))
    read = openspins.Model.from_toml(EXAMPLES / "two_spin_superradiance.toml")
    assert built.data == read.data


def test_an_unchanged_model_runs_from_its_own_text_a_changed_one_from_the_generated_text():
    path = EXAMPLES / "two_spin_superradiance.toml"
    m = openspins.Model.from_toml(path)
    assert m.run_text() == (path.read_text(), str(path))
    m.set("channel[0].rate", 2.0)
    assert m.data["channel"][0]["rate"] == 2.0
    text, name = m.run_text()
    assert name == f"{path} (modified)"
    assert openspins.Model.from_toml(text).data == m.data


def test_set_creates_missing_tables():
    m = openspins.Model().set("method.rtol", 1e-10).set('output.custom."a.b"', "sz(0)")
    assert m.data == {"method": {"rtol": 1e-10}, "output": {"custom": {"a.b": "sz(0)"}}}


def test_protocol_builders_write_the_run_file_keys():
    m = (openspins.Model().pulse("x", angle_deg=90)
         .repeat(3, [openspins.evolve_step(0.5, scale={"emission": 0.0}), openspins.pulse_step("y")], label="cycle"))
    assert m.data["protocol"] == [
        {"pulse": {"axis": "x", "angle_deg": 90}},
        {"repeat": 3, "steps": [{"evolve": 0.5, "scale": {"emission": 0.0}},
                                 {"pulse": {"axis": "y", "angle_deg": 180}}], "label": "cycle"}]
    assert openspins.Model.from_toml(m.to_toml()) == m


def test_save_writes_a_file_the_loader_reads(tmp_path: pathlib.Path):
    m = openspins.Model.from_toml(EXAMPLES / "hahn_echo.toml")
    m.save(tmp_path / "copy.toml")
    assert openspins.Model.from_toml(tmp_path / "copy.toml") == m


def test_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        openspins.Model.from_toml(tmp_path / "absent.toml")
