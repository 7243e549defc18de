"""`kg build --engine dask`: a real dask scheduler and real worker processes on 127.0.0.1 (the `dask`
command of the venv, from the `dask` extra), one of them killed during the build, and a LocalCluster;
the build folder must hold the same bytes as from one process. Errors: a scheduler that does not
answer, a worker without kg or without the model, dask not installed, a document too long for the model (before any
cluster is reached), bad options; Ctrl-C closes the LocalCluster."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from kg.errors import InputError
from kg.pipeline import build
from tests.conftest import sigint_default

pytestmark = pytest.mark.model

DASK = Path(sys.executable).parent / "dask"
TEXTS = [
    ("p1", "Veltra Systems chief Jonas Brell met Ida Kerr in Portmoor on Monday."),
    ("p2", "Ida Kerr, the head of the Norland Space Office, visited Portmoor. Kerr said the Arden probe was ready."),
    ("p3", "Jonas Brell leads Veltra Systems. Brell flew to Carrow with Ida Kerr."),
    ("p4", "The Norland Space Office launched the Arden probe from Carrow on 3 March 2031."),
    ("p5", "Mina Osei, a spokeswoman for Veltra Systems, said the company would open an office in Portmoor."),
    ("p6", "Tomas Vik was appointed director of the Carrow Observatory in 2029."),
]

# 12 documents of 12 sentences each: long enough for a worker to be killed while it parses
LONGER = [(f"q{k}", " ".join(t for _, t in (TEXTS[k % 6:] + TEXTS[:k % 6]) * 2)) for k in range(12)]


def jsonl(path: Path, rows: list[tuple[str, str]] = TEXTS) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows), encoding="utf-8")
    return path


def kg(*args: str, env: dict[str, str] | None = None, prelude: str = "",
       timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """`kg ARGS` in a new process; `prelude` runs first (to change a constant or hide a module)."""
    code = f"import sys\n{prelude}\nfrom kg.cli import main\nsys.argv = ['kg', *sys.argv[1:]]\nmain()\n"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(args: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    with log.open("wb") as f:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([str(DASK), *args], stdout=f, stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, **(env or {})})


def stop(p: subprocess.Popen[bytes]) -> None:
    """End the process and its children (its own session, started by `start`)."""
    if p.poll() is None:
        os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


def scheduler(tmp: Path) -> tuple[subprocess.Popen[bytes], Path]:
    """A `dask scheduler` on 127.0.0.1 and the file it writes its address into (workers can start at
    once: they wait for the file)."""
    info = tmp / "scheduler.json"
    p = start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--dashboard-address",
               "127.0.0.1:0", "--scheduler-file", str(info)], tmp / "scheduler.log")
    return p, info


def address(p: subprocess.Popen[bytes], info: Path) -> str:
    deadline = time.monotonic() + 30
    while True:
        try:
            return str(json.loads(info.read_text())["address"])
        except (OSError, ValueError, KeyError):
            pass
        if p.poll() is not None or time.monotonic() > deadline:
            stop(p)
            pytest.fail(f"dask scheduler did not start: {(info.parent / 'scheduler.log').read_text()[-2000:]}")
        time.sleep(0.1)


def worker(tmp: Path, info: Path, n: int, name: str, *extra: str, env: dict[str, str] | None = None
           ) -> subprocess.Popen[bytes]:
    return start(["worker", "--scheduler-file", str(info), "--host", "127.0.0.1", "--nworkers", str(n),
                  "--nthreads", "1", "--no-dashboard", "--memory-limit", "0", "--name", name, *extra],
                 tmp / f"{name}.log", env)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """A scheduler and two worker processes (with nannies, which restart a dead worker), as a user
    starts them by hand: the address, the `dask worker` process and its log."""
    tmp = tmp_path_factory.mktemp("cluster")
    sched, info = scheduler(tmp)
    workers = worker(tmp, info, 2, "w")
    try:
        yield address(sched, info), workers, tmp / "w.log"
    finally:
        stop(workers)
        stop(sched)


@pytest.fixture(scope="module")
def one(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, bytes]:
    """The input and the files of its single-process build."""
    tmp = tmp_path_factory.mktemp("one")
    src = jsonl(tmp / "in.jsonl", LONGER)
    build([src], out=tmp / "out", html=False, nlp=nlp)
    return src, (tmp / "out" / "graph.ttl").read_bytes(), (tmp / "out" / "graph.trig").read_bytes()


def children(pid: int) -> list[int]:
    """The child processes of `pid` (started by any of its threads)."""
    out = []
    for t in Path(f"/proc/{pid}/task").iterdir():
        try:
            out += [int(k) for k in (t / "children").read_text().split()]
        except OSError:  # the thread ended meanwhile
            pass
    return out


def spawned(pids: list[int]) -> list[int]:
    """Those of `pids` that are running worker processes (started by multiprocessing's spawn)."""
    out = []
    for pid in pids:
        try:
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                out.append(pid)
        except OSError:  # ended
            pass
    return out


def worker_processes(p: subprocess.Popen[bytes]) -> list[int]:
    """The worker processes a `dask worker --nworkers N` process (its nannies) started."""
    return spawned(children(p.pid))


def test_build_on_a_scheduler_writes_the_same_bytes_as_one_process_though_a_worker_dies(
        cluster: tuple[str, subprocess.Popen[bytes], Path], one: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    address, workers, log = cluster
    src, ttl, trig = one
    p = subprocess.Popen([sys.executable, "-m", "kg", "--verbose", "build", str(src), "--out", str(tmp_path / "o"),
                          "--no-html", "--engine", "dask", "--scheduler", address],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stderr is not None
    lines = []
    for line in p.stderr:  # the tasks are submitted right after this line: kill a worker under them
        lines.append(line)
        if "partitions of up to" in line:
            assert "12 partitions of up to 1 documents on 2 worker threads" in line  # ordered across workers
            os.kill(worker_processes(workers)[0], signal.SIGKILL)
            break
    else:
        p.kill()
    out, err = p.communicate(timeout=120)
    assert p.returncode == 0, "".join(lines) + err
    assert "12 documents" in out
    assert (tmp_path / "o" / "graph.ttl").read_bytes() == ttl
    assert (tmp_path / "o" / "graph.trig").read_bytes() == trig
    assert "Restarting worker" in log.read_text()  # the nanny's: the worker died during the build


def test_a_model_the_workers_lack_is_a_clear_error(cluster: tuple[str, subprocess.Popen[bytes], Path],
                                                  tmp_path: Path) -> None:
    r = kg("build", str(jsonl(tmp_path / "in.jsonl")), "--out", str(tmp_path / "o"), "--engine", "dask",
           "--scheduler", cluster[0], "--model", "no_such_model_xyz")
    assert r.returncode == 1
    assert r.stderr.startswith("error: E634 the dask worker tcp://127.0.0.1:"), r.stderr
    assert "cannot load the spaCy model: E202" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_build_on_a_local_cluster_writes_the_same_bytes(one: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    src, ttl, trig = one
    r = kg("--verbose", "build", str(src), "--out", str(tmp_path / "o"), "--no-html", "--engine", "dask",
           "--workers", "1")
    assert r.returncode == 0, r.stderr
    assert "started a LocalCluster of 1 workers at tcp://127.0.0.1:" in r.stderr
    assert (tmp_path / "o" / "graph.ttl").read_bytes() == ttl
    assert (tmp_path / "o" / "graph.trig").read_bytes() == trig
    assert "Traceback" not in r.stderr


def test_unreachable_scheduler_is_a_one_line_error_within_the_timeout(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "in.jsonl")
    t = time.monotonic()
    r = kg("build", str(src), "--out", str(tmp_path / "o"), "--engine", "dask", "--scheduler",
           f"tcp://127.0.0.1:{free_port()}", prelude="import kg.cluster\nkg.cluster.CONNECT_TIMEOUT = 1.0")
    assert r.returncode == 1
    assert r.stderr.startswith("error: E630 cannot reach the dask scheduler at tcp://127.0.0.1:")
    assert len(r.stderr.strip().splitlines()) == 1
    assert time.monotonic() - t < 30
    assert not (tmp_path / "o" / "graph.ttl").exists()


@pytest.mark.parametrize(("args", "code"), [
    ({"engine": "dask", "scheduler": "http://127.0.0.1:8786"}, "E122"),
    ({"engine": "dask", "scheduler": "127.0.0.1"}, "E122"),
    ({"engine": "spark"}, "E121"),
    ({"scheduler": "tcp://127.0.0.1:8786"}, "E121"),
])
def test_bad_engine_options_are_errors_before_any_work(args: dict[str, str], code: str, tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        build([tmp_path / "missing.jsonl"], out=tmp_path / "o", **args)  # E101 if the input were read
    assert e.value.code == code


def test_engine_dask_without_dask_installed_says_how_to_install_it(tmp_path: Path) -> None:
    r = kg("build", str(jsonl(tmp_path / "in.jsonl")), "--out", str(tmp_path / "o"), "--engine", "dask",
           prelude="sys.modules['distributed'] = None")
    assert r.returncode == 1
    assert r.stderr.startswith("error: E120 --engine dask needs dask.distributed: pip install 'kg[dask]'")


def test_too_long_document_is_refused_before_any_cluster_is_reached(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "in.jsonl", [*TEXTS, ("long", "word " * 210_000)])
    r = kg("build", str(src), "--out", str(tmp_path / "o"), "--engine", "dask", "--scheduler",
           f"tcp://127.0.0.1:{free_port()}")  # nothing listens there: E630 if it were tried
    assert r.returncode == 1 and r.stderr.startswith("error: E113 document 'long' has 1,050,000 characters")


def test_worker_without_kg_is_a_clear_error(tmp_path: Path) -> None:
    fake = tmp_path / "fake"
    (fake / "kg").mkdir(parents=True)
    (fake / "kg" / "__init__.py").write_text("", encoding="utf-8")  # a kg without kg.cluster
    sched, info = scheduler(tmp_path)
    w = worker(tmp_path, info, 1, "bare", "--no-nanny", env={"PYTHONPATH": str(fake)})
    try:
        r = kg("build", str(jsonl(tmp_path / "in.jsonl")), "--out", str(tmp_path / "o"), "--engine", "dask",
               "--scheduler", address(sched, info))
    finally:
        stop(w)
        stop(sched)
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith("error: E631 the dask worker tcp://127.0.0.1:"), r.stderr
    assert "cannot run kg (" in r.stderr and "install kg 0.1.0 and its spaCy model on every worker" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_ctrl_c_closes_the_local_cluster(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "in.jsonl", LONGER)
    p = subprocess.Popen([sys.executable, "-m", "kg", "--verbose", "build", str(src), "--out", str(tmp_path / "o"),
                          "--engine", "dask", "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, preexec_fn=sigint_default)
    assert p.stderr is not None
    kids: list[int] = []
    for line in p.stderr:
        if "started a LocalCluster" in line:
            kids = children(p.pid)
            p.send_signal(signal.SIGINT)
            break
    else:
        p.kill()
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130 and err.strip().splitlines()[-1] == "error: interrupted", err
    assert "Traceback" not in err
    assert kids
    deadline = time.monotonic() + 10  # the worker processes are gone (dask's resource tracker ends last)
    while spawned(kids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not spawned(kids)
    assert not (tmp_path / "o" / "graph.ttl").exists()
