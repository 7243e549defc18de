"""RDF files loaded once: `kg query --data FILE` reads a persistent on-disk Oxigraph store made from the
file at its first query, instead of parsing the file at every call (13 s and 1.5 GiB for 1M triples).

Where: `$KG_CACHE_DIR`, else `$XDG_CACHE_HOME/kg`, else `~/.cache/kg`:

    stores/<key>/        one entry: store/ (RocksDB), meta.json (written last), .lock (held shared by readers)
    stores/<key>.lock    held by the one process that builds the entry (others wait, then read it)
    stat/<name>          a stat record: the key of a file as it was (path, device, inode, size, mtime, ctime)

The key of an entry is the SHA-256 of the file's bytes, of its format (from its suffix), of the ontology
the store holds beside the data, and of the layout version: a file whose content changes gets another
entry, whatever its name or dates. Hashing reads the whole file (about 0.2 s for 150 MB), so a stat record
remembers the key of a file by (real path, device, inode, size, mtime_ns, ctime_ns) and the next call skips
the hash while all six are the same. A record is only written once the file's mtime is 2 s old (git's
"racy" rule): a write in the same clock tick as the hash cannot go unseen. ctime, which no user can set,
changes at every write, so `touch -d` cannot bring an old record back either.

An entry is built in a temporary folder and published by one rename; a killed build leaves only a
temporary folder, removed later. At most `KG_CACHE_ENTRIES` entries (8 by default) are kept, the least
recently used go first; `kg cache clear` removes them all. An entry that cannot be read (a damaged store, a
missing meta.json) is built again.

>>> sorted(ENTRY_FILES)
['.lock', 'meta.json', 'store']
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import DataError
from kg.store import fsync

log = logging.getLogger(__name__)

LAYOUT = "kg-file-store-1"  # the layout of an entry's store (see kg.store.load_file): change it to re-key all
ENTRY_FILES = ("store", "meta.json", ".lock")
RACY_NS = 2_000_000_000  # a stat record is written once the file's mtime is this old
DEFAULT_ENTRIES = 8
OPTIMIZE_BYTES = 16 * 2**20  # a file this big has its store compacted (0.2 s for a small one: not worth it)


def cache_dir() -> Path:
    """The cache folder: $KG_CACHE_DIR, else $XDG_CACHE_HOME/kg, else ~/.cache/kg."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache") / "kg"


def max_entries() -> int:
    try:
        return max(1, int(os.environ.get("KG_CACHE_ENTRIES", DEFAULT_ENTRIES)))
    except ValueError:
        return DEFAULT_ENTRIES


_READERS: dict[Path, int] = {}  # the entries this process reads, each held by a shared lock until exit


def cached_store(path: Path, fmt: ox.RdfFormat) -> ox.Store:
    """A read-only store of the RDF file `path` (of format `fmt`), from the cache, made on the first call."""
    root = cache_dir() / "stores"
    try:
        root.mkdir(parents=True, exist_ok=True)
        key = file_key(path, fmt)
        entry = root / key
        store = _open(entry, key)
        if store is not None:
            return store
        with _locked(root / f"{key}.lock"):  # one builder; the others wait and read what it made
            store = _open(entry, key)
            if store is None:
                _build(path, fmt, entry, key)
                store = _open(entry, key)
        if store is None:
            raise DataError("E411", f"the cache entry just made for {path} cannot be read: see {entry}")
        evict(root, keep=max_entries())
        return store
    except OSError as e:
        raise DataError("E410", f"cannot use the cache {cache_dir()} for {path}: {e.strerror or e} "
                                "(--no-cache reads the file without it)") from e


def file_key(path: Path, fmt: ox.RdfFormat) -> str:
    """The key of the entry of a file: the hash of its content (see the module's docstring); a stat record
    saves hashing a file that did not change."""
    st = os.stat(path)
    stat_id = json.dumps([str(path.resolve()), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                          str(fmt), LAYOUT])
    record = cache_dir() / "stat" / hashlib.sha256(stat_id.encode()).hexdigest()[:32]
    try:
        key = record.read_text(encoding="ascii").strip()
        if len(key) == 64 and all(c in "0123456789abcdef" for c in key):
            return key
    except (OSError, UnicodeDecodeError):
        pass
    key = content_key(path, fmt)
    if time.time_ns() - st.st_mtime_ns > RACY_NS:
        _write_atomic(record, key + "\n")
    return key


