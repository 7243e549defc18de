"""Parsing and extraction on a dask.distributed cluster: `kg build --engine dask`.

The client (the `kg build` process) reads the documents, cuts them into partitions in input order and
sends each partition to the cluster as one task; a worker parses and extracts it (kg.pipeline's
`extract_each`) and sends back its Extractions encoded for the build index (kg.index.Record: bytes,
cheap to receive and store). The client takes the results in input order, so the build folder gets
the same bytes as from one process; at most `window` partitions are in flight or waiting, so memory
does not grow with the corpus. Linking, the store and the files stay on the client.

Each worker process loads the spaCy model once (a per-process cache), the first time it is asked for
it: at the start, by `client.run`, which also checks that every worker has this kg (E631) and loads
the model there (E634 otherwise). Without a scheduler address a LocalCluster of `workers` processes
(one thread each) is started on 127.0.0.1 and closed afterwards, also on an error or Ctrl-C.

dask is an optional extra (`pip install 'kg[dask]'`): this module imports it only inside functions,
so `import kg.cluster` works without it.
"""

from __future__ import annotations

import concurrent.futures
import logging
import signal
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, KGError, OutputError
from kg.index import Record
from kg.model import Document

if TYPE_CHECKING:
    from distributed import Client
    from spacy.language import Language

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler
WORKER_WAIT = 60.0  # seconds the build waits while the cluster has no worker
POLL = 2.0  # seconds between checks while waiting for a result
INSTALL_HINT = "pip install 'kg[dask]'"
PROTOCOLS = ("tcp", "tls", "ws", "wss", "ucx")


def require_dask() -> None:
    """The dask extra is installed, or an InputError (E120) that says how to install it."""
    try:
        import distributed  # noqa: F401
    except ImportError as e:
        raise InputError("E120", f"--engine dask needs dask.distributed: {INSTALL_HINT} "
                                 f"({e.name or 'distributed'} is missing)") from None


def check_scheduler(address: str) -> str:
    """The scheduler address, tcp://HOST:PORT (tcp:// is added to a bare HOST:PORT), else E122.

    >>> check_scheduler("127.0.0.1:8786")
    'tcp://127.0.0.1:8786'
    """
    full = address if "://" in address else f"tcp://{address}"
    proto, _, rest = full.partition("://")
    host, colon, port = rest.rpartition(":")
    if proto not in PROTOCOLS or not host or not colon or not port.isdigit():
        raise InputError("E122", f"--scheduler {address!r} is not a dask scheduler address (tcp://HOST:PORT)")
    return full


