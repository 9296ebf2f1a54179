"""How a run ends: every outcome of a command becomes one exit code and at most one line.

User errors never show a traceback; a bug exits 2, the code of errors, never 1, the
code of findings, which a gate would read as "findings"; SIGTERM, Ctrl-C, a reader
that went away and a full disk on standard output each get their own code.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Sequence

import click

from hygiene.core.errors import ExitCode, HygieneError, os_reason
from hygiene.support import interrupt

# Set by --verbose, or by HYGIENE_TRACEBACK=1 in the environment: an internal error then
# shows its traceback, not only its one line.
TRACEBACK_VARIABLE = "HYGIENE_TRACEBACK"
_traceback_wanted = False

# What writing standard output can meet (files hygiene writes raise WriteError instead).
_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


class Terminated(BaseException):
    """SIGTERM, raised where the process stands so that every ``finally`` and context
    manager runs: temporary files go, worker processes are stopped. Not an Exception,
    so that nothing on the way mistakes it for an error to report and carry on."""


def want_traceback() -> None:
    """``--verbose`` was given: an internal error shows its traceback."""
    global _traceback_wanted
    _traceback_wanted = True


def say_error(error: object) -> None:
    """One line on stderr; a file name can hold an ANSI escape or a bidi override too."""
    from hygiene.support.escape import escape_for_terminal

    click.echo(f"hygiene: error: {escape_for_terminal(str(error))}", err=True)


def run(command: click.Group, argv: Sequence[str] | None) -> int:
    """Run ``command`` and say how it ended, as the exit code of the process. After a
    Ctrl-C the run ended as interrupted, whatever the interrupt broke on its way
    (``support.interrupt``)."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)  # a CI cancel: the same clean-up as Ctrl-C
    try:
        code = _flushed(command.main(args=argv, prog_name="hygiene", standalone_mode=False))
    except BaseException as error:
        interrupted = interrupt.received() and not isinstance(error, Terminated)
        code = _ended_by(KeyboardInterrupt() if interrupted else error)
    else:
        if interrupt.received():  # swallowed on its way, and the run went on
            code = interrupt.say_interrupted()
    return int(code or 0)


def _ended_by(error: BaseException) -> int:
    """The exit code of a run that ``error`` ended, said in at most one line."""
    match error:
        case SystemExit():
            # click ends a run whose reader went away (EPIPE) with exit 1, the code of
            # findings; the run did not finish, which is what 141 (SIGPIPE's) says.
            stopped = type(sys.stdout).__name__ == "_PacifyFlushWrapper"
            return ExitCode.READER_GONE if stopped else int(error.code or 0)
        case Terminated():
            click.echo("hygiene: terminated", err=True)
            return ExitCode.TERMINATED
        case KeyboardInterrupt() | click.exceptions.Abort():
            return interrupt.say_interrupted()
        case click.exceptions.ClickException():
            error.show()
            return ExitCode.USAGE if error.exit_code == 2 else error.exit_code
        case HygieneError():
            say_error(error)
            return error.exit_code
        case OSError() if error.errno in _OUTPUT_ERRORS:
            return _say_stdout_failed(error)  # a report streamed to standard output met a full disk
        case Exception():  # a bug: never exit 1, which a gate reads as "findings"
            _say_internal_error(error)
            return ExitCode.INTERNAL
    raise error


def _flushed(code: int) -> int:
    """The command's exit code once its output is out: a full disk shows here (as an
    OSError), not as a cut report and exit 0. A reader that stopped early (``| head``)
    is no error: the run's code stands."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # it read what it wanted: the run itself was whole
        _discard_stdout()
    except OSError as error:  # a full disk, a closed terminal
        return _say_stdout_failed(error)
    return code


def _say_stdout_failed(error: OSError) -> int:
    say_error(f"cannot write to standard output: {os_reason(error)}")
    _discard_stdout()
    return ExitCode.USAGE


def _terminate(_signal: int, _frame: object) -> None:
    raise Terminated


def _discard_stdout() -> None:
    """Standard output could not take the report: what is still buffered must not be
    flushed again at exit, which would print a second error."""
    with contextlib.suppress(OSError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until the process ends


def _say_internal_error(error: Exception) -> None:
    """One line naming the exception; the traceback only when asked for."""
    from hygiene.support.escape import escape_for_terminal

    if _traceback_wanted or os.environ.get(TRACEBACK_VARIABLE, "") not in ("", "0"):
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    lines = str(error).strip().splitlines()
    summary = type(error).__name__ + (f": {lines[0]}" if lines else "")
    click.echo(
        f"hygiene: internal error: {escape_for_terminal(summary)} "
        f"(a bug in hygiene; --verbose or {TRACEBACK_VARIABLE}=1 shows the traceback)",
        err=True,
    )
