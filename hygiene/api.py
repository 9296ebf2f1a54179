"""The one pipeline behind the CLI and the library: paths or text in, a Report out.

Per document: rules (engine) -> per-file ignores -> inline directives ->
fingerprints. Per run: results in path order -> changed-lines filter -> baseline.
"""

from __future__ import annotations

import collections
import contextlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from hygiene.config.globs import glob_matches
from hygiene.config.settings import Config
from hygiene.core.corpus import LineCounts, count_documents
from hygiene.core.document import Document
from hygiene.core.engine import check_document
from hygiene.core.errors import InputError, UsageError
from hygiene.core.finding import Finding
from hygiene.core.segment import Segmenter
from hygiene.gate.baseline import compare, read_baseline, with_fingerprints
from hygiene.gate.suppression import apply_directives
from hygiene.groups.language.identifier import document_language
from hygiene.groups.provenance.sources import provenance_of, provenance_record
from hygiene.inputs.decoding import document_from_bytes, read_bytes, too_large
from hygiene.inputs.discovery import STDIN, STDIN_DISPLAY, Input, discover
from hygiene.inputs.jsonl import Line, is_jsonl, iter_documents, line_documents, read_lines
from hygiene.registry.packs import RuleSet, load_ruleset
from hygiene.report.model import DocumentRecord, Report, result_lines
from hygiene.run.progress import Progress
from hygiene.text.scripts import script_counts

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

Result = tuple[DocumentRecord, list[Finding]]


@dataclass
class InputResult:
    """What checking one input (or a run of its lines) gave: a result per document, and the
    errors met, each with the number of results before it."""

    results: list[Result] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    error_positions: list[int] = field(default_factory=list)
    # The finding and error records, serialised, when a --jobs worker wrote them.
    records: list[str] | None = None

    def add_error(self, error: InputError) -> None:
        self.errors.append(error)
        self.error_positions.append(len(self.results))

    def in_order(self) -> Iterator[Result | InputError]:
        """Results and errors in the order they were met: a streamed record's error sits
        between the documents of the lines around it, however the run was split."""
        done = 0
        for position, error in zip(self.error_positions, self.errors, strict=True):
            yield from self.results[done:position]
            done = position
            yield error
        yield from self.results[done:]

    def counts(self) -> tuple[int, int, int]:
        """Documents, bytes of text and findings, for progress."""
        size = sum(record.source.size for record, _ in self.results)
        return len(self.results), size, sum(len(found) for _, found in self.results)


