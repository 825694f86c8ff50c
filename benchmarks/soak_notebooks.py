"""Soak test: execute every notebook many times in fresh kernels and count hangs and failures.

    .venv/bin/python benchmarks/soak_notebooks.py [--runs 20] [--wall 600] [--timeout 300] [--cold]

Each execution is its own process (scripts/run_notebooks.py: a new kernel, the per-cell timeout)
under a hard wall-clock limit: if a run exceeds ``--wall`` seconds its whole process group (the
runner and its kernel) is killed and the run counts as a hang. A run that the per-cell timeout
stops also counts as a hang (that is the timeout doing its job); any other error is a failure.
Notebooks run in `make notebooks` order (01-05, then 00-findings), round after round, with the
pipeline cache warm (as on a second `make report`) unless ``--cold`` gives every run a new cache
folder. Executed copies and charts go to a temporary folder; notebooks/ and reports/ are not
touched. Prints runs, hangs, failures and seconds per notebook. Nothing is asserted here.
"""
from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT / "scripts" / "run_notebooks.py"


def notebooks():
    nbs = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    return [p for p in nbs if not p.name.startswith("00-")] + [p for p in nbs if p.name.startswith("00-")]


def run_once(nb, work, wall, timeout, cold, k):
    """('ok' | 'hang' | 'fail', seconds, message) for one execution of ``nb``."""
    cmd = [sys.executable, str(RUNNER), "--timeout", str(timeout), "--output-dir", str(work / "out"),
           "-p", "OUTPUT_DIR", str(work / "figures")]
    if cold:
        cmd += ["-p", "CACHE_DIR", str(work / f"cache-{k}")]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd + [str(nb)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=wall)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return "hang", time.perf_counter() - t0, f"killed after the {wall} s wall limit"
    secs = time.perf_counter() - t0
    if proc.returncode == 0:
        return "ok", secs, ""
    last = err.strip().splitlines()[-1] if err.strip() else f"exit {proc.returncode}"
    return ("hang" if "no reply within" in err else "fail"), secs, last


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=20, help="rounds over every notebook (default %(default)s)")
    ap.add_argument("--wall", type=int, default=300, help="hard limit per execution, seconds")
    ap.add_argument("--timeout", type=int, default=60,
                    help="per-cell timeout passed to the runner (every seed-corpus cell takes a few seconds: "
                         "a minute means the kernel stalled)")
    ap.add_argument("--cold", action="store_true", help="a new, empty pipeline cache for every run")
    ap.add_argument("--only", nargs="*", help="notebook names to soak (default: all)")
    args = ap.parse_args(argv)
    nbs = [p for p in notebooks() if not args.only or p.name in args.only]
    stats = {p.name: {"ok": 0, "hang": 0, "fail": 0, "secs": []} for p in nbs}
    problems = []
    t_all = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        work = Path(tmp)
        for rnd in range(1, args.runs + 1):
            for nb in nbs:
                status, secs, msg = run_once(nb, work, args.wall, args.timeout, args.cold, f"{rnd}-{nb.stem}")
                s = stats[nb.name]
                s[status] += 1
                s["secs"].append(secs)
                if status != "ok":
                    problems.append((rnd, nb.name, status, f"{secs:.0f} s", msg))
                    print(f"round {rnd}: {nb.name} {status.upper()} after {secs:.0f} s: {msg}", flush=True)
            done = sum(len(s["secs"]) for s in stats.values())
            print(f"round {rnd}/{args.runs} done: {done} executions, "
                  f"{sum(s['hang'] for s in stats.values())} hangs, {sum(s['fail'] for s in stats.values())} failures, "
                  f"{time.perf_counter() - t_all:.0f} s so far", flush=True)
    print(f"\nsoak: {args.runs} rounds, {'cold' if args.cold else 'warm'} cache, wall limit {args.wall} s, "
          f"cell timeout {args.timeout} s, {time.perf_counter() - t_all:.0f} s in all")
    print(f"{'notebook':<24}{'runs':>6}{'ok':>6}{'hangs':>7}{'failures':>10}{'median s':>10}{'max s':>8}")
    for name, s in stats.items():
        n = len(s["secs"])
        print(f"{name:<24}{n:>6}{s['ok']:>6}{s['hang']:>7}{s['fail']:>10}"
              f"{statistics.median(s['secs']) if n else 0:>10.1f}{max(s['secs'], default=0):>8.1f}")
    total = {k: sum(s[k] for s in stats.values()) for k in ("ok", "hang", "fail")}
    print(f"{'all':<24}{sum(len(s['secs']) for s in stats.values()):>6}{total['ok']:>6}{total['hang']:>7}{total['fail']:>10}")
    slow = [(name, i + 1, x) for name, s in stats.items() for i, x in enumerate(s["secs"])
            if x > 5 * statistics.median(s["secs"])]
    print(f"stalls (finished, but over 5x the notebook's median time): {len(slow)}"
          + "".join(f"\n  {n} round {r}: {x:.0f} s" for n, r, x in slow))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
