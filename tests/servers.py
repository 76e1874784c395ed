"""Throwaway PostgreSQL and Chroma servers on 127.0.0.1 for the integration tests.

PostgreSQL comes from Debian's package (`.ci/system-packages` installs it): `initdb` and
`pg_ctl` start a cluster in a temporary folder with trust authentication on loopback only. The
server refuses to run as root, so under root (as CI may be) it runs as the `postgres` user the
package creates. Chroma is `chroma run` from the chromadb package in this venv.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

PG_USER = "zongjie"
STARTUP_SECONDS = 90


class ServerUnavailable(RuntimeError):
    """A server could not be started here (binaries missing, or it failed to come up)."""


def in_ci() -> bool:
    """True under CI (CI=true), where the integration tests must run rather than skip."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    return candidates[-1] if candidates else None


@dataclass
class PostgresServer:
    """A running throwaway cluster; `url(db)` gives SQLAlchemy URLs for its databases."""

    port: int
    folder: Path
    run_as: list[str]
    pg_ctl: str
    databases: list[str] = field(default_factory=list)

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of one database of this cluster."""
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        dsn = f"host=127.0.0.1 port={self.port} user={PG_USER} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.databases.append(name)
        return self.url(name)

    def stop(self) -> None:
        """Stop the cluster at once and remove its files."""
        subprocess.run(
            [*self.run_as, self.pg_ctl, "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def start_postgres() -> PostgresServer:
    """initdb + pg_ctl start in a fresh temporary folder; raises ServerUnavailable."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise ServerUnavailable("PostgreSQL binaries (initdb, pg_ctl) not found")
    folder = Path(tempfile.mkdtemp(prefix="zongjie-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise ServerUnavailable("running as root and no `postgres` user exists") from exc
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    data = folder / "data"
    steps = [
        [initdb, "-D", str(data), "-U", PG_USER, "--auth=trust", "-E", "UTF8", "--no-locale", "-N"],
        [
            pg_ctl,
            *("-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", str(STARTUP_SECONDS)),
            # A bureau's server runs on China time: stored times must not depend on it.
            *("-o", f"-h 127.0.0.1 -p {port} -k {folder} -F -c timezone=Asia/Shanghai"),
            "start",
        ],
    ]
    server = PostgresServer(port=port, folder=folder, run_as=run_as, pg_ctl=pg_ctl)
    for step in steps:
        done = subprocess.run([*run_as, *step], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            server.stop()
            raise ServerUnavailable(f"{Path(step[0]).name} failed: {done.stderr[-2000:]}{tail}")
    return server


@dataclass
class ChromaServer:
    """A running `chroma run` process."""

    url: str
    process: subprocess.Popen[bytes]
    folder: Path

    def stop(self) -> None:
        """Stop the server and remove its files."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_chroma() -> ChromaServer:
    """`chroma run` on a free loopback port with a fresh folder; raises ServerUnavailable."""
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        raise ServerUnavailable(f"the chroma CLI is not installed at {chroma}")
    folder = Path(tempfile.mkdtemp(prefix="zongjie-chroma-"))
    port = free_port()
    log = (folder / "server.log").open("wb")
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "NO_COLOR": "1"}
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(folder / "db"), "--host", "127.0.0.1"]
        + ["--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    server = ChromaServer(url=f"http://127.0.0.1:{port}", process=process, folder=folder)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{server.url}/api/v2/heartbeat", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    text = (folder / "server.log").read_text(errors="replace")[-2000:]
    server.stop()
    raise ServerUnavailable(f"chroma run did not come up on port {port}: {text}")