class Checker:
    """A configured RuleSet, loaded once, that checks one document at a time."""

    def __init__(
        self,
        config: Config | None = None,
        ruleset: RuleSet | None = None,
        base: str | None = None,
        describe: bool = True,
    ) -> None:
        """``base`` is the folder display paths are relative to (the caller's working
        folder, which a cluster worker does not share). ``describe=False`` leaves out
        what only the report's document list shows (scripts, language, quotations):
        a streamed corpus run writes findings alone and need not compute it."""
        self.config = config or Config()
        self.describe = describe
        self.base = base or os.getcwd()
        full = ruleset or load_ruleset(self.config.rule_packs)
        self.ruleset = full.configure(self.config)
        self._active = frozenset(r.code for r in self.ruleset.rules)
        self._ignore_cache: dict[tuple[str, ...], frozenset[str]] = {}
        self._written: frozenset[str] = frozenset()
        self._output_folder: str | None = None
        self.corpus: LineCounts | None = None

    def count_lines(self, inputs: Sequence[Input], stdin: bytes | None = None) -> None:
        """Read the run once to count its lines, when a rule compares documents (BP010).

        Unreadable inputs are skipped here; the check proper reports them.
        """
        if self.corpus is not None or not any(r.reads_corpus for r in self.ruleset.rules):
            return
        self.corpus = count_documents(
            document
            for item in inputs
            for document in self.documents(item, stdin)
            if isinstance(document, Document)
        )

    def _relative(self, path: str) -> str | None:
        """A display path relative to the config's folder, where globs apply."""
        if path == STDIN_DISPLAY:
            return None
        root = os.path.join(self.base, self.config.root)
        return os.path.relpath(os.path.join(self.base, path), root).replace(os.sep, "/")

    def _ignored_here(self, relative: str | None) -> tuple[str, ...]:
        if relative is None:
            return ()
        return tuple(
            selector
            for pattern, selectors in self.config.per_file_ignores.items()
            if glob_matches(pattern, relative)
            for selector in selectors
        )

    def _ignored_codes(self, selectors: tuple[str, ...]) -> frozenset[str]:
        """The codes per-file-ignore selectors name, resolved once per set of selectors."""
        codes = self._ignore_cache.get(selectors)
        if codes is None:
            codes = (
                frozenset(r.code for r in self.ruleset.select(selectors).rules)
                if selectors
                else frozenset()
            )
            self._ignore_cache[selectors] = codes
        return codes

    def _declared(self, table: Mapping[str, Any], path: str) -> Any:
        """The value a config table of globs gives ``path``; the last matching glob wins."""
        relative = self._relative(path)
        value = None
        if relative is not None:
            for pattern, candidate in table.items():
                if glob_matches(pattern, relative):
                    value = candidate
        return value

    def leave_out(self, files: Iterable[str | None], folder: str | None = None) -> None:
        """What the run writes, which a walk never reads back as input (a second run into
        the same tree would): ``files`` (its report, its baseline), and in ``folder`` (an
        output folder) the findings files, markers and temporary files a run writes there;
        whatever else that folder holds is still input."""
        self._written = frozenset(os.path.realpath(p) for p in files if p)
        self._output_folder = os.path.realpath(folder) if folder else None

    def excluded(self, display: str) -> bool:
        """Whether the exclusions (the defaults, ``exclude``, ``extend-exclude``) or the
        run's own outputs leave this walked path (a file or a folder) out."""
        if self._written or self._output_folder:
            real = os.path.realpath(os.path.join(self.base, display))
            if real in self._written:
                return True
            folder = self._output_folder
            if folder and real.startswith(folder + os.sep) and _written_by_a_run(real):
                return True
        relative = self._relative(display)
        if relative is None or relative.startswith("../"):
            return False
        parts = relative.split("/")
        prefixes = ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]
        return any(glob_matches(pattern, prefix) for pattern in self.config.excluded_globs
                   for prefix in prefixes)  # fmt: skip

    def declared_languages(self, document: Document) -> tuple[str, ...]:
        """Front matter ``lang``/``language`` first, then the config's globs; a list means
        a bilingual document."""
        value = document.metadata.get("lang") or document.metadata.get("language")
        if not isinstance(value, str | list):
            value = self._declared(self.config.languages, document.path)
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else tuple(str(v) for v in value)

    def declared_encoding(self, path: str) -> str | None:
        encoding = self._declared(self.config.encodings, path)
        return str(encoding) if encoding else None

    def load(self, item: Input, stdin: bytes | None = None) -> Document:
        """Read and decode one input, with the encoding the config declares for it."""
        limit = self.config.max_document_bytes
        if item.path == STDIN:
            data = stdin or b""
            if len(data) > limit:
                raise too_large(item.display, len(data), limit)
        else:
            data = read_bytes(item.path, item.display, limit)
        return document_from_bytes(
            data, item.display, declared=self.declared_encoding(item.display)
        )

    def documents(self, item: Input, stdin: bytes | None = None) -> Iterator[Document | InputError]:
        """The documents of one input: a file is one, a JSON Lines shard one per text field."""
        if item.path != STDIN and is_jsonl(item.path):
            yield from iter_documents(
                item.path, item.display, self.config.text_fields, self.config.id_field,
                self.config.max_document_bytes,
            )  # fmt: skip
            return
        try:
            yield self.load(item, stdin)
        except InputError as error:
            yield error

    def iter_input(self, item: Input, stdin: bytes | None = None) -> Iterator[InputResult]:
        """One result a document (or error) as they come: a shard of any size streams."""
        for document in self.documents(item, stdin):
            yield self._gathered([document])

    def check_input(self, item: Input, stdin: bytes | None = None) -> InputResult:
        """Check every document of one input: the unit of work of Dask, and of --jobs for
        a file that is not a shard."""
        return self._gathered(self.documents(item, stdin))

    def check_lines(self, item: Input, lines: Iterable[Line]) -> InputResult:
        """Check a run of a shard's lines, read by another process: the unit of work of
        --jobs on shards, so that a single large shard still keeps every core busy."""
        config = self.config
        return self._gathered(
            document
            for line in lines
            for document in line_documents(
                line, item.display, config.text_fields, config.id_field, config.max_document_bytes
            )
        )

    def _gathered(self, documents: Iterable[Document | InputError]) -> InputResult:
        outcome = InputResult()
        for document in documents:
            if isinstance(document, InputError):
                outcome.add_error(document)
                continue
            errors: list[InputError] = []
            outcome.results.append(self.check(document, errors))
            for error in errors:  # after the document's findings, as a stream writes them
                outcome.add_error(error)
        return outcome

    def check(self, document: Document, errors: list[InputError] | None = None) -> Result:
        """Check one document. A rule stopped by its timeout is named in ``errors``; without
        it, the error is raised (a caller that cannot report a partial check)."""
        declared = self.declared_languages(document)
        segments = Segmenter(document.text)
        found = check_document(
            document, self.ruleset.rules, declared, self.config.identifier, self.corpus,
            segments, errors,
        )  # fmt: skip
        ignored = self._ignored_codes(self._ignored_here(self._relative(document.path)))
        if ignored:
            found = [f for f in found if f.code not in ignored]
        outcome = apply_directives(
            document,
            found,
            self._active,
            enabled=self.config.honours_directives(document.record is not None),
        )
        findings = with_fingerprints(document, outcome.kept)
        record = DocumentRecord(
            source=document.source,
            format=document.format,
            scripts={},
            findings=len(findings),
            suppressed=outcome.suppressed,
            metadata=document.metadata,
            record=document.record,
        )
        if self.describe:
            record = replace(
                record,
                scripts=dict(script_counts(document.text)),
                language=document_language(document, declared),
                provenance=provenance_record(document, provenance_of(document, segments)),
            )
        return record, findings

    def report(self, results: Iterable[Result], errors: Sequence[InputError] = ()) -> Report:
        """Assemble results in a fixed order, whatever order they were produced in."""
        ordered = sorted(results, key=lambda result: result[0].sort_key)
        findings = [finding for _, found in ordered for finding in found]
        return Report(
            config=self.config,
            rules=self.ruleset.rules,
            packs=self.ruleset.packs,
            documents=tuple(record for record, _ in ordered),
            findings=tuple(sorted(findings, key=lambda finding: finding.sort_key)),
            errors=tuple(sorted(errors, key=lambda error: (error.path, error.line or 0))),
        )


