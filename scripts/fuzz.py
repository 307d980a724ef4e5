"""A mutation fuzzer for the three doors hostile input comes through: parser, loader, rules.

Usage: ``.venv/bin/python scripts/fuzz.py --target parser|loader|rules|shapes [--seconds 600]
[--seed 1] [--out out/fuzz]``. Seeds come from the project (the shipped rules, the example
and hostile submissions); each round takes a seed or an earlier input that gave a new kind of
answer, mutates it (flip, insert a token, delete, duplicate a slice, splice two inputs) and
feeds it to the target. The oracle of every target is the issue's promise:

* ``parser``: ``parse`` and ``check`` raise only ``VardvalError``; an expression that checks
  evaluates in both backends without an exception outside ``VardvalError``, and they agree.
* ``loader``: a submission's bytes give a result or located problems; a valid one gets one of
  the four statuses for every shipped rule, through both backends.
* ``rules``: a rulebook's text loads or raises ``VardvalError``.
* ``shapes``: rule expressions of every shape the grammar allows (``tests/grammar_shapes.py``),
  generated and mutated, through ``parse``, ``check`` and both backends over random data
  (counts up to the format's 1,000 digits): they must agree, and every value and reason must
  go into words in Swedish and English and into JSON. The summary counts the shapes made.

Anything else, and any input taking over ``--timeout`` seconds, is a finding, saved under
``--out``. The summary line gives the figures docs/fuzzing.md quotes. Not part of
``make test`` (tests/test_properties.py runs the same oracles, bounded).
"""

from __future__ import annotations

import argparse
import atexit
import copy
import datetime as dt
import json
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from vardval.checker import vocab
from vardval.checker.authoring.lint import corpus_context
from vardval.checker.corpus.rulebooks import load_rulebook
from vardval.checker.corpus.ruleset import BUNDLED_RULES, RuleSet
from vardval.checker.engine.evaluate import check_intake
from vardval.checker.program import load_ruleset
from vardval.checker.submission.intake import load_submission_text
from vardval.dsl import compiled, interpreter, runtime
from vardval.dsl.errors import VardvalError
from vardval.dsl.parser import parse
from vardval.dsl.typecheck import Environment, check
from vardval.dsl.values import Quarter

ROOT = Path(__file__).resolve().parents[1]
STATUSES = set(vocab.STATUSES)
REACHED = ("evaluated", "checked", "loaded")  # the answers that went all the way through
TOKENS = [b" and ", b" or ", b"not ", b"if ", b" then ", b" else ", b"all x in ", b"any y in ",
          b": ", b"(", b")", b"[", b"]", b",", b".", b"+", b"-", b"*", b"/", b">=", b"==", b"<",
          b"%", b"2025-02-30", b"2025-Q1", b"6 months", b"1 day", b'"', b"'", b"\\", b"#",
          b"\n", b"\t", b"\x00", b"\xff", b"\xef\xbb\xbf", b"9" * 40, b"1e999", b".nan", b"-",
          b"&a ", b"*a", b"!!python/object:os.system ", b"<<: ", b"---\n", b"? ", b": ",
          b"{", b"}", b"\\ud800", "ä".encode(), b"period", b"param(", b"exists(", b"count("]


# Bugs reported and awaiting their owners' fix (each is a strict xfail in the tests): counted
# and shown, but not saved as new findings, so a run can find the next one.
KNOWN: dict[tuple[str, str], str] = {}


class Timeout(BaseException):
    """The input took longer than ``--timeout``."""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    target = TARGETS[args.target]()
    rng = random.Random(args.seed)
    stats = run(target, rng, args.seconds, args.timeout, Path(args.out) / args.target)
    print(f"target={args.target} seconds={args.seconds} seed={args.seed} "
          f"inputs={stats['inputs']} findings={stats['findings']} "
          f"answers={len(stats['kinds'])} pool={stats['pool']}{target.summary()}")
    shown = stats["kinds"].most_common(10)
    shown += [(k, n) for k, n in stats["kinds"].items()
              if (k in REACHED or k.startswith("known bug")) and (k, n) not in shown]
    for kind, count in shown:
        print(f"  {count:>8}  {kind}")
    return 1 if stats["findings"] else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=sorted(TARGETS), required=True)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10, help="seconds per input")
    parser.add_argument("--out", default="out/fuzz", help="where findings are saved")
    return parser


