"""The ``hygiene`` command: parse flags, run the pipeline, map outcomes to exit codes.

Nothing here detects or formats; it wires the pieces together. A module a job:
``commands`` (the command group), ``options`` (flags several commands share), ``check``,
``fix``, ``info`` (``config``, ``rules``, ``schema``) and ``exits`` (how a run ends: every
HygieneError one line on stderr and its exit code, signals, a bug never exit 1). Each
command imports what it needs when it runs, so that a one-file check starts fast; this
module imports nothing before the Ctrl-C handler is in place.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command and exit with its code; user errors never show a traceback, a bug
    exits 2, the code of errors, never 1, the code of findings, and a Ctrl-C 130 from the
    moment the process runs this."""
    from hygiene.support import interrupt

    interrupt.catch()
    try:
        from hygiene.cli import exits
        from hygiene.cli.commands import cli
    except BaseException:
        if interrupt.received():  # while the commands loaded
            sys.exit(interrupt.say_interrupted())
        raise
    sys.exit(exits.run(cli, argv))