# The names of what a corpus run writes into an output folder (hygiene.run.stream writes
# them; a walk leaves them out).
FINDINGS_SUFFIX = ".findings.jsonl"
DONE_SUFFIX = ".done"
TEMPORARY_PREFIX = ".hygiene-"


def _written_by_a_run(path: str) -> bool:
    name = os.path.basename(path)
    endings = (FINDINGS_SUFFIX, FINDINGS_SUFFIX + DONE_SUFFIX)
    return name.endswith(endings) or name.startswith(TEMPORARY_PREFIX)


def check_text(
    text: str,
    *,
    path: str = "<text>",
    config: Config | None = None,
    checker: Checker | None = None,
) -> Report:
    """Check a string as if it were a UTF-8 file at ``path``.

    Without ``checker`` each call loads the rule set anew; a pipeline that checks many
    texts makes one ``Checker(config)`` and passes it to every call.
    """
    if checker is None:
        checker = Checker(config)
    elif config is not None and config != checker.config:
        raise UsageError("check_text: pass a config or a checker made with it, not both")
    document = document_from_bytes(text.encode("utf-8"), path)
    errors: list[InputError] = []
    return checker.report([checker.check(document, errors)], errors)


def on_changed_lines(finding: Finding, changed: Mapping[str, frozenset[int] | None]) -> bool:
    """Whether a finding touches a changed line; ``None`` for a path means all are new."""
    if finding.path not in changed:
        return False
    lines = changed[finding.path]
    span = finding.span
    return lines is None or any(n in lines for n in range(span.line, span.end_line + 1))


