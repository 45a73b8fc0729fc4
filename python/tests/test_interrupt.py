"""Ctrl-C: SIGINT during a run stops it cleanly and raises KeyboardInterrupt; progress callbacks."""
import os
import signal

import pytest

import openspins
from conftest import EXAMPLES

# Long enough that it cannot finish between the signal and the next output time: N = 8 with
# 2001 output times; the signal is sent from the progress callback once 10 % is done.
LONG = EXAMPLES / "n8_local_collective.toml"


def test_sigint_raises_keyboard_interrupt_and_the_next_run_works():
    seen = []

    def progress(fraction):
        seen.append(fraction)
        if len(seen) == 2:
            os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C would, while the library computes

    with pytest.raises(KeyboardInterrupt):
        openspins.run(LONG, progress=progress, set={"time.points": 2001})
    assert seen[-1] < 1.0  # stopped before the end
    # Python's own SIGINT handler is back, and a later run is unaffected by the old request.
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    r = openspins.run(EXAMPLES / "two_spin_superradiance.toml", progress=False)
    assert len(r) == 251


def test_an_exception_in_the_progress_callback_stops_the_run_and_is_raised():
    class Stop(Exception):
        pass

    def progress(fraction):
        raise Stop("from the callback")

    with pytest.raises(Stop, match="from the callback"):
        openspins.run(LONG, progress=progress)


def test_progress_reaches_one():
    seen = []
    openspins.run(EXAMPLES / "two_spin_superradiance.toml", progress=seen.append)
    assert seen and seen[-1] == 1.0 and all(0.0 <= f <= 1.0 for f in seen)


def test_the_gil_is_released_while_the_library_computes():
    # A run in another thread; the main thread counts while the run sits between two progress
    # calls. Were the GIL held through the computation, the main thread could run only inside
    # the (microsecond) callbacks; released, it counts for the seconds the run takes.
    import threading
    counter = [0]
    marks = []

    def progress(fraction):
        marks.append(counter[0])

    worker = threading.Thread(target=lambda: openspins.run(LONG, progress=progress, set={"time.points": 401}))
    worker.start()
    while worker.is_alive():
        counter[0] += 1
    worker.join()
    assert len(marks) >= 2
    assert marks[-1] - marks[0] > 10000, marks
