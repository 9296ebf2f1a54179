"""Ctrl-C, wherever it lands: the command line's SIGINT handler, and whether one came.

Python's own handler raises KeyboardInterrupt where the process stands. Where that is the
import machinery or a clean-up callback, the exception can come out as another one (a
SyntaxError, "can't load unicodedata module") or be printed and dropped ("Exception
ignored in ..."), and the run goes on to end with a code that says something else: 1, the
code of findings, or 2, a bug. This handler raises it just the same, and remembers it: the
run ends as interrupted whatever the interrupt broke on its way, and no file is committed
after it.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType

from hygiene.core.errors import ExitCode

_received = False


def _interrupt(_signal: int, _frame: FrameType | None) -> None:
    global _received
    _received = True
    raise KeyboardInterrupt


def catch() -> None:
    """Handle Ctrl-C from here on; the command line does so before it loads anything."""
    signal.signal(signal.SIGINT, _interrupt)


def received() -> bool:
    return _received


def stop_if_received() -> None:
    """Raise the Ctrl-C that something swallowed: asked before a file is committed."""
    if _received:
        raise KeyboardInterrupt


def say_interrupted() -> int:
    """The one line of an interrupted run, and its exit code."""
    sys.stderr.write("hygiene: interrupted\n")
    sys.stderr.flush()
    return ExitCode.INTERRUPTED