def only_changed_lines(report: Report, changed: Mapping[str, frozenset[int] | None]) -> Report:
    """Keep findings on changed lines."""
    kept = tuple(f for f in report.findings if on_changed_lines(f, changed))
    return replace(report, findings=kept)


def check_paths(
    paths: Sequence[str],
    *,
    config: Config | None = None,
    ruleset: RuleSet | None = None,
    stdin: bytes | None = None,
    baseline: str | None = None,
    diff_base: str | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    quiet: bool = True,
    written: Sequence[str | None] = (),
    stdin_filename: str | None = None,
) -> Report:
    """Check files and folders; unreadable inputs are reported, the others still checked.

    ``diff_base`` keeps only findings on lines changed since that git ref;
    ``baseline`` drops findings recorded in that baseline file and lists its stale entries.
    ``written`` names the files the caller will write, which a walk leaves out.
    ``stdin_filename`` is the path standard input stands for (an editor's buffer).
    """
    checker = Checker(config, ruleset)
    checker.leave_out(written)
    entries = read_baseline(baseline) if baseline else None
    inputs, errors = discover(paths, checker.excluded, checker.config.force_exclude, stdin_filename)
    results = []
    with Progress(quiet) as progress:
        for _, done in check_inputs(checker, inputs, stdin, jobs, scheduler):
            results.extend(done.results)
            errors.extend(done.errors)
            progress.advance(*done.counts())
    report = checker.report(results, errors)
    if entries is not None and baseline is not None:
        outcome = compare(baseline, report.findings, entries)
        report = replace(report, findings=outcome.kept, baseline=outcome)
    if diff_base is not None:
        from hygiene.gate.git_diff import changed_lines

        changed = changed_lines(diff_base, {item.display: item.path for item in inputs})
        report = replace(only_changed_lines(report, changed), diff_base=diff_base)
    return report


_WORKER: Checker | None = None
_WORKER_COUNTS: str | None = None  # the file the worker's line counts were read from


def _start_worker(config: Config, describe: bool) -> None:
    """Each worker process loads the rule packs once, and ends with its parent: a run
    killed outright (SIGKILL) can stop nothing, so each worker watches for it."""
    global _WORKER
    _WORKER = Checker(config, describe=describe)
    import multiprocessing
    import threading

    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()


def _end_with(sentinel: int) -> None:
    from multiprocessing.connection import wait

    wait([sentinel])  # ready when the parent process is gone
    os._exit(1)


def _ready() -> None:
    """A task that only starts a worker: workers load while the parent counts lines."""


def _work(
    item: Input, lines: list[Line] | None, counts: str | None, serialise: bool
) -> InputResult:
    """Check one input, or a batch of its lines, with the run's line counts, read once per
    worker from ``counts``; with ``serialise``, write its records too, so that the main
    process, which every result passes through, only copies them out."""
    global _WORKER_COUNTS
    assert _WORKER is not None
    if counts != _WORKER_COUNTS:
        _WORKER.corpus = _read_counts(counts) if counts else None
        _WORKER_COUNTS = counts
    done = _WORKER.check_input(item) if lines is None else _WORKER.check_lines(item, lines)
    if serialise:
        done.records = result_lines(done.in_order())
    return done


def _read_counts(path: str) -> LineCounts:
    import pickle  # only --jobs runs share counts through a file

    with open(path, "rb") as handle:
        counts: LineCounts = pickle.load(handle)  # written by this run, in its own folder
    return counts


@contextlib.contextmanager
def _shared(corpus: LineCounts | None, scratch: str | None = None) -> Iterator[str | None]:
    """The run's line counts in a temporary file that every worker reads once (a task's
    arguments are pickled with every task; the counts may be a 16 MiB table). It is made
    in ``scratch`` when given (an output folder, which a rerun clears of what a killed
    run left), else in the system's temporary folder."""
    if corpus is None:
        yield None
        return
    import pickle
    import tempfile

    with tempfile.TemporaryDirectory(prefix=".hygiene-", suffix=".tmp", dir=scratch) as folder:
        path = os.path.join(folder, "line-counts.pickle")
        with open(path, "wb") as handle:
            pickle.dump(corpus, handle, protocol=pickle.HIGHEST_PROTOCOL)
        yield path


