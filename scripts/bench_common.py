"""Shared by the benchmark scripts: run commands many times, report medians and ratios."""
import os
import statistics
import subprocess
import time


def time_command(argv, runs, env=None, stdin=None):
    """Median and p90 wall time (ms) of running argv `runs` times, after 5 warm-up runs."""
    samples = []
    for i in range(runs + 5):
        start = time.perf_counter_ns()
        proc = subprocess.run(argv, env=env, input=stdin, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        elapsed = (time.perf_counter_ns() - start) / 1e6
        if proc.returncode != 0:
            raise SystemExit(f"benchmark command failed ({proc.returncode}): {argv}")
        if i >= 5:
            samples.append(elapsed)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.9) - 1]


def report(rows):
    """rows: (label, ours_ms, theirs_ms). Prints a table with ratios."""
    print(f"{'step':<28} {'idp (median)':>13} {'replaced (median)':>18} {'ratio':>8}")
    for label, ours, theirs in rows:
        print(f"{label:<28} {ours:>10.2f} ms {theirs:>15.2f} ms {theirs / ours:>7.1f}x")


def clean_env(extra=None):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"), "LC_ALL": "C"}
    env.update(extra or {})
    return env