# --- the loop -------------------------------------------------------------------------------


def run(target: Target, rng: random.Random, seconds: float, timeout: float,
        out: Path) -> dict[str, Any]:
    """Fuzz until ``seconds`` have passed; return the counts."""
    pool, kinds = list(target.seeds), Counter[str]()
    inputs = findings = 0
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        data = target.fresh(rng) or mutate(rng, rng.choice(pool), rng.choice(pool))
        kind, finding = _attempt(target, data, timeout)
        inputs += 1
        if kind not in kinds and len(data) < target.max_len:
            pool.append(data)  # a new kind of answer: worth mutating further
        kinds[kind] += 1
        if finding is not None:
            findings += 1
            _save(out, findings, data, finding)
    return {"inputs": inputs, "findings": findings, "kinds": kinds, "pool": len(pool)}


def _attempt(target: Target, data: bytes, timeout: float) -> tuple[str, str | None]:
    signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return target.feed(data), None
    except Timeout:
        return "finding: timeout", f"took over {timeout} s"
    except Exception as exc:  # noqa: BLE001 - every escape is a finding
        where, root = _where(exc), _root(exc)
        known = KNOWN.get((type(root).__name__, where))
        if known is not None:
            return f"known bug: {where} ({known})", None
        return f"finding: {type(exc).__name__} in {where}", traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _expire(*_: object) -> None:
    raise Timeout


def _root(exc: BaseException) -> BaseException:
    while exc.__cause__ is not None:
        exc = exc.__cause__
    return exc


def _where(exc: BaseException) -> str:
    """``file:function`` of the innermost frame in vardval's own code, of the root cause."""
    exc = _root(exc)
    where = "?"
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        path = Path(frame.f_code.co_filename)
        if path.parent.name in ("checker", "dsl") and ROOT in path.parents:
            where = f"{path.parent.name}/{path.name}:{frame.f_code.co_name}"
    return where


def _save(out: Path, number: int, data: bytes, finding: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / f"finding-{number}.input").write_bytes(data)
    (out / f"finding-{number}.txt").write_text(finding, encoding="utf-8")
    print(f"finding {number}: {finding.strip().splitlines()[-1]}", file=sys.stderr)


def mutate(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """One to four random edits of ``data`` (``other`` is spliced in by one of them)."""
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(data))
        end = min(len(data), at + rng.randint(0, 16))
        edit = rng.randrange(5)
        if edit == 0:
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
        elif edit == 1:
            data = data[:at] + rng.choice(TOKENS) + data[at:]
        elif edit == 2:
            data = data[:at] + data[end:]
        elif edit == 3:
            data = data[:at] + data[at:end] * rng.randint(2, 64) + data[end:]
        else:
            start = rng.randint(0, len(other))
            data = data[:at] + other[start:start + rng.randint(1, 200)] + data[at:]
    return data


# --- targets --------------------------------------------------------------------------------


class Target:
    """Seeds, and ``feed(data) -> kind of answer`` raising on a broken promise."""

    max_len = 20_000
    seeds: list[bytes]

    def feed(self, data: bytes) -> str:
        raise NotImplementedError

    def fresh(self, rng: random.Random) -> bytes | None:
        """An input made from scratch instead of by mutation, or None."""
        del rng
        return None

    def summary(self) -> str:
        """More figures for the summary line (`` key=value`` …), if the target has any."""
        return ""