def default_jobs(inputs: Sequence[Input]) -> int:
    """All cores for corpora (JSON Lines shards), one process for a handful of files."""
    if any(item.path != STDIN and is_jsonl(item.path) for item in inputs):
        return os.cpu_count() or 1
    return 1


def check_inputs(
    checker: Checker,
    inputs: Sequence[Input],
    stdin: bytes | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    serialise: bool = False,
    scratch: str | None = None,
) -> Iterator[tuple[Input, InputResult]]:
    """Check inputs in order: in this process, over ``jobs`` processes, or on a Dask cluster.

    Each input gives one result or more (a shard checked over several processes, a batch
    of lines each), in input order however they are computed, so reports are identical
    for any ``jobs`` and for a cluster. ``serialise`` asks worker processes for their
    results' JSON Lines records as well (``InputResult.records``). ``scratch`` is where
    temporary files go (see ``_shared``).
    """
    if scheduler is not None:
        checker.count_lines(inputs, stdin)
        yield from zip(inputs, _on_cluster(checker, inputs, scheduler), strict=True)
        return
    workers = min(jobs or default_jobs(inputs), os.cpu_count() or 1, _most_tasks(inputs))
    if workers <= 1 or any(item.path == STDIN for item in inputs):
        checker.count_lines(inputs, stdin)
        for item in inputs:
            yield item, checker.check_input(item, stdin)
        return
    with _Workers(workers, checker, serialise) as pool:
        checker.count_lines(inputs)  # while the workers start
        with _shared(checker.corpus, scratch) as counts:
            pool.counts = counts
            waiting: collections.deque[_Task] = collections.deque()
            for item, task in _tasks(inputs, checker.config.max_document_bytes):
                if isinstance(task, InputResult):
                    waiting.append((item, None, task))
                else:
                    waiting.append((item, task, pool.submit(item, task)))
                # Two tasks a worker ahead: every core busy, and the lines read and the
                # results not yet written stay a few megabytes however large the shard.
                while len(waiting) > 2 * workers or (waiting and _known(waiting[0][2])):
                    yield pool.pop_result(waiting)
            while waiting:
                yield pool.pop_result(waiting)


# The lines a --jobs task checks: under a second of work, so that a shard of a few
# megabytes is shared by every worker and the last tasks of a run end close together, and
# still much more than what a task costs to send and return (a millisecond or two). A
# batch also ends at a number of lines, or a shard of blank lines would be one batch.
BATCH_BYTES = 1 << 18
BATCH_LINES = 4096


def _most_tasks(inputs: Sequence[Input]) -> int:
    """About how many tasks the run makes, at most: more workers than that only cost
    memory (each loads the rule set). A compressed shard is counted at ten times its size."""
    tasks = 0
    for item in inputs:
        if not is_jsonl(item.path):
            tasks += 1
            continue
        try:
            size = os.path.getsize(item.path)
        except OSError:
            size = 0
        packed = item.path.endswith((".gz", ".zst"))
        tasks += 1 + (size * (10 if packed else 1)) // BATCH_BYTES
    return max(tasks, 1)


def _tasks(
    inputs: Sequence[Input], limit: int
) -> Iterator[tuple[Input, list[Line] | InputResult | None]]:
    """The run as tasks, in order: a file whole (None); a shard as batches of its lines,
    read here; what needs no worker (a shard's read error, an empty shard) as its result."""
    for item in inputs:
        if not is_jsonl(item.path):
            yield item, None
            continue
        batch: list[Line] = []
        size = 0
        given = False
        for line in read_lines(item.path, item.display, limit):
            if isinstance(line, InputError):
                if batch:
                    yield item, batch
                yield item, InputResult(errors=[line], error_positions=[0])
                batch, size, given = [], 0, True
                continue
            batch.append(line)
            size += len(line[1]) if isinstance(line[1], bytes) else 0
            if size >= BATCH_BYTES or len(batch) >= BATCH_LINES:
                yield item, batch
                batch, size, given = [], 0, True
        if batch or not given:
            yield item, (batch if batch else InputResult())


