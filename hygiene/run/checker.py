"""The Checker: a configured rule set, loaded once, that reads inputs and checks one
document at a time; the unit every way of running (in process, ``--jobs``, Dask) shares.

Per document: rules (engine) -> per-file ignores -> inline directives -> fingerprints ->
what the groups say about it (facets). Per run: results in path order.

Each document is judged under the configuration closest above it (``config.resolution``);
what is one per run (the language identifier, the document size limit, ``fail-on``) is
the run's own configuration's. A configuration's rules are configured once (``Scope``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from hygiene.config.paths import PathSettings
from hygiene.config.resolution import Resolver
from hygiene.config.settings import Config
from hygiene.core.corpus import LineCounts, count_documents
from hygiene.core.document import Document
from hygiene.core.engine import check_document
from hygiene.core.errors import InputError
from hygiene.core.finding import Finding
from hygiene.core.rule import RuleContext
from hygiene.core.structure import OUTSIDE_CODE, PROSE
from hygiene.core.views import Views
from hygiene.gate.baseline import with_fingerprints
from hygiene.gate.suppression import apply_directives
from hygiene.inputs.decoding import document_from_bytes, read_bytes, too_large
from hygiene.inputs.discovery import STDIN, GitIgnore, Input
from hygiene.inputs.jsonl import Line, is_jsonl, iter_documents, line_documents
from hygiene.registry.packs import RuleSet, load_ruleset
from hygiene.report.model import DocumentRecord, Report

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


class Scope:
    """What one configuration makes of a run: its path settings and its configured rules,
    made once however many documents it judges."""

    def __init__(self, config: Config, paths: PathSettings, full: RuleSet) -> None:
        """``full`` is every rule the configuration can select."""
        self.config = config
        self.paths = paths
        self.ruleset = full.configure(config)
        self.active = frozenset(r.code for r in self.ruleset.rules)
        self._full = full
        self._ignored: dict[tuple[str, ...], frozenset[str]] = {}

    def ignored_codes(self, selectors: tuple[str, ...]) -> frozenset[str]:
        """The codes per-file-ignore selectors name, resolved once per set of selectors.
        They are read among every rule, as the configuration checked them: a file that
        extends another may not run a rule the other's per-file ignores name."""
        codes = self._ignored.get(selectors)
        if codes is None:
            chosen = self._full.select(selectors).rules if selectors else ()
            codes = self._ignored[selectors] = frozenset(r.code for r in chosen) & self.active
        return codes


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
        self._resolver = Resolver(self.config, self.base)
        self._gitignore = GitIgnore()  # one for every configuration: each file read once
        self._rulesets = {self.config.rule_packs: ruleset or load_ruleset(self.config.rule_packs)}
        self._scopes: dict[str | None, Scope] = {}
        run = self._scope_of(self.config)
        self.paths, self.ruleset = run.paths, run.ruleset
        self._written: frozenset[str] = frozenset()
        self._output_folder: str | None = None
        self.corpus: LineCounts | None = None

    def scope(self, display: str) -> Scope:
        """The scope of the configuration a path is judged under."""
        return self._scope_of(self._resolver.for_path(display))

    def _scope_of(self, config: Config) -> Scope:
        scope = self._scopes.get(config.source)
        if scope is None:
            full = self._rulesets.get(config.rule_packs)
            if full is None:
                full = self._rulesets[config.rule_packs] = load_ruleset(config.rule_packs)
            paths = PathSettings(config, self.base, self._gitignore)
            scope = self._scopes[config.source] = Scope(config, paths, full)
        return scope

    def use_counts(self, corpus: LineCounts | None) -> None:
        """Check with line counts counted elsewhere: by the process that started this
        worker, or by the caller (a test that stands for a whole run)."""
        self.corpus = corpus

    def count_lines(self, inputs: Sequence[Input], stdin: bytes | None = None) -> None:
        """Read the run's corpora once to count their lines, when a rule compares documents
        (BP010).

        Only JSON Lines records are counted: a corpus is the run's data, while the files of
        a tree are what one run happens to be given (pre-commit hands each batch of staged
        files to its own process), and counts over them would make a file's findings depend
        on its batch. Unreadable inputs are skipped here; the check proper reports them.
        """
        if self.corpus is not None:
            return
        shards = [item for item in inputs if item.path != STDIN and is_jsonl(item.path)]
        judged = (self.scope(item.display).ruleset.rules for item in shards)
        if not any(rule.reads_corpus for rules in judged for rule in rules):
            return
        self.corpus = count_documents(
            document
            for item in shards
            for document in self.documents(item)
            if isinstance(document, Document)
        )

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
        return self.scope(display).paths.excluded(display)

    def declared_encoding(self, path: str) -> str | None:
        """The encoding the configuration declares for ``path``: what ``load`` decodes it
        with, and what ``fix`` must write it back in."""
        return self.scope(path).paths.declared_encoding(path)

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
            config = self.scope(item.display).config
            yield from iter_documents(
                item.path, item.display, config.text_fields, config.id_field,
                self.config.max_document_bytes, config.text_format,
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
        config = self.scope(item.display).config
        fields, limit = (config.text_fields, config.id_field), self.config.max_document_bytes
        return self._gathered(
            document
            for line in lines
            for document in line_documents(line, item.display, *fields, limit, config.text_format)
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
        scope = self.scope(document.path)
        declared = scope.paths.declared_languages(document)
        views = Views(document)
        settings = self.config.run_settings
        found = check_document(
            document, scope.ruleset.rules, declared, settings, self.corpus, views, errors
        )
        ignored = scope.ignored_codes(scope.paths.ignored_selectors(document.path))
        if ignored:
            found = [f for f in found if f.code not in ignored]
        outside_code, _ = views.get(OUTSIDE_CODE)
        outcome = apply_directives(
            document,
            found,
            scope.active,
            enabled=scope.config.honours_directives(document.record is not None),
            outside_code=outside_code,
        )
        findings = with_fingerprints(document, outcome.kept)
        facets = scope.ruleset.facets
        if self.describe:
            prose, segments = views.get(PROSE)  # prose statistics read prose alone
            ctx = RuleContext(
                prose, segments, {}, declared, settings, self.corpus,
                source=document, structure=views.structure,
            )  # fmt: skip
            described = {facet.name: facet.describe(ctx) for facet in facets}
        else:
            described = {facet.name: facet.empty for facet in facets}
        record = DocumentRecord(
            source=document.source,
            format=document.format,
            findings=len(findings),
            suppressed=outcome.suppressed,
            metadata=document.metadata,
            record=document.record,
            facets=described,
        )
        return record, findings

    def report(self, results: Iterable[Result], errors: Sequence[InputError] = ()) -> Report:
        """Assemble results in a fixed order, whatever order they were produced in. Its
        rules are the run's configuration's and those of every configuration a document
        was judged under, so that each finding's rule is listed."""
        ordered = sorted(results, key=lambda result: result[0].sort_key)
        findings = [finding for _, found in ordered for finding in found]
        rules = {rule.code: rule for rule in self.ruleset.rules}
        for record, _ in ordered:
            for rule in self.scope(record.source.path).ruleset.rules:
                rules.setdefault(rule.code, rule)
        used = self.ruleset.keeping(rules[code] for code in sorted(rules))
        return Report(
            config=self.config,
            rules=used.rules,
            packs=used.packs,
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
