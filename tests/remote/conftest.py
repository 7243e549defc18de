"""A real Virtuoso Open Source server (Debian's virtuoso-opensource) for the tests marked `remote`:
installed when missing (apt-get, as root; .ci/run installs it too), started on free ports of 127.0.0.1
with its own virtuoso.ini and its database in a temporary folder, stopped at the end of the session.

Whatever the Debian package's own service does (it may start one on ports 1111 and 8890), these tests
use only their own server. Under CI (CI=true) a server that cannot be installed or started fails the
tests; elsewhere they are skipped with the reason."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

PACKAGE = "virtuoso-opensource"
USER, PASSWORD = "dba", "dba"  # the fresh database's administrator


@dataclass(frozen=True)
class Virtuoso:
    http: int  # the HTTP port: /sparql, /sparql-auth, /sparql-graph-crud(-auth)
    sql: int  # the SQL port (isql-vt)
    folder: Path

    @property
    def origin(self) -> str:
        return f"127.0.0.1:{self.http}"

    def url(self, path: str = "/sparql-auth", *, credentials: str | None = f"{USER}:{PASSWORD}", **options: str) -> str:
        """A kg store URL of this server."""
        who = f"{credentials}@" if credentials else ""
        query = f"?{urllib.parse.urlencode(options)}" if options else ""
        return f"sparql+http://{who}{self.origin}{path}{query}"


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the remote tests need a Virtuoso server and CI must run them: {reason}", pytrace=False)
    pytest.skip(f"no Virtuoso server: {reason}")


def _install() -> None:
    """Install Debian's package when missing and when we may (root, apt-get): non-interactive (the
    package asks for no password then; the database the tests make has the default dba password)."""
    if shutil.which("virtuoso-t") and shutil.which("isql-vt"):
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        _unavailable(f"virtuoso-t is missing and this user cannot install it (apt-get install {PACKAGE})")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    cmd = ["apt-get", "install", "-y", "-qq", PACKAGE]
    if subprocess.run(cmd, capture_output=True, env=env, timeout=600).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env, timeout=600)
        r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
        if r.returncode != 0:
            _unavailable(f"apt-get install {PACKAGE} failed: {(r.stderr or r.stdout).strip()[-300:]}")
    if not (shutil.which("virtuoso-t") and shutil.which("isql-vt")):
        _unavailable(f"{PACKAGE} is installed but virtuoso-t or isql-vt is missing")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxClientConnections = 10
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def _answers(port: int) -> bool:
    url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": "ASK { }"})
    try:
        with urllib.request.urlopen(url, timeout=2) as res:
            return bool(res.status == 200)
    except OSError:
        return False


@contextmanager
def start_virtuoso(folder: Path) -> Iterator[Virtuoso]:
    """Run virtuoso-t with its own virtuoso.ini and database in `folder`, on free ports of 127.0.0.1, until
    the block ends; its SPARQL user may update (granted with isql-vt). RuntimeError when it cannot start.
    The benchmark bench/bench_stores.py uses it too."""
    server = Virtuoso(http=_free_port(), sql=_free_port(), folder=folder)
    (folder / "virtuoso.ini").write_text(INI.format(d=folder, sql=server.sql, http=server.http), encoding="utf-8")
    with (folder / "stdout.log").open("wb") as log:
        proc = subprocess.Popen(["virtuoso-t", "-c", str(folder / "virtuoso.ini"), "+foreground"], cwd=folder,
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 90
            while not _answers(server.http):
                if proc.poll() is not None or time.monotonic() > deadline:
                    errors = folder / "virtuoso.log"
                    tail = errors.read_text(errors="replace")[-500:] if errors.exists() else ""
                    raise RuntimeError(f"virtuoso-t did not answer on 127.0.0.1:{server.http} "
                                       f"(exit {proc.poll()}): {tail}")
                time.sleep(0.2)
            grant = subprocess.run(["isql-vt", f"127.0.0.1:{server.sql}", USER, PASSWORD,
                                    'exec=GRANT SPARQL_UPDATE TO "SPARQL";'], capture_output=True, text=True,
                                   timeout=60)
            if grant.returncode != 0:
                raise RuntimeError(f"isql-vt could not grant SPARQL_UPDATE: "
                                   f"{(grant.stderr or grant.stdout).strip()[-300:]}")
            yield server
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A Virtuoso server of this session (see the module's docstring); its SPARQL user may update."""
    _install()
    try:
        with start_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
            yield server
    except RuntimeError as e:
        _unavailable(str(e))