# An input (or a batch of a shard's lines) and its result, or the future that brings it.
_Task = tuple[Input, list[Line] | None, "InputResult | Future[InputResult]"]


def _known(task: InputResult | Future[InputResult]) -> bool:
    return isinstance(task, InputResult) or task.done()


class _Workers:
    """The worker processes of a --jobs run.

    A worker that dies (the kernel's out-of-memory killer, a signal) breaks the whole pool,
    and every task waiting fails with it. The pool is started again, the task met first is
    retried once alone, and the others are submitted anew: a task that kills its worker
    twice on its own becomes an error naming its input and lines, and the run goes on.
    Leaving by an exception (Ctrl-C, SIGTERM) stops the workers at once, so none is left
    running after the run.
    """

    def __init__(self, count: int, checker: Checker, serialise: bool) -> None:
        self.count = count
        self.checker = checker
        self.serialise = serialise
        self.counts: str | None = None
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(
            self.count,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.checker.config, self.checker.describe),
        )
        for _ in range(self.count):  # start them all now
            pool.submit(_ready)
        return pool

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:
            self._stop()
        self.pool.shutdown(wait=True, cancel_futures=kind is not None)

    def _stop(self) -> None:
        # The executor has no public way to end its workers before Python 3.14.
        for process in list(getattr(self.pool, "_processes", {}).values()):
            process.terminate()

    def submit(self, item: Input, lines: list[Line] | None) -> Future[InputResult]:
        return self.pool.submit(_work, item, lines, self.counts, self.serialise)

    def pop_result(self, waiting: collections.deque[_Task]) -> tuple[Input, InputResult]:
        from concurrent.futures.process import BrokenProcessPool

        item, lines, task = waiting.popleft()
        if isinstance(task, InputResult):
            return item, task
        try:
            return item, task.result()
        except BrokenProcessPool:
            self._restart()
        done = self._alone(item, lines)
        for position, (other, other_lines, other_task) in enumerate(waiting):
            finished = isinstance(other_task, InputResult) or (
                other_task.done() and other_task.exception() is None
            )
            if not finished:  # it failed with the pool, or would have: submit it anew
                waiting[position] = (other, other_lines, self.submit(other, other_lines))
        return item, done

    def _restart(self) -> None:
        self._stop()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._start()

    def _alone(self, item: Input, lines: list[Line] | None) -> InputResult:
        """The task on its own, after its pool broke. If it kills its worker again, a batch
        of lines is halved and each half tried the same way, so that only the lines
        that kill are lost, each named in an error."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.submit(item, lines).result()
        except BrokenProcessPool:
            self._restart()
        if lines is not None and len(lines) > 1:
            middle = len(lines) // 2
            first, second = self._alone(item, lines[:middle]), self._alone(item, lines[middle:])
            merged = InputResult(results=first.results + second.results)
            for error, position in zip(first.errors, first.error_positions, strict=True):
                merged.errors.append(error)
                merged.error_positions.append(position)
            for error, position in zip(second.errors, second.error_positions, strict=True):
                merged.errors.append(error)
                merged.error_positions.append(len(first.results) + position)
            if first.records is not None and second.records is not None:
                merged.records = first.records + second.records
            return merged
        line = None if lines is None else lines[0][0]
        error = InputError(
            item.display,
            "the worker process checking this died twice (out of memory, or killed); not checked",
            line,
        )
        done = InputResult(errors=[error], error_positions=[0])
        if self.serialise:
            done.records = result_lines(done.in_order())
        return done


def _on_cluster(checker: Checker, inputs: Sequence[Input], scheduler: str) -> Iterator[InputResult]:
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--scheduler needs the dask extra: pip install 'hygiene[dask]'") from None
    from hygiene.run.cluster import map_inputs

    with Client(scheduler) as client:  # type: ignore[no-untyped-call]
        yield from map_inputs(client, checker.config, inputs, checker.corpus, checker.describe)
