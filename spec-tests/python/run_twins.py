#!/usr/bin/env python3
"""Runs the Python twins of the conformance statements and reports per statement.

    python3 run_twins.py [--loop asyncio|uvloop] [--only SECTION[,SECTION]] [--json FILE]
                         [--test-timeout SECONDS] [-q]

Twins live in ``<section>/test_*.py`` beside this file (one folder per conformance section, as
``spec-tests/tests/<section>``). Each test method names its statement(s) with
``@twinlib.statement("<id>")``. The JSON report lists every test (file, name, statements, status,
message) and every statement's status: ``failed`` if any of its twins failed or errored,
``skipped`` if all were skipped, ``passed`` otherwise. Exit code: 0 when nothing failed, 1 otherwise,
2 when the loop kind cannot be used (uvloop not importable).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import platform
import signal
import sys
import time
import traceback
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent


class TestTimeout(Exception):
    """A twin ran past its time budget (a hang is a failure, never a stuck run)."""


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--loop", choices=("asyncio", "uvloop"), default="asyncio")
    p.add_argument("--only", default="", help="comma-separated sections (folder names)")
    p.add_argument("--json", default="", help="write the JSON report here")
    p.add_argument("--test-timeout", type=float, default=20.0)
    p.add_argument("-q", "--quiet", action="store_true")
    return p.parse_args()


def discover(only: set[str]) -> list[Path]:
    files = []
    for folder in sorted(p for p in HERE.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        if only and folder.name not in only:
            continue
        files.extend(sorted(folder.glob("test_*.py")))
    return files


def load(file: Path):
    name = "twins_" + "_".join(file.relative_to(HERE).with_suffix("").parts)
    spec = importlib.util.spec_from_file_location(name, file)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def tests_of(module) -> list[unittest.TestCase]:
    suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    out: list[unittest.TestCase] = []

    def flatten(s) -> None:
        for t in s:
            if isinstance(t, unittest.TestSuite):
                flatten(t)
            else:
                out.append(t)

    flatten(suite)
    return out


def describe(err) -> str:
    kind, value, tb = err
    frames = traceback.format_exception(kind, value, tb)
    return "".join(frames[-6:]).strip()


def run_one(test: unittest.TestCase, timeout: float) -> tuple[str, str]:
    result = unittest.TestResult()

    def on_alarm(_sig, _frame):
        raise TestTimeout(f"twin did not finish within {timeout} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        test(result)
    except TestTimeout as error:  # raised outside the test's own try (setUp/tearDown edges)
        return "failed", str(error)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if result.errors:
        return "failed", describe_from(result.errors)
    if result.failures:
        return "failed", describe_from(result.failures)
    if result.unexpectedSuccesses:
        return "failed", "unexpected success"
    if result.skipped:
        return "skipped", result.skipped[0][1]
    return "passed", ""


def describe_from(entries) -> str:
    return "\n".join(text for _test, text in entries)[-4000:]


def main() -> int:
    args = parse_args()
    os.environ["TWIN_LOOP"] = args.loop
    # asyncio logs what reaches a default exception handler (a twin may provoke it on purpose);
    # the report carries every failure, so the log is noise.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    sys.path.insert(0, str(HERE))
    implementation = "asyncio"
    if args.loop == "uvloop":
        try:
            import uvloop  # type: ignore[import-not-found]
        except ImportError as error:
            print(f"uvloop is not importable by {sys.executable}: {error}", file=sys.stderr)
            return 2
        implementation = f"uvloop {uvloop.__version__}"

    only = {s for s in args.only.split(",") if s}
    records = []
    started = time.monotonic()
    for file in discover(only):
        rel = file.relative_to(HERE).as_posix()
        try:
            module = load(file)
            tests = tests_of(module)
        except Exception:  # a twin file that does not import fails as a whole
            records.append(
                {"file": rel, "name": "<import>", "statements": [], "status": "failed",
                 "message": traceback.format_exc()[-4000:], "seconds": 0.0}
            )
            continue
        for test in tests:
            method = getattr(test, test._testMethodName)
            ids = list(getattr(method, "__statements__", ()))
            t0 = time.monotonic()
            status, message = run_one(test, args.test_timeout)
            seconds = round(time.monotonic() - t0, 3)
            if not ids and status != "skipped":
                status, message = "failed", "twin names no statement: use @statement('<id>')"
            records.append(
                {"file": rel, "name": f"{type(test).__name__}.{test._testMethodName}", "statements": ids,
                 "status": status, "message": message, "seconds": seconds}
            )
            if not args.quiet and status == "failed":
                print(f"FAIL {rel} {records[-1]['name']} {ids}\n{message}\n", file=sys.stderr)

    statements: dict[str, str] = {}
    for r in records:
        for sid in r["statements"]:
            prev = statements.get(sid)
            if r["status"] == "failed" or prev == "failed":
                statements[sid] = "failed"
            elif r["status"] == "passed" or prev == "passed":
                statements[sid] = "passed"
            else:
                statements[sid] = "skipped"

    counts = {k: sum(1 for r in records if r["status"] == k) for k in ("passed", "failed", "skipped")}
    report = {
        "python": platform.python_version(),
        "executable": sys.executable,
        "implementation": implementation,
        "seconds": round(time.monotonic() - started, 2),
        "counts": counts,
        "tests": records,
        "statements": dict(sorted(statements.items())),
    }
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1) + "\n")
    print(
        f"Python {report['python']} ({implementation}): {counts['passed']} passed, {counts['failed']} failed, "
        f"{counts['skipped']} skipped; {len(statements)} statements ({report['seconds']} s)"
    )
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
