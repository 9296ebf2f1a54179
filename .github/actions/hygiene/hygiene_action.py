"""The GitHub Action's work, runnable anywhere: install hygiene, then check with it.

``action.yml`` runs ``python3 hygiene_action.py install`` and then, with the Python it
installed into, ``hygiene_action.py check``. Inputs come as GitHub hands them to an action,
environment variables named ``INPUT_<NAME>`` (``action.yml`` passes each one), and outputs
go to the file ``GITHUB_OUTPUT`` names, so the script runs the same outside GitHub: `.ci/run`
runs ``check`` on this repository with the variables set by hand.

Inputs:

- ``INPUT_VERSION``: what ``install`` gives pip; empty for this repository at the ref the
  action was used at (the action's own checkout, so the action and the checker agree).
- ``INPUT_ARGS``: the arguments of ``hygiene check``, split as a shell splits them, without
  expanding anything (default ``.``).
- ``INPUT_SARIF``: ``true`` to write a SARIF report too, into ``RUNNER_TEMP``; its path is
  the ``sarif-file`` output, which the upload step reads.
- ``INPUT_CHANGED_ONLY``: ``true`` to report only findings on lines changed since the base of
  the pull request (or the commit before a push), read from the event ``GITHUB_EVENT_PATH``
  names, through ``hygiene check --diff-base``.

Standard library only: ``install`` runs before hygiene exists.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

# The repository the action lives in: .github/actions/hygiene/ is three folders down.
REPOSITORY = Path(__file__).resolve().parents[3]
NO_COMMIT = "0" * 40  # a push that created the branch has no commit before it
# Events whose payload names the commit their changes are measured from.
BASES = {
    "pull_request": ("pull_request", "base", "sha"),
    "pull_request_target": ("pull_request", "base", "sha"),
    "merge_group": ("merge_group", "base_sha"),
    "push": ("before",),
}


class ActionError(Exception):
    """A problem with the inputs or the repository, said in one line."""


def flag(name: str, default: bool) -> bool:
    """A true/false input, as GitHub writes booleans."""
    value = os.environ.get(f"INPUT_{name}", "").strip().lower()
    if not value:
        return default
    if value not in ("true", "false"):
        raise ActionError(f"input {name.lower().replace('_', '-')}: {value!r} is not true or false")
    return value == "true"


def set_output(name: str, value: str) -> None:
    """Hand a value to the following steps, when run by GitHub."""
    target = os.environ.get("GITHUB_OUTPUT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(f"{name}={value}\n")


def requirement(version: str) -> str:
    """What pip installs: the input as given (``text-hygiene==0.2.0``, ``git+https://...@v0.2.0``,
    a path), or, when it is empty, this repository as the action's checkout holds it."""
    version = version.strip()
    if version:
        return version
    if not (REPOSITORY / "setup.cfg").is_file():
        raise ActionError(f"{REPOSITORY} is not hygiene's repository: give the version input")
    return str(REPOSITORY)


def names_a_report(args: list[str]) -> bool:
    """Whether the arguments already say where a report goes (``--format``, ``-o``)."""
    return any(
        arg in ("--format", "-o", "--output") or arg.startswith(("--format=", "--output="))
        for arg in args
    )


def install() -> int:
    """Make a virtual environment in RUNNER_TEMP and install hygiene into it; its Python is
    the ``python`` output (pip cannot install into a runner's system Python, PEP 668)."""
    # This runs on whatever Python the runner has (ubuntu-22.04's is 3.10), not hygiene's.
    if sys.version_info < (3, 11):  # noqa: UP036
        raise ActionError("hygiene needs Python 3.11 or newer: run actions/setup-python first")
    home = Path(os.environ.get("RUNNER_TEMP") or tempfile.mkdtemp()) / "hygiene-venv"
    venv.create(home, with_pip=True, clear=True)
    python = home / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    wanted = requirement(os.environ.get("INPUT_VERSION", ""))
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, wanted], check=True)
    set_output("python", str(python))
    return 0


def diff_base() -> str | None:
    """The commit the event's changes start from, fetched if the checkout lacks it (a
    shallow clone holds only the commit it checked out); None when the event has none."""
    event_name = os.environ.get("GITHUB_EVENT_NAME", "")
    event_path = os.environ.get("GITHUB_EVENT_PATH", "")
    if event_name not in BASES or not event_path:
        print(f"hygiene: changed-only: a {event_name or 'local'} run has no base commit; "
              "every line is checked")  # fmt: skip
        return None
    node = json.loads(Path(event_path).read_text(encoding="utf-8"))
    for key in BASES[event_name]:
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, str) or node == NO_COMMIT:
        print(f"hygiene: changed-only: this {event_name} event names no earlier commit; "
              "every line is checked")  # fmt: skip
        return None
    if not re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", node):  # goes to git as an argument
        raise ActionError(f"changed-only: the event's base {node!r} is not a commit id")
    have = ["git", "cat-file", "-e", f"{node}^{{commit}}"]
    if subprocess.run(have, capture_output=True, check=False).returncode != 0:
        fetch = ["git", "fetch", "--quiet", "--no-tags", "--depth=1", "origin", node]
        if subprocess.run(fetch, check=False).returncode != 0:
            raise ActionError(
                f"changed-only: cannot fetch the base commit {node}; "
                "check out with fetch-depth: 0, or set changed-only: false"
            )
    return node


def check_command() -> tuple[list[str], Path | None]:
    """The ``hygiene check`` command the inputs ask for, and where its SARIF report goes."""
    try:
        args = shlex.split(os.environ.get("INPUT_ARGS", "") or ".")
    except ValueError as problem:  # an unclosed quote
        raise ActionError(f"input args: {problem}") from None
    command = [sys.executable, "-m", "hygiene", "check", *args]
    if not names_a_report(args):
        # The log: annotations on GitHub (they print the text report too), else text.
        command += ["--format", "github" if os.environ.get("GITHUB_ACTIONS") else "text"]
    sarif = None
    if flag("SARIF", default=True):
        folder = Path(os.environ.get("RUNNER_TEMP") or tempfile.mkdtemp(prefix="hygiene-"))
        sarif = folder / "hygiene.sarif"
        sarif.unlink(missing_ok=True)  # a report left by an earlier run is not this one's
        command += ["--format", f"sarif:{sarif}"]
    if flag("CHANGED_ONLY", default=False) and (base := diff_base()) is not None:
        command += ["--diff-base", base]
    return command, sarif


def check() -> int:
    """Run hygiene check; its exit code is the step's (1: findings fail the job)."""
    command, sarif = check_command()
    print("hygiene:", shlex.join(["hygiene", *command[3:]]), flush=True)
    code = subprocess.run(command, check=False).returncode
    if sarif is not None and sarif.is_file():
        set_output("sarif-file", str(sarif))
    set_output("exit-code", str(code))
    return code


def main(argv: list[str]) -> int:
    steps = {"install": install, "check": check}
    if len(argv) != 1 or argv[0] not in steps:
        print("usage: hygiene_action.py install|check", file=sys.stderr)
        return 2
    try:
        return steps[argv[0]]()
    except (ActionError, subprocess.CalledProcessError) as problem:
        print(f"::error::hygiene action: {problem}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
