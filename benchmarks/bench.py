"""painmap's performance benchmark: run it from the repository top with `python benchmarks/bench.py`.

Prints, measured side by side in one run on this machine:
  1. cold start: median wall time of `painmap match --area hip --area buttock --json` over the median
     of `python -c "import typer, pydantic"` (the floor of our stack); target <= 1.5;
  2. batch throughput: queries per second of `match --batch` on 10,000 varied queries built from the
     vocabulary; target >= 5,000/s, and per query >= 200x cheaper than a cold process;
  3. growth: the same batch against a synthetic dataset 10x larger; time per query must grow no
     worse than linearly (ratio <= 10);
  4. peak memory (max RSS, from the OS) of a cold `match`.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BIN = Path(sys.executable).parent
PAINMAP = [str(BIN / "painmap")] if (BIN / "painmap").exists() else [sys.executable, "-m", "painmap"]
SYMPTOM_WORDS = [
    "sciatica",
    "tennis elbow",
    "lying on my side",
    "headache",
    "cramps at night",
    "weak grip",
    "stiff",
    "burning",
    "numbness",
    "worse when sitting",
    "dizziness",
    "",
]
ACTIVITY_WORDS = ["running", "sitting at a desk", "carrying a child", "lifting", "typing", ""]


def wall(cmd: list[str], env: dict[str, str] | None = None, stdin: bytes | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd, env=env, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start


def cold_start(runs: int) -> tuple[float, float]:
    match = [*PAINMAP, "match", "--area", "hip", "--area", "buttock", "--json"]
    floor = [sys.executable, "-c", "import typer, pydantic"]
    wall(match)  # the first run after a data change validates and caches the dataset
    ours, base = [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        ours.append(wall(match))
        base.append(wall(floor))
    return statistics.median(ours), statistics.median(base)


def make_queries(count: int, seed: int = 7) -> bytes:
    areas = json.loads((DATA / "places.json").read_text())["places"]
    words = [w for a in areas for w in (a["name"], *a["synonyms"])]
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        query: dict[str, object] = {"areas": rng.sample(words, rng.randint(1, 3))}
        symptom = rng.choice(SYMPTOM_WORDS)
        if symptom:
            query["symptoms"] = [symptom]
        activity = rng.choice(ACTIVITY_WORDS)
        if activity:
            query["activities"] = [activity]
        if rng.random() < 0.2:
            query["side"] = rng.choice(["left", "right"])
        lines.append(json.dumps(query))
    return ("\n".join(lines) + "\n").encode()


def batch_seconds(queries: bytes, env: dict[str, str] | None, runs: int) -> float:
    cmd = [*PAINMAP, "match", "--batch", "-"]
    wall(cmd, env, b'{"areas": ["hip"]}\n')  # validate and cache this dataset first
    return statistics.median(wall(cmd, env, queries) for _ in range(runs))


def scaled_dataset(folder: Path, factor: int) -> Path:
    target = folder / "data"
    shutil.copytree(DATA, target)
    doc = json.loads((DATA / "muscles.json").read_text())
    copies = []
    for n in range(1, factor):
        for m in doc["muscles"]:
            copy = dict(m, id=f"{m['id']}-copy{n}", name=f"{m['name']} (copy {n})", aliases=[])
            copy["associated_muscles"] = [f"{a}-copy{n}" for a in m["associated_muscles"]]
            copies.append(copy)
    doc["muscles"] += copies
    (target / "muscles.json").write_text(json.dumps(doc))
    return target


def peak_memory_kib() -> int:
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    cmd = [sys.executable, "-c", probe, *PAINMAP, "match", "--area", "hip", "--area", "buttock", "--json"]
    wall(cmd[3:])  # a warm cache, as in the cold-start figure
    return int(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=21, help="cold-start runs of each command (default 21)")
    parser.add_argument("--queries", type=int, default=10_000, help="batch size (default 10,000)")
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}")
    ours, base = cold_start(args.runs)
    ratio = ours / base
    print(
        f"1. cold start: painmap match {ours * 1000:.1f} ms, import typer+pydantic {base * 1000:.1f} ms "
        f"(medians of {args.runs}): ratio {ratio:.2f} (target <= 1.5)"
    )

    queries = make_queries(args.queries)
    seconds = batch_seconds(queries, None, 3)
    qps = args.queries / seconds
    per_query = seconds / args.queries
    print(
        f"2. batch: {args.queries:,} queries in {seconds:.2f} s = {qps:,.0f} queries/s (target >= 5,000); "
        f"a query costs 1/{ours / per_query:,.0f} of a cold process (target >= 200x)"
    )

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PAINMAP_DATA": str(scaled_dataset(Path(tmp), 10))}
        big = batch_seconds(queries, env, 3)
    growth = big / seconds
    print(
        f"3. growth: 10x the muscles -> {big:.2f} s for the same batch, {growth:.1f}x the time per query "
        "(target <= 10, linear or better)"
    )

    kib = peak_memory_kib()
    print(f"4. peak memory of a cold match: {kib / 1024:.1f} MiB max RSS")

    missed = [
        name
        for name, ok in (
            ("cold start", ratio <= 1.5),
            ("throughput", qps >= 5000),
            ("per-query cost", ours / per_query >= 200),
            ("growth", growth <= 10),
        )
        if not ok
    ]
    print("all targets met" if not missed else f"missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