@contextmanager
def connect(scheduler: str | None, *, workers: int) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, or of a LocalCluster of `workers` processes started
    here (and closed on leaving, whatever happens)."""
    require_dask()
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.WARNING)  # its INFO lines are not kg's progress
    if scheduler is None:
        t = time.monotonic()
        with _deferred_interrupt() as interrupted:  # a cluster half started cannot be closed cleanly
            cluster = LocalCluster(n_workers=workers, processes=True, threads_per_worker=1, host="127.0.0.1",
                                   dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
            client = Client(cluster, set_as_default=False)
        with cluster, client, _quiet_on_error():
            if interrupted:
                raise KeyboardInterrupt
            log.info("started a LocalCluster of %d workers at %s in %.1f s", workers, cluster.scheduler_address,
                     time.monotonic() - t)
            yield client
        return
    scheduler = check_scheduler(scheduler)
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        detail = " ".join(str(e).split()) or type(e).__name__
        if len(detail) > 200:
            detail = detail[:199] + "\u2026"
        raise OutputError("E630", f"cannot reach the dask scheduler at {scheduler} within "
                                  f"{CONNECT_TIMEOUT:g} s: {detail}") from None
    with client, _quiet_on_error():
        yield client


@contextmanager
def _deferred_interrupt() -> Iterator[list[int]]:
    """Hold Ctrl-C back while the block runs (in the main thread); the list says whether it came."""
    if threading.current_thread() is not threading.main_thread():
        yield []
        return
    came: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: came.append(signum))
    try:
        yield came
    finally:
        signal.signal(signal.SIGINT, previous)


def _silence_dask() -> None:
    """dask's loggers and its event loop's, with their children: distributed sets levels of its own on
    some of them ("tornado.application"), which a level on the parent would not override."""
    prefixes = ("distributed", "tornado", "asyncio")
    names = [n for n in list(logging.root.manager.loggerDict) if n.split(".")[0] in prefixes]
    for name in {*prefixes, *names}:
        logging.getLogger(name).setLevel(logging.CRITICAL)


@contextmanager
def _quiet_on_error() -> Iterator[None]:
    """After an error or Ctrl-C, the cluster is closed under running work: what dask logs about that
    is noise beside kg's one-line error. Ctrl-C silences it before the KeyboardInterrupt is raised:
    the event loop's thread reacts to the interrupted call at once (distributed's `sync` then logs a
    NameError of its own with a traceback), sooner than the main thread reaches an except clause."""
    previous = None
    if threading.current_thread() is threading.main_thread():
        def interrupted(signum: int, frame: Any) -> None:
            _silence_dask()
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    except BaseException:
        _silence_dask()
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


# ---------------------------------------------------------------------------
# The worker side: runs in the worker processes.

_MODELS: dict[str | None, Language] = {}
_LOAD = threading.Lock()
_RUN = threading.Lock()  # one partition at a time in a process: its threads share one model


def worker_nlp(model: str | None) -> Language:
    """The model of this process, loaded on first use."""
    with _LOAD:
        if model not in _MODELS:
            from kg.nlp import load_nlp

            _MODELS[model] = load_nlp(model)
        return _MODELS[model]


async def worker_info(model: str | None) -> dict[str, Any]:
    """Load the model in this worker (in a thread: the worker's event loop keeps answering the
    scheduler meanwhile); what the client checks: kg's version, the model's name and version."""
    import asyncio

    return await asyncio.get_running_loop().run_in_executor(None, _worker_info, model)


def _worker_info(model: str | None) -> dict[str, Any]:
    import kg

    try:
        nlp = worker_nlp(model)
    except KGError as e:
        return {"kg": kg.__version__, "error": str(e)}
    return {"kg": kg.__version__, "model": f"{nlp.meta.get('name')} {nlp.meta.get('version')}"}


def extract_partition(documents: Sequence[Document], model: str | None) -> list[Record]:
    """Parse and extract one partition (a task on a worker); the extractions encoded for the index."""
    from kg.index import encode
    from kg.pipeline import extract_each

    nlp = worker_nlp(model)
    with _RUN:
        return [encode(x) for x in extract_each(documents, nlp=nlp)]


# ---------------------------------------------------------------------------
# The client side.


def extract_on_cluster(documents: Sequence[Document], *, model: str | None = None, scheduler: str | None = None,
                       workers: int = 1, partition: int | None = None, window: int | None = None
                       ) -> Iterator[Record]:
    """The index records (kg.index.Record) of the extractions of `documents`, in input order, computed
    on a dask cluster (see the module's docstring). `partition` is the number of documents a task (by
    default up to 32, at least four tasks a thread); `window` the number of tasks in flight or waiting
    (by default twice the threads)."""
    with connect(scheduler, workers=workers) as client:
        threads = _check_workers(client, model, scheduler)
        size = partition or max(1, min(32, len(documents) // (threads * 4) or 1))
        parts = [documents[i:i + size] for i in range(0, len(documents), size)]
        window = max(1, window or 2 * threads)
        log.info("%d partitions of up to %d documents on %d worker threads, %d in flight", len(parts), size,
                 threads, window)
        run = uuid.uuid4().hex[:12]
        futures: dict[int, Any] = {}
        submitted = 0
        try:
            for i, part in enumerate(parts):
                while submitted < len(parts) and submitted - i < window:
                    futures[submitted] = client.submit(extract_partition, parts[submitted], model,
                                                       key=f"kg-extract-{run}-{submitted}", pure=False)
                    submitted += 1
                yield from _result(client, futures.pop(i), part)
        finally:
            if futures:
                client.cancel(list(futures.values()))


def _check_workers(client: Client, model: str | None, scheduler: str | None) -> int:
    """Wait for a worker, load the model on every worker and check their kg; the number of threads."""
    import kg

    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except TimeoutError:
        raise OutputError("E633", f"no dask worker joined the scheduler at {scheduler} within "
                                  f"{WORKER_WAIT:g} s: start workers with `dask worker {scheduler}`") from None
    infos = client.run(worker_info, model, on_error="return")
    for address, info in sorted(infos.items()):
        if isinstance(info, BaseException):
            raise OutputError("E631", f"the dask worker {address} cannot run kg ({_describe(info)}): install "
                                      f"kg {kg.__version__} and its spaCy model on every worker") from None
        if info.get("kg") != kg.__version__:
            raise OutputError("E631", f"the dask worker {address} has kg {info.get('kg')}, this is kg "
                                      f"{kg.__version__}: install the same kg on every worker")
        if "error" in info:
            raise OutputError("E634", f"the dask worker {address} cannot load the spaCy model: {info['error']}")
        log.info("dask worker %s: kg %s, model %s", address, info["kg"], info["model"])
    return max(1, sum(client.nthreads().values()))


def _describe(e: BaseException) -> str:
    text = " ".join(f"{type(e).__name__}: {e}".split())
    return text if len(text) <= 200 else text[:199] + "\u2026"


def _result(client: Client, future: Any, part: Sequence[Document]) -> list[Record]:
    """The partition's records; a clear error when its worker died or the cluster went away."""
    from distributed import KilledWorker

    where = f"documents {part[0].id!r}\u2013{part[-1].id!r}" if len(part) > 1 else f"document {part[0].id!r}"
    idle_since: float | None = None
    while True:
        try:
            result: list[Record] = future.result(timeout=POLL)
            return result
        except KilledWorker as e:
            raise OutputError("E632", f"dask workers died while processing {where} (out of memory, or "
                                      f"killed): {_describe(e)}") from None
        except TimeoutError:  # not done yet (a TimeoutError is an OSError: caught first)
            pass
        except (concurrent.futures.CancelledError, OSError) as e:
            raise OutputError("E635", f"lost the dask cluster while processing {where}: {_describe(e)}") from None
        if client.status != "running":
            raise OutputError("E635", f"lost the dask cluster while processing {where} (client {client.status})")
        if sum(client.nthreads().values()):
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since > WORKER_WAIT:
            raise OutputError("E633", f"the dask cluster has had no worker for {WORKER_WAIT:g} s, while "
                                      f"{where} waited to be processed")