class ParserTarget(Target):
    """DSL text through parse, check and both evaluators, which must agree."""

    max_len = 12_000

    def __init__(self) -> None:
        ruleset = load_ruleset()
        ctx, params = corpus_context(BUNDLED_RULES)
        self.env = Environment(ctx.root, ctx.param_types)
        intakes = [load_submission_text(p.read_bytes(), p.name)
                   for p in sorted((ROOT / "fixtures" / "submissions").iterdir())]
        self.contexts = [_context(ruleset, i.data) for i in intakes if i.data]
        self.seeds = [t.encode() for t in _expressions(ruleset)]
        del params

    def fresh(self, rng: random.Random) -> bytes | None:
        """Half the time: shipped expressions combined by the language's own forms."""
        if rng.random() < 0.5:
            return None
        a, b, c = (rng.choice(self.seeds) for _ in range(3))
        form = rng.choice([b"(%s) and (%s)", b"(%s) or not (%s)", b"if %s then (%s) else (%s)",
                           b"any g in listing.cap.grounds: (%s) == (%s)", b"[%s, %s] == []"])
        return form % (a, b, c)[: form.count(b"%s")]

    def feed(self, data: bytes) -> str:
        text = data.decode("utf-8", "replace")
        try:
            resolved = check(parse(text), self.env).expr
        except VardvalError as exc:
            return f"refused: {exc.diagnostics[0].code}"
        for ctx in self.contexts:
            answers = {repr(_evaluate(backend, resolved, ctx))
                       for backend in (interpreter.evaluate, compiled.evaluate)}
            if len(answers) > 1:
                raise AssertionError(f"the backends disagree on {text!r}: {answers}")
        return "evaluated"


def _evaluate(backend: Callable[..., Any], expr: Any, ctx: interpreter.Context) -> Any:
    fresh = interpreter.Context(ctx.data, ctx.period, ctx.param, ctx.definitions)
    try:
        return backend(expr, fresh)
    except VardvalError as exc:
        return f"refused: {exc.diagnostics[0].code}"


def _context(ruleset: RuleSet, data: dict[str, Any]) -> interpreter.Context:
    period = Quarter.parse(data["period"])
    region = data["clinic"]["region"]

    def param(name: str) -> Any:  # as the engine looks parameters up
        found = ruleset.parameters.value_on(name, period.start, region)
        return found.value if found else runtime.undefined("no-parameter-value", name,
                                                          period.start, region)

    return interpreter.Context(data, period, param, {})


def _expressions(ruleset: RuleSet) -> list[str]:
    texts = [t for book in ruleset.rulebooks for t in book.definition_texts.values()]
    for rule in ruleset.rules():
        for version in rule.versions:
            texts += [version.require_text, *([version.when_text] if version.when_text else [])]
    return sorted(set(texts))


class LoaderTarget(Target):
    """Submission bytes through the strict loader, the schema and the engine."""

    def __init__(self) -> None:
        self.ruleset = load_ruleset()
        folders = [ROOT / "fixtures" / "submissions", ROOT / "tests" / "hostile" / "submissions"]
        self.seeds = [p.read_bytes() for folder in folders for p in sorted(folder.iterdir())
                      if p.stat().st_size < self.max_len]
        self.valid = [i.data for s in self.seeds
                      if (i := load_submission_text(s, "seed.yaml")).valid and i.data]

    def fresh(self, rng: random.Random) -> bytes | None:
        """Half the time: a valid submission with a few values swapped for odd ones."""
        if rng.random() < 0.5:
            return None
        data = copy.deepcopy(rng.choice(self.valid))
        for _ in range(rng.randint(1, 3)):
            _swap_leaf(rng, data)
        return to_json(data).encode("utf-8")

    def feed(self, data: bytes) -> str:
        intake = load_submission_text(data, "fuzz.json" if data[:1] in b"{[" else "fuzz.yaml")
        for problem in intake.problems:
            if (problem.line is None) != (problem.column is None) or problem.line == 0:
                raise AssertionError(f"a problem without a proper place: {problem}")
            str(problem).encode("utf-8")
        if not intake.valid:
            return "invalid: " + re.sub(r"[0-9]+", "N", intake.problems[0].message)[:40]
        for backend in (interpreter.evaluate, compiled.evaluate):
            result = check_intake(self.ruleset, intake, backend)
            if not {f.status for f in result.findings} <= STATUSES:
                raise AssertionError("a status outside the four")
        return "checked"


