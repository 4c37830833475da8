"""Load test of the web app on loopback: many concurrent clients for a fixed time.

Usage: python scripts/load_test.py [--clients 50] [--duration 60] [--model rules]

Starts `zitat serve` on 127.0.0.1 (a fresh temporary store, filled through POST
/api/articles), then runs ``--clients`` concurrent clients for ``--duration`` seconds, each
alternating GET /api/quotations (varying filters) and POST /api/analyze (short articles).
Every request has a timeout; the run stops by itself. A failure is any answer other than
200 or an error in the transport. Writes the `api-load` section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from zitat.evaluation.report import update_section
from zitat.store import Store

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only, ever
REQUEST_TIMEOUT_S = 30.0

SPEAKERS = ("Olaf Scholz", "Annalena Baerbock", "Friedrich Merz", "Ricarda Lang", "Markus Söder")
CUES = ("sagte", "erklärte", "betonte", "kritisierte", "schrieb")
STATEMENTS = (
    "Wir werden die Renten sichern",
    "Das ist ein guter Tag für Europa",
    "Die Bahn muss pünktlicher werden",
    "Ohne Investitionen verlieren wir den Anschluss",
    "Wir halten an dem Kompromiss fest",
)
SEARCHES: tuple[dict[str, str], ...] = (
    {"speaker": "Scholz"},
    {"text": "Europa"},
    {"type": "Direct", "limit": "20"},
    {"date_from": "2024-03", "date_to": "2024-06"},
    {"speaker_gender": "female"},
    {"offset": "40", "limit": "10"},
)


def short_article(rng: random.Random) -> str:
    """Two or three sentences of news prose with a quotation (made up here, no corpus text)."""
    speaker, cue, statement = rng.choice(SPEAKERS), rng.choice(CUES), rng.choice(STATEMENTS)
    other = rng.choice(SPEAKERS)
    return (
        f"„{statement}“, {cue} {speaker} am Montag in Berlin. "
        f"{other} widersprach: Der Plan sei nicht finanziert. "
        "Die Debatte soll in der kommenden Woche im Bundestag fortgesetzt werden."
    )


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failure_examples: list[str] = field(default_factory=list)
    load_before: float = field(default_factory=lambda: os.getloadavg()[0])
    kept: int = 0
    """Articles the store held after the server stopped (each was confirmed with 201)."""

    def record(self, name: str, seconds: float, problem: str | None) -> None:
        self.latencies[name].append(seconds)
        if problem is not None:
            self.failures[name] += 1
            if len(self.failure_examples) < 5:
                self.failure_examples.append(f"{name}: {problem}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(
    db: Path, port: int, model: str, token: str, log: IO[bytes]
) -> subprocess.Popen[bytes]:
    command = [
        str(Path(sys.executable).with_name("zitat")),
        "serve",
        f"--db={db}",
        f"--host={HOST}",
        f"--port={port}",
        f"--model={model}",
    ]
    env = {**os.environ, "ZITAT_API_TOKEN": token}
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)


async def wait_until_up(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=2) as client:
        for _ in range(300):
            if server.poll() is not None:
                raise SystemExit(f"the server exited: {log.read_text(errors='replace')[-500:]}")
            try:
                if (await client.get("/api/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("the server did not come up within 60 s")


async def fill(base: str, token: str, articles: int, rng: random.Random) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT_S) as client:
        for i in range(articles):
            day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
            body = {"text": short_article(rng), "id": f"load-{i}", "date": day}
            response = await client.post("/api/articles", json=body, headers=headers)
            response.raise_for_status()


async def client_loop(
    client: httpx.AsyncClient, deadline: float, tally: Tally, rng: random.Random
) -> None:
    while time.monotonic() < deadline:
        if rng.random() < 0.5:
            name, call = (
                "GET /api/quotations",
                client.get("/api/quotations", params=rng.choice(SEARCHES)),
            )
        else:
            name, call = (
                "POST /api/analyze",
                client.post("/api/analyze", json={"text": short_article(rng)}),
            )
        started = time.perf_counter()
        try:
            response = await call
            problem = None if response.status_code == 200 else f"HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            problem = f"{type(exc).__name__}: {exc}"
        tally.record(name, time.perf_counter() - started, problem)


async def run_load(base: str, clients: int, duration: float, seed: int) -> Tally:
    tally = Tally()
    # idle connections are dropped well before the server's keep-alive timeout (15 s), so a
    # request never goes out on a connection the server is closing at that moment
    limits = httpx.Limits(
        max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=2.0
    )
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT_S, limits=limits) as client:
        deadline = time.monotonic() + duration
        await asyncio.gather(
            *(client_loop(client, deadline, tally, random.Random(seed + i)) for i in range(clients))
        )
    return tally


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(tally: Tally, args: argparse.Namespace, command: str) -> str:
    rows = []
    for name in sorted(tally.latencies):
        values = tally.latencies[name]
        rows.append(
            f"| `{name}` | {len(values)} | {len(values) / args.duration:.1f} "
            f"| {tally.failures[name]} | {1000 * statistics.median(values):.0f} "
            f"| {1000 * percentile(values, 0.99):.0f} | {1000 * max(values):.0f} |"
        )
    total = sum(len(v) for v in tally.latencies.values())
    failed = sum(tally.failures.values())
    lines = [
        "## Web API under load",
        "",
        f"{args.clients} concurrent clients on loopback for {args.duration:g} s, each "
        "alternating a quotation search and the analysis of a short article "
        f"(model `{args.model}`, a store of {args.articles} articles filled through the API). "
        f"{total} requests, **{failed} failed** (any answer but 200). After the server "
        f"stopped, the store held **{tally.kept} of the {args.articles} articles** it had "
        "confirmed (201).",
        "",
        "| endpoint | requests | per second | failed | p50 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"Machine: {os.cpu_count()} cores ({platform.machine()}, Python "
        f"{platform.python_version()}), shared with other jobs; server: one uvicorn process, "
        f"analysis pool of {os.cpu_count()} threads; load generator: one asyncio process "
        "on the same machine. Load average (1 min) before/after the run: "
        f"{tally.load_before:.1f} / {os.getloadavg()[0]:.1f}.",
        "",
        f"Reproduce: `{command}`",
    ]
    if tally.failure_examples:
        lines += ["", "First failures: " + "; ".join(tally.failure_examples)]
    return "\n".join(lines)


async def main_async(args: argparse.Namespace) -> Tally:
    token = os.urandom(24).hex()
    with (
        tempfile.TemporaryDirectory(prefix="zitat-load-") as folder,
        (Path(folder) / "server.log").open("wb") as log,
    ):
        port = free_port()
        base = f"http://{HOST}:{port}"
        server = start_server(Path(folder) / "store.db", port, args.model, token, log)
        try:
            await wait_until_up(base, server, Path(log.name))
            await fill(base, token, args.articles, random.Random(args.seed))
            tally = await asyncio.wait_for(
                run_load(base, args.clients, args.duration, args.seed),
                timeout=args.duration + 2 * REQUEST_TIMEOUT_S,
            )
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        with Store.open(Path(folder) / "store.db", create=False, readonly=True) as store:
            tally.kept = len(store)
        return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--articles", type=int, default=200, help="articles stored first")
    parser.add_argument("--model", default="rules")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--no-write", action="store_true", help="print, don't update docs")
    args = parser.parse_args()
    tally = asyncio.run(main_async(args))
    command = "python scripts/load_test.py " + shlex.join(sys.argv[1:])
    markdown = report(tally, args, command.strip())
    print(markdown)
    if not args.no_write:
        update_section(args.output, "api-load", markdown)
    if sum(tally.failures.values()) or tally.kept != args.articles:
        sys.exit(1)


if __name__ == "__main__":
    main()
