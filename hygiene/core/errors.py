"""Error types and the exit codes they map to.

Every error a user can cause is one of these, and each renders as one line that
names the file (and line, where there is one), so the CLI never shows a traceback.
"""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """The process exit codes documented in the README."""

    CLEAN = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 2  # a bug in hygiene: an error, never 1, which a gate reads as findings
    INPUT = 3
    INTERRUPTED = 130
    READER_GONE = 141  # standard output's reader stopped early (SIGPIPE's 128 + 13)
    TERMINATED = 143  # SIGTERM, as a shell reports a process it ended (128 + 15)


def os_reason(error: OSError) -> str:
    """What an operating-system error says, as the one-line messages here word it
    (``permission denied``, ``no space left on device``)."""
    return (error.strerror or str(error)).lower()


class HygieneError(Exception):
    """Base of all errors that end in a one-line message and an exit code."""

    exit_code: ExitCode = ExitCode.USAGE


class UsageError(HygieneError):
    """A flag, selector or argument that makes no sense."""


class ConfigError(HygieneError):
    """A configuration file that does not validate."""


class RulePackError(HygieneError):
    """A rule pack that does not validate: names the file, the rule and the problem."""

    def __init__(self, path: str, problem: str, rule: str | None = None) -> None:
        where = f"{path}: rule {rule}" if rule else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.rule = rule
        self.problem = problem

    def __reduce__(self) -> tuple[type[RulePackError], tuple[str, str, str | None]]:
        return (type(self), (self.path, self.problem, self.rule))


class ReportInvalidError(HygieneError):
    """A report that fails its own schema: a bug in hygiene, never written out."""


class InputError(HygieneError):
    """An input that could not be read; the run goes on with the others."""

    exit_code = ExitCode.INPUT

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, int | None]]:
        """Picklable, so errors met in --jobs workers reach the parent."""
        return (type(self), (self.path, self.problem, self.line))


class RuleTimeoutError(InputError):
    """A rule whose patterns ran out of time on a document: that rule was stopped there,
    the document's other rules ran, and the run goes on (exit 3)."""


def rule_timed_out(
    path: str, code: str, pack: str, seconds: object, line: int | None
) -> RuleTimeoutError:
    """The error a rule's timeout becomes, naming the document, the rule and its pack."""
    return RuleTimeoutError(
        path,
        f"rule {code} of {pack} ran out of time ({seconds} s a search) and was stopped on "
        "this document; its other rules ran (simplify the pattern: nested repeats such as "
        "(a|aa)+ backtrack)",
        line,
    )
