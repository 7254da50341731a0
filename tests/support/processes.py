"""Real processes for tests: `cms serve`, `cms worker` and a private redis-server.

Each process writes its output to a log file (a pipe nobody reads would fill and stall it), so
a failing assertion can show what the servers and workers said. `Processes` stops whatever it
started when the test ends, however it ends: terminate first, then kill.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

import httpx
import pytest
import redis

from tests.support.databases import in_ci

CMS = [sys.executable, "-m", "cms"]
STARTUP_S = 90.0  # generous: on a busy machine three processes starting at once take 30 s
LOG_TAIL_CHARS = 6_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cms_environment(
    *,
    database_url: str,
    redis_url: str | None,
    live_channel: str,
    workdir: Path,
    **extra: str,
) -> dict[str, str]:
    """The environment of a `cms` process: this one's, without any CMS_ setting of the
    machine's, plus the test's database, Redis and live channel."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CMS_")}
    env.update(
        {
            "CMS_ENV": "production",
            "CMS_DATABASE_URL": database_url,
            "CMS_LIVE_CHANNEL": live_channel,
            "CMS_OUTBOX_PATH": str(workdir / "outbox.jsonl"),
            "PYTHONUNBUFFERED": "1",
            "COLUMNS": "300",
        }
    )
    if redis_url is not None:
        env["CMS_REDIS_URL"] = redis_url
    env.update(extra)
    return env


class Service:
    """One child process, its output in a log file."""

    def __init__(self, name: str, args: list[str], env: Mapping[str, str], workdir: Path) -> None:
        self.name = name
        self.args = args
        self.env = dict(env)
        self.workdir = workdir
        self.log_path = workdir / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Service:
        assert self.process is None or self.process.poll() is not None, f"{self.name} is running"
        with open(self.log_path, "ab") as log:
            log.write(f"--- starting {self.name}: {' '.join(self.args)}\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                self.args,
                env=self.env,
                cwd=self.workdir,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, chars: int = LOG_TAIL_CHARS) -> str:
        text = self.log()
        return text if len(text) <= chars else "...\n" + text[-chars:]

    def kill(self) -> None:
        """SIGKILL: the process gets no chance to tidy up, as in a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self, timeout_s: float = 10.0) -> None:
        """Terminate, and kill if it does not end in time."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


class Server(Service):
    """`cms serve` on 127.0.0.1 and a free port."""

    def __init__(self, name: str, env: Mapping[str, str], workdir: Path) -> None:
        self.port = free_port()
        super().__init__(
            name,
            [*CMS, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env,
            workdir,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_until_healthy(self, timeout_s: float = STARTUP_S) -> None:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if not self.running:
                raise AssertionError(f"{self.name} ended while starting:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{self.name} was not healthy within {timeout_s:.0f} s:\n{self.log_tail()}"
                )
            time.sleep(0.1)


class Worker(Service):
    """`cms worker`: the relay and arq's jobs."""

    def __init__(self, name: str, env: Mapping[str, str], workdir: Path) -> None:
        super().__init__(name, [*CMS, "worker"], env, workdir)


def redis_server_binary() -> str:
    """redis-server's path; skip without it on a developer's machine, fail under CI."""
    found = shutil.which("redis-server")
    if found is None:
        message = "redis-server is not installed (needed to stop and start a private Redis)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return found


class PrivateRedis(Service):
    """A redis-server of the test's own on a free port, so it may be stopped and started
    again: the machine's shared Redis is never touched. Nothing is persisted."""

    def __init__(self, workdir: Path, name: str = "redis") -> None:
        self.port = free_port()
        super().__init__(
            name,
            [
                redis_server_binary(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(workdir),
            ],
            os.environ,
            workdir,
        )

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1)

    def start(self) -> PrivateRedis:
        super().start()
        deadline = time.monotonic() + STARTUP_S
        while True:
            try:
                with self.client() as client:
                    if client.ping():
                        return self
            except redis.RedisError:
                pass
            if not self.running:
                raise AssertionError(f"{self.name} ended while starting:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name} did not answer:\n{self.log_tail()}")
            time.sleep(0.05)

    def stop(self, timeout_s: float = 10.0) -> None:
        super().stop(timeout_s)
        # The port is free again once the process has gone: nothing may connect any more.
        with self.client() as client:
            try:
                client.ping()
            except redis.ConnectionError:
                return
        raise AssertionError(f"{self.name} still answers on port {self.port} after stopping")


class Processes:
    """The test's processes; `with Processes(workdir) as processes:` stops them all at the end."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self._services: list[Service] = []

    def __enter__(self) -> Processes:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop_all()

    def server(self, name: str, env: Mapping[str, str]) -> Server:
        server = Server(name, env, self.workdir)
        self._services.append(server)
        server.start()
        return server

    def servers(self, env: Mapping[str, str], *names: str) -> list[Server]:
        """Start several servers at once, then wait until each answers /healthz."""
        started = [self.server(name, env) for name in names]
        for server in started:
            server.wait_until_healthy()
        return started

    def worker(self, name: str, env: Mapping[str, str]) -> Worker:
        worker = Worker(name, env, self.workdir)
        self._services.append(worker)
        worker.start()
        return worker

    def redis(self, name: str = "redis") -> PrivateRedis:
        server = PrivateRedis(self.workdir, name)
        self._services.append(server)
        server.start()
        return server

    def logs(self) -> str:
        """Every process's log (the end of it), for assertion messages."""
        return "\n".join(
            f"===== {service.name} (pid {service.process.pid if service.process else '-'}, "
            f"{'running' if service.running else 'ended'}) =====\n{service.log_tail()}"
            for service in self._services
        )

    def stop_all(self) -> None:
        running = [service for service in self._services if service.running]
        for service in running:
            assert service.process is not None
            service.process.terminate()
        deadline = time.monotonic() + 10
        for service in running:
            assert service.process is not None
            try:
                service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                service.process.kill()
                service.process.wait(timeout=10)
