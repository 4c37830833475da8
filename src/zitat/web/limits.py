"""Resource limits: request body size, concurrent analyses, analysis time.

Analysis is CPU-bound, so it runs in its own thread pool of ``max_running`` threads. At most
``max_waiting`` more requests may queue for it, and only as many as can be served within the
time limit at the recent pace of analyses; beyond that a request is refused at once (429)
instead of being held until it times out. One whose analysis is not done within the time
limit gets 503. An analysis counts against the limit until its thread really finishes, so
timed-out work cannot pile up.
"""

from __future__ import annotations

import asyncio
import json
import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zitat.web.errors import ERROR_CODES, ApiError

T = TypeVar("T")


class BodyTooLarge(Exception):
    pass


class BodyLimits:
    """ASGI middleware: 413 when a request body exceeds ``max_bytes``, 408 when it is too slow.

    Checks the declared Content-Length first, then reads the body (up to the limit) before
    the app sees it, so a chunked upload without a length cannot get past the limit, and a
    client trickling its body in cannot hold a connection for longer than ``timeout_s``.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float = 30.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = f"request body larger than {self.max_bytes} bytes"
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send, 413, too_large)
            return
        try:
            body = await asyncio.wait_for(self._read(receive), self.timeout_s)
        except TimeoutError:
            await self._refuse(send, 408, f"request body not received within {self.timeout_s:g} s")
            return
        except BodyTooLarge:
            await self._refuse(send, 413, too_large)
            return
        if body is None:
            return  # the client went away
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _read(self, receive: Receive) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return None
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                raise BodyTooLarge
            more = message.get("more_body", False)
        return b"".join(chunks)

    async def _refuse(self, send: Send, status: int, message: str) -> None:
        body = json.dumps({"error": {"code": ERROR_CODES[status], "message": message}}).encode()
        headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class AnalysisGate:
    """Runs blocking analyses with bounded concurrency, a bounded queue and a time limit."""

    def __init__(self, max_running: int, max_waiting: int, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self.capacity = max_running + max_waiting
        self._max_running = max_running
        self._executor: ThreadPoolExecutor | None = None
        self._in_flight = 0
        self._typical_s: float | None = None
        self._lock = threading.Lock()

    @property
    def in_flight(self) -> int:
        """Analyses queued or running, including timed-out ones still finishing."""
        return self._in_flight

    def _too_late(self, position: int) -> bool:
        """Whether the analysis at ``position`` in line would not be done in time at the
        recent pace; never while a thread is free, so the pace is always measured again."""
        if position <= self._max_running or self._typical_s is None:
            return False
        return math.ceil(position / self._max_running) * self._typical_s > self.timeout_s

    async def run(self, work: Callable[[], T]) -> T:
        """``work()`` in the analysis pool; ApiError 429 when saturated, 503 when too slow."""
        with self._lock:
            if self._in_flight >= self.capacity or self._too_late(self._in_flight + 1):
                raise ApiError(429, "too many analyses in progress; retry later", RETRY_AFTER)
            self._in_flight += 1
            if self._executor is None:  # (re)started lazily: an app may live through several
                self._executor = ThreadPoolExecutor(self._max_running, "zitat-analysis")
            future = self._executor.submit(self._timed, work)
        future.add_done_callback(self._finished)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout_s)
        except TimeoutError:
            future.cancel()  # drops it if still queued; a running analysis finishes on its own
            raise ApiError(503, f"analysis took longer than {self.timeout_s:g} s") from None

    def _timed(self, work: Callable[[], T]) -> T:
        """Run ``work`` and fold its duration into the typical analysis time."""
        started = time.perf_counter()
        try:
            return work()
        finally:
            took = time.perf_counter() - started
            with self._lock:
                last = took if self._typical_s is None else self._typical_s
                self._typical_s = last + PACE_WEIGHT * (took - last)

    def _finished(self, future: Future[T]) -> None:
        with self._lock:
            self._in_flight -= 1

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)


PACE_WEIGHT = 0.2
"""Weight of the latest analysis in the running average of analysis times."""
RETRY_AFTER = {"Retry-After": "1"}
