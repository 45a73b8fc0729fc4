#!/usr/bin/env bash
# Installs what openspins needs from Debian's packages. Idempotent, non-interactive:
# does nothing when everything is present.
set -euo pipefail

packages=(
  build-essential cmake ccache git
  libeigen3-dev libgsl-dev libsundials-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
  libgtest-dev libbenchmark-dev libarpack2-dev
  libhdf5-dev libopenmpi-dev openmpi-bin  # sweeps: HDF5 results, MPI ranks (docs/sweeps.md)
  clang libclang-rt-14-dev  # the sanitizer job and libFuzzer (make sanitize, make fuzz)
  libomp-dev  # OpenMP for the clang build (gcc brings libgomp)
  python3-numpy python3-matplotlib python3-qutip
  python3-dev pybind11-dev python3-pytest python3-tqdm  # the Python module and its tests (docs/python.md)
  python3-h5py python3-xarray python3-h5netcdf  # reading sweep results (docs/sweeps.md, tests/sweep)
  time
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