ODD_VALUES: list[Any] = [
    0, 1, -1, 10**999, Decimal("1e-999"), Decimal("0.5"), Decimal("1e999"), 2**63, "", " ",
    "x" * 5000, "\u202e\x07\x1b[31m", "2025-02-29", "2024-02-29", "0001-01-01", "9999-12-31",
    "2025-Q4", "9999-Q4", "0001-Q1", True, False, None, [], ["NDR"] * 300, {}, {"x": 1},
]


def to_json(value: Any) -> str:
    """JSON text with decimals written exactly (as tests/schema_strategies.py does)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_json(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return json.dumps(value.isoformat())
    return str(value) if isinstance(value, Decimal) else json.dumps(value)


def _swap_leaf(rng: random.Random, data: Any) -> None:
    """Replace one value somewhere in ``data`` (dicts and lists) by an odd one."""
    while True:
        keys = list(data) if isinstance(data, dict) else list(range(len(data)))
        if not keys:
            return
        key = rng.choice(keys)
        if isinstance(data[key], dict | list) and rng.random() < 0.7:
            data = data[key]
            continue
        data[key] = copy.deepcopy(rng.choice(ODD_VALUES))
        return


class RulesTarget(Target):
    """Rulebook text through the rule loader, against the shipped sources and parameters."""

    def __init__(self) -> None:
        self.ctx = corpus_context(BUNDLED_RULES)[0]
        books = sorted(BUNDLED_RULES.glob("*/*.yaml")) + sorted(BUNDLED_RULES.glob("*/*/*.yaml"))
        hostile = sorted((ROOT / "tests" / "hostile" / "rules").iterdir())
        self.seeds = [p.read_bytes() for p in [*books, *hostile]
                      if p.stat().st_size < self.max_len and "parameters" not in p.parts]
        self.folder = Path(tempfile.mkdtemp(prefix="vardval-fuzz-"))
        atexit.register(shutil.rmtree, self.folder, ignore_errors=True)

    def feed(self, data: bytes) -> str:
        path = self.folder / "fuzz.yaml"
        path.write_bytes(data)
        try:
            load_rulebook(path, self.ctx, "fuzz.yaml")
        except VardvalError as exc:
            return f"refused: {exc.diagnostics[0].code if exc.diagnostics else '?'}"
        return "loaded"


class ShapesTarget(Target):
    """Expressions of every grammar shape through parse, check and both backends (agreeing)."""

    max_len = 4_000

    def __init__(self) -> None:
        sys.path.insert(0, str(ROOT / "tests"))
        import grammar_shapes

        self.shapes: Any = grammar_shapes
        self.seen: set[str] = set()
        start = random.Random(0)
        self.seeds = [self._made(start) for _ in range(50)]

    def _made(self, rng: random.Random) -> bytes:
        maker = self.shapes.Shapes(rng)
        text = maker.expression()
        self.seen |= maker.seen
        return str(text).encode("utf-8")

    def fresh(self, rng: random.Random) -> bytes | None:
        """Four times in five a new expression; otherwise a mutation of an earlier one."""
        return self._made(rng) if rng.random() < 0.8 else None

    def feed(self, data: bytes) -> str:
        # The data is drawn from the input itself, so a finding replays from its file alone.
        return str(self.shapes.run_one(random.Random(data), data.decode("utf-8", "replace")))

    def summary(self) -> str:
        return f" shapes={len(self.seen & self.shapes.SHAPES)}/{len(self.shapes.SHAPES)}"


TARGETS: dict[str, Callable[[], Target]] = {
    "parser": ParserTarget, "loader": LoaderTarget, "rules": RulesTarget,
    "shapes": ShapesTarget}

if __name__ == "__main__":
    sys.exit(main())