def content_key(path: Path, fmt: ox.RdfFormat) -> str:
    """SHA-256 of the layout, the format, the ontology and the file's bytes."""
    from kg.namespaces import ontology_dir

    h = hashlib.sha256(f"{LAYOUT}\n{fmt}\n".encode())
    h.update(hashlib.sha256((ontology_dir() / "kg.ttl").read_bytes()).digest())
    with path.open("rb") as f:
        h.update(hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()


def _open(entry: Path, key: str) -> ox.Store | None:
    """The entry's store, held against eviction by a shared lock; None when there is no whole entry.
    A damaged one is moved away (and built again by the caller)."""
    if not (entry / "meta.json").is_file():
        if entry.exists():
            _discard(entry, force=True)
        return None
    entry = entry.resolve()
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        if meta.get("key") != key:
            raise ValueError("meta.json names another key")
        if entry not in _READERS:
            fd = os.open(entry / ".lock", os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_SH)
            _READERS[entry] = fd
        store = ox.Store.read_only(str(entry / "store"))
        os.utime(entry / "meta.json")  # last use: the least recently used entries are evicted first
        return store
    except (OSError, RuntimeError, ValueError, AttributeError) as e:  # RocksDB reports damage as RuntimeError
        log.warning("the cache entry %s cannot be read (%s): building it again", entry, e)
        if entry in _READERS:
            os.close(_READERS.pop(entry))
        _discard(entry, force=True)
        return None


def _build(path: Path, fmt: ox.RdfFormat, entry: Path, key: str) -> None:
    """Load the file into a store in a temporary folder beside the entries, then publish it by a rename."""
    from kg.store import load_file

    t = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=entry.parent))
    try:
        fd = os.open(tmp / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(fd, fcntl.LOCK_SH)  # a killed build's folder is the one whose lock nobody holds
        try:
            store = ox.Store(str(tmp / "store"))
            try:
                load_file(store, path, fmt)
                if path.stat().st_size > OPTIMIZE_BYTES:
                    store.optimize()  # the bulk loader's many small files merged: faster reads
                store.flush()
            finally:
                del store
                gc.collect()  # RocksDB is closed when the last reference goes
            st = path.stat()
            meta = {"key": key, "source": str(path.resolve()), "size": st.st_size, "layout": LAYOUT,
                    "made": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
            (tmp / "meta.json").write_text(json.dumps(meta) + "\n", encoding="utf-8")
            fsync(tmp / "meta.json")  # RocksDB syncs its own files
            fsync(tmp)
            os.rename(tmp, entry)  # an entry a crashed builder left (no meta.json) was discarded by _open
        finally:
            os.close(fd)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("loaded %s into the cache (%s) in %.1f s", path, entry, time.monotonic() - t)


def _discard(entry: Path, *, force: bool = False) -> bool:
    """Remove an entry (moved out of the way by one rename first) unless a process reads it; with `force`
    (a damaged entry) it is moved away even then, and removed by a later eviction. True when it is gone."""
    trash = entry.with_name(f".trash-{entry.name.lstrip('.')}-{os.getpid()}-{time.monotonic_ns()}")
    if force:
        try:
            os.rename(entry, trash)
        except FileNotFoundError:
            return True
        entry = trash
    try:
        fd = os.open(entry / ".lock", os.O_RDONLY)
    except OSError:
        fd = None  # no lock file: nobody reads it
    try:
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if not force:
            try:
                os.rename(entry, trash)
            except FileNotFoundError:
                return True
        shutil.rmtree(trash, ignore_errors=True)
        return True
    except BlockingIOError:
        return force
    finally:
        if fd is not None:
            os.close(fd)


@contextmanager
def _locked(lock: Path) -> Iterator[None]:
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(text)
    os.replace(tmp, path)


@dataclass(frozen=True)
class Entry:
    key: str
    source: str
    size: int  # bytes on disk
    used: float  # last use (seconds since the epoch)


def entries(root: Path | None = None) -> list[Entry]:
    """The cache's entries, the most recently used first."""
    root = root or cache_dir() / "stores"
    out = []
    for d in root.iterdir() if root.is_dir() else ():
        if d.name.startswith(".") or not d.is_dir():
            continue
        try:
            meta = json.loads((d / "meta.json").read_text(encoding="utf-8"))
            used = (d / "meta.json").stat().st_mtime
        except (OSError, ValueError):
            meta, used = {}, 0.0
        size = sum(p.stat().st_size for p in d.rglob("*") if p.is_file())
        out.append(Entry(key=d.name, source=str(meta.get("source", "?")), size=size, used=used))
    return sorted(out, key=lambda e: (-e.used, e.key))


def evict(root: Path, *, keep: int) -> int:
    """Keep the `keep` most recently used entries; remove the others that no process reads, what killed
    builds left, and stat records of removed entries. Returns the number of entries removed."""
    removed = 0
    for e in entries(root)[keep:]:
        removed += _discard(root / e.key)
    for d in root.iterdir():
        if d.name.startswith((".tmp-", ".trash-")) and d.is_dir():
            _discard(d)  # a build in progress holds its lock
        elif d.name.endswith(".lock") and not (root / d.name[:-5]).exists():
            _unlink_unheld(d)
    live = {e.key for e in entries(root)}
    stat = root.parent / "stat"
    for rec in stat.iterdir() if stat.is_dir() else ():
        try:
            if rec.read_text(encoding="ascii").strip() not in live:
                rec.unlink(missing_ok=True)
        except (OSError, UnicodeDecodeError):
            rec.unlink(missing_ok=True)
    return removed


def _unlink_unheld(lock: Path) -> None:
    fd = os.open(lock, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock.unlink(missing_ok=True)
    except BlockingIOError:
        pass
    finally:
        os.close(fd)


def clear() -> int:
    """Remove every entry no process reads (`kg cache clear`); the number removed."""
    root = cache_dir() / "stores"
    if not root.is_dir():
        return 0
    try:
        return evict(root, keep=0)
    except OSError as e:
        raise DataError("E410", f"cannot clear the cache {cache_dir()}: {e.strerror or e}") from e
