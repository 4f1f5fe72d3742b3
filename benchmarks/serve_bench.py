"""How fast `painmap serve` answers a ranking request, end to end over HTTP on loopback.

Starts the standard-library server in this process on a free port, sends each query many times over
one kept-alive connection (as the page does), and prints the median and 90th-percentile latency.
The target is a median under 50 ms.

    python benchmarks/serve_bench.py [--repeat 60]
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time

from painmap.dataset import load_dataset
from painmap.web.server import make_server


def queries() -> dict[str, dict]:
    ds = load_dataset()

    def cells(place: str, side: str | None) -> list[str]:
        return [c.id for c in ds.atlas.shaded(ds.places[place].mask, side)]

    return {
        "two cells-marked places": {"cells": cells("upper-buttock", "r") + cells("side-of-hip", "r")},
        "five places by cells": {
            "cells": [
                c for p in ("low-back", "buttock", "side-of-thigh", "calf", "knee") for c in cells(p, "l")
            ]
        },
        "red flag": {"areas": ["chest", "left arm"], "symptoms": ["crushing pressure and sweating"]},
        "symptoms and activities": {
            "areas": ["hip"],
            "symptoms": ["pain lying on that side"],
            "activities": ["running", "climbing stairs"],
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args()
    server = make_server("127.0.0.1", 0)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    conn.request("GET", "/")
    page = conn.getresponse().read()
    print(f"page: {len(page) / 1024:.0f} KB")
    everything: list[float] = []
    for name, query in queries().items():
        body = json.dumps(query)
        times = []
        for _ in range(args.repeat + 3):
            start = time.perf_counter()
            conn.request("POST", "/api/match", body, headers)
            response = conn.getresponse()
            response.read()
            times.append((time.perf_counter() - start) * 1000)
            assert response.status == 200, response.status
        times = times[3:]  # the first answers warm the scorer's lookups
        everything += times
        p90 = statistics.quantiles(times, n=10)[-1]
        print(f"{name:28s} median {statistics.median(times):6.1f} ms   p90 {p90:6.1f} ms")
    print(f"{'all ranking requests':28s} median {statistics.median(everything):6.1f} ms (target < 50 ms)")
    conn.close()
    server.shutdown()
    server.server_close()


if __name__ == "__main__":
    main()
