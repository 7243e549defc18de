"""`kg eval`: build the texts of a gold file and score what kg extracts, per predicate and for
entities, with the conventions of the shared scorer (../shared/eval/README.md):

* labels match after normalisation; for corpora (not kg's own vocabulary) leniently too: the part
  of a gold name before its first comma, an acronym, a suffix of two or more words that keeps the
  head word, or the surname of a 2-3 word proper name; dates and names with digits match exactly;
* a node whose names reach two gold things is judged by its label alone;
* a predicted predicate satisfies the gold predicates it implies, optional triples and
  "tolerated" neighbours count neither way, symmetric facts count once, a second node for one
  thing is an error.

The mapping of other corpora onto kg's vocabulary is data: ontologies/evaluation/datasets.json.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.model import Extraction
from kg.ontology import COARSE_CLASSES, load_ontology, ontology_dir

STOP = {"the", "a", "an", "of", "and", "in", "at", "on", "for", "to"}
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"))


@cache
def config() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ontology_dir() / "evaluation" / "datasets.json").read_text(encoding="utf-8"))
    return data


# ---------------------------------------------------------------------------
# Label matching


def _clean(text: str) -> str:
    s = unicodedata.normalize("NFKC", str(text)).translate(_APOS).translate(_INVISIBLE)
    s = s.strip().strip('"').strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})?", s):
        s = s[:10]
    return s


@cache
def _aliases() -> dict[str, str]:
    return {a: canon for canon, al in config()["label_aliases"].items() for a in al}


def norm(text: str) -> str:
    """Normalised label: case, punctuation, parentheses, 'the', possessives, country aliases."""
    raw = _clean(text)
    s = re.sub(r"\([^)]*\)", " ", raw.replace("_", " "))
    s = s.replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"'s\b", "", s.lower())
    s = re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", s)).strip()
    s = re.sub(r"^the ", "", s)
    if s == "us" and raw.lower() == "us" and raw != "US":
        return s  # the pronoun
    return _aliases().get(s, s)


def is_date(s: str) -> bool:
    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", _clean(s)))


def _acronym(short: str, long: str) -> bool:
    a = _clean(short).replace(".", "")
    first = re.sub(r"\([^)]*\)", " ", _clean(long).split(",")[0]).replace("_", " ").replace("-", " ")
    words = [t for t in first.split() if t.lower() not in STOP]
    return a.isupper() and 2 <= len(a) == len(words) and a == "".join(t[0] for t in words).upper()


def label_match(names: Iterable[str], gold: str, *, lenient: bool) -> bool:
    """Whether one of `names` names the gold thing `gold`."""
    g = norm(gold)
    if not g:
        return False
    variants = {g}
    if lenient and "," in _clean(gold):
        variants.add(norm(_clean(gold).split(",")[0]))
    generic = set(config()["generic_heads"])
    for c in names:
        n = norm(c)
        if not n:
            continue
        if n in variants:
            return True
        if not lenient or is_date(gold) or is_date(c) or any(ch.isdigit() for ch in n + g):
            continue
        if _acronym(c, gold) or _acronym(gold, c):
            return True
        for v in (variants - {g} if len(variants) > 1 else variants):
            pairs = [(n.split(), v.split(), c, gold)]
            if "(" in _clean(gold):
                pairs.append((v.split(), n.split(), gold, c))
            for short, long, short_raw, long_raw in pairs:
                k = len(short)
                if k >= len(long) or long[-k:] != short or all(t in STOP for t in short):
                    continue
                if k >= 2:
                    return True
                words = re.sub(r"\([^)]*\)", " ", _clean(long_raw).replace("_", " ")).split()
                if (2 <= len(words) <= 3 and len(words) == len(long) and short[0] not in generic
                        and short[0] not in STOP and _clean(short_raw)[:1].isupper()
                        and all(w[:1].isupper() for w in words)):
                    return True
    return False


# ---------------------------------------------------------------------------
# Scoring


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class EvalReport:
    dataset: str
    documents: int
    per_predicate: dict[str, Score] = field(default_factory=dict)
    entities: Score | None = None
    typed: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # kind, document, what

    @property
    def triples(self) -> Score:
        total = Score()
        for s in self.per_predicate.values():
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        return total

    @property
    def type_accuracy(self) -> float:
        n = self.typed["right"] + self.typed["wrong"]
        return self.typed["right"] / n if n else 0.0

    def summary(self) -> str:
        t = self.triples
        ent = (f" entities F1={self.entities.f1:.3f} type-acc={self.type_accuracy:.3f}"
               if self.entities is not None else " entities n/a")
        return f"SUMMARY {self.dataset}: docs {self.documents} triples P={t.p:.3f} R={t.r:.3f} F1={t.f1:.3f}{ent}"


def key_of(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def detect_dataset(gold: Sequence[dict[str, Any]]) -> str:
    """kg's own vocabulary, or the corpus whose predicates the gold uses."""
    preds = {p for g in gold for _, p, _ in [*g.get("triples", []), *g.get("optional_triples", [])]}
    vocab = {key_of(p) for p in load_ontology().properties}
    if all(key_of(p) in vocab for p in preds):
        return "news"
    for name, ds in config()["datasets"].items():
        if preds & set(ds["predicates"]):
            return str(name)
    raise InputError("E108", "cannot tell the gold file's vocabulary; name it with --dataset")


def read_gold(path: Path) -> list[dict[str, Any]]:
    from kg.io import read_jsonl_lines, read_text_file

    lines = read_text_file(path).splitlines()
    list(read_jsonl_lines(lines, name=str(path)))  # the same checks as an input file
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not _gold_row_ok(row):
            raise InputError("E110", f"{path}:{n}: triples must be lists of [subject, predicate, object] strings "
                                     "and entities lists of objects with a \"text\" (and \"aliases\" strings)")
        rows.append(row)
    if not rows:
        raise InputError("E104", f"no documents in the gold file {path}")
    return rows


def _gold_row_ok(row: dict[str, Any]) -> bool:
    def strings(v: object) -> bool:
        return isinstance(v, list) and all(isinstance(x, str) for x in v)

    triples = [row.get("triples", []), row.get("optional_triples", [])]
    ents = [row.get("entities", []), row.get("optional_entities", [])]
    return all(isinstance(ts, list) and all(strings(t) and len(t) == 3 for t in ts) for ts in triples) and \
        all(isinstance(es, list) and all(isinstance(e, dict) and isinstance(e.get("text"), str)
                                         and strings(e.get("aliases", [])) for e in es) for es in ents)


def score(gold_docs: Sequence[dict[str, Any]], extractions: Sequence[Extraction], *, dataset: str) -> EvalReport:
    """Score extractions (one per gold document, by id) against the gold."""
    cfg = config()
    own = dataset in cfg["own_vocabulary"]
    ds = cfg["datasets"].get(dataset, {})
    vocab = {key_of(p) for p in load_ontology().properties}
    pmap: dict[str, tuple[str, bool]] = ({p: (key_of(p), False) for p in load_ontology().properties} if own
                                         else {k: (v[0], bool(v[1])) for k, v in ds["predicates"].items()})
    scored = {k for k, _ in pmap.values()}
    implies = {k: set(v) for k, v in cfg["implies"].items()}
    for k, v in ds.get("implies", {}).items():
        implies.setdefault(k, set()).update(v)
    implies = {k: v for k, v in implies.items() if k not in scored}
    tolerated = {k: set(v) for k, v in cfg["tolerated"].items()}
    partial = set(ds.get("partial", []))
    types = ds.get("types", {})
    lenient = not own
    onto = load_ontology()
    symmetric = {key_of(p) for p, prop in onto.properties.items() if prop.symmetric}
    by_id = {x.document.id: x for x in extractions}
    report = EvalReport(dataset=dataset, documents=len(gold_docs))
    per: dict[str, Score] = {}
    ent = Score() if any("entities" in g for g in gold_docs) else None

    def one(gd: dict[str, Any]) -> None:
        doc_id = str(gd["id"])
        x = by_id.get(doc_id)
        clusters: list[list[str]] = []
        for e in [*gd.get("entities", []), *gd.get("optional_entities", [])]:
            alias_list = [e["text"], *e.get("aliases", [])]
            cluster = next((c for c in clusters if any(
                label_match([a], b, lenient=lenient) or label_match([b], a, lenient=lenient) or _acronym(a, b)
                or _acronym(b, a) for a in alias_list for b in c)), None)
            if cluster is not None:
                cluster.extend(alias_list)
            else:
                clusters.append(alias_list)
        for s_, _, o_ in [*gd.get("triples", []), *gd.get("optional_triples", [])]:
            for a in (s_, o_):
                if not is_date(a) and not any(
                        label_match([a], n, lenient=lenient) or label_match([n], a, lenient=lenient)
                        for c in clusters for n in c):
                    clusters.append([a])

        def reach(names: set[str]) -> set[int]:
            return {i for i, c in enumerate(clusters) if any(label_match(names, n, lenient=lenient) for n in c)}

        names_of: dict[str, set[str]] = {}
        coarse_of: dict[str, str | None] = {}
        for e in (x.entities if x else ()):
            nm = {e.label, *e.aliases}
            if len(reach(nm)) > 1:
                nm = {e.label} if len(reach({e.label})) == 1 else set()
            names_of[e.key] = nm
            coarse_of[e.key] = onto.coarse(e.cls)

        def names(node: str, is_literal: bool = False) -> set[str]:
            return {node} if is_literal else names_of.get(node, {node.rsplit("/", 1)[-1].replace("-", " ")})

        def event_only(node: str) -> bool:
            return coarse_of.get(node) == "Event" and not reach(names(node))

        gold: dict[tuple[str, str, str], tuple[str, str, str]] = {}
        opt: list[tuple[str, str, str]] = []
        for bucket, src in ((None, gd.get("triples", [])), (opt, gd.get("optional_triples", []))):
            for s_, p_, o_ in src:
                if p_ not in pmap and not own:
                    continue
                k, inv = pmap.get(p_, (key_of(p_), False))
                t = (o_, k, s_) if inv else (s_, k, o_)
                if bucket is None:
                    gold.setdefault((norm(t[0]), k, norm(t[2])), t)
                else:
                    bucket.append(t)
        golds = list(gold.values())
        used = [False] * len(golds)
        doc_keys = {g[1] for g in golds}

        def fits(pt: tuple[str, str, str, bool], gt: tuple[str, str, str]) -> bool:
            ps, pk, po, lit = pt
            gs, gk, go = gt
            if gk != pk and gk not in implies.get(pk, ()):
                return False
            if label_match(names(ps), gs, lenient=lenient) and label_match(names(po, lit), go, lenient=lenient):
                return True
            return pk in symmetric and label_match(names(po, lit), gs, lenient=lenient) \
                and label_match(names(ps), go, lenient=lenient)

        def near(pt: tuple[str, str, str, bool], gt: tuple[str, str, str]) -> bool:
            ps, pk, po, lit = pt
            gs, gk, go = gt
            if {pk, gk} == {"operator", "launched"}:
                gs, go = go, gs
            return gk in tolerated.get(pk, ()) and label_match(names(ps), gs, lenient=lenient) \
                and label_match(names(po, lit), go, lenient=lenient)

        preds: set[tuple[str, str, str, bool]] = set()
        for r in (x.relations if x else ()):
            if not r.asserted:
                continue
            pk, lit = key_of(r.predicate), r.literal is not None
            if event_only(r.subj) or (not lit and event_only(r.obj)):
                continue
            if pk in symmetric and (r.obj, pk, r.subj, lit) in preds:
                continue
            preds.add((r.subj, pk, r.obj, lit))
        for pt in sorted(preds):
            pk = pt[1]
            if not own and ((pk in partial and pk not in doc_keys)
                            or not (pk in scored or implies.get(pk, set()) & scored)):
                continue
            if pk not in vocab:
                continue
            found = next((i for i, gt in enumerate(golds) if not used[i] and fits(pt, gt)), None)
            if found is not None:
                used[found] = True
                per.setdefault(golds[found][1], Score()).tp += 1
                continue
            if any(fits(pt, gt) or near(pt, gt) for gt in opt) or any(near(pt, gt) for gt in golds):
                continue
            per.setdefault(pk, Score()).fp += 1
            dup = " (duplicate)" if any(fits(pt, gt) for gt in golds) else ""
            s_name = sorted(names(pt[0]))[:1]
            o_name = sorted(names(pt[2], pt[3]))[:1]
            report.errors.append((f"FP{dup}", doc_id, f"{s_name} {pk} {o_name}"))
        for i, gt in enumerate(golds):
            if not used[i]:
                per.setdefault(gt[1], Score()).fn += 1
                report.errors.append(("FN", doc_id, f"{gt[0]} {gt[1]} {gt[2]}"))

        if ent is not None and "entities" in gd:
            kinds = set(COARSE_CLASSES)
            gents: list[tuple[str, str, list[str]]] = []
            for e in gd["entities"]:
                ty = types.get(e.get("type"), e.get("type"))
                if ty not in kinds:
                    continue
                ns = [e["text"], *e.get("aliases", [])]
                same = next((g for g in gents if g[1] == ty and any(
                    label_match([a], b, lenient=lenient) or label_match([b], a, lenient=lenient)
                    for a in ns for b in [g[0], *g[2]])), None)
                if same:
                    same[2].extend(ns)
                else:
                    gents.append((e["text"], ty, list(e.get("aliases", []))))
            oents = [[e["text"], *e.get("aliases", [])] for e in gd.get("optional_entities", [])]
            oents += [[e["text"], *e.get("aliases", [])] for e in gd["entities"]
                      if types.get(e.get("type"), e.get("type")) not in kinds]
            matched: set[int] = set()
            for key in sorted(k for k, c in coarse_of.items() if c):
                if event_only(key):
                    continue
                nm = names(key)
                hits = [i for i, (t, _, al) in enumerate(gents) if label_match(nm, t, lenient=lenient)
                        or any(label_match(nm, a, lenient=lenient) for a in al)]
                free = [i for i in hits if i not in matched]
                if free:
                    matched.add(free[0])
                    ent.tp += 1
                    report.typed["right" if coarse_of[key] == gents[free[0]][1] else "wrong"] += 1
                elif hits:
                    ent.fp += 1
                    report.errors.append(("FP-entity (duplicate)", doc_id, str(sorted(nm)[:2])))
                elif any(any(label_match(nm, n, lenient=lenient) for n in o) for o in oents):
                    continue
                else:
                    ent.fp += 1
                    report.errors.append(("FP-entity", doc_id, str(sorted(nm)[:2])))
            for i, (gname, gtype, _) in enumerate(gents):
                if i not in matched:
                    ent.fn += 1
                    report.errors.append(("FN-entity", doc_id, f"{gname} ({gtype})"))
    for gd in gold_docs:
        one(gd)
    report.per_predicate = dict(sorted(per.items()))
    report.entities = ent
    return report


def evaluate(gold_path: str | Path, *, dataset: str | None = None, model: str | None = None) -> EvalReport:
    """Build the gold file's texts with kg and score the result."""
    from kg.io import read_inputs
    from kg.pipeline import extract

    path = Path(gold_path)
    gold = read_gold(path)
    ds = dataset or detect_dataset(gold)
    if ds not in config()["own_vocabulary"] and ds not in config()["datasets"]:
        raise InputError("E109", f"unknown dataset {ds!r}")
    extractions = extract(read_inputs([path]), model=model)
    return score(gold, extractions, dataset=ds)


def format_report(report: EvalReport, *, errors: int = 0) -> str:
    lines = [f"{'predicate':16} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for k, s in report.per_predicate.items():
        lines.append(f"{k:16} {s.p:6.3f} {s.r:6.3f} {s.f1:6.3f} {s.tp:5} {s.fp:5} {s.fn:5}")
    if report.entities is not None:
        e = report.entities
        lines.append(f"{'[entities]':16} {e.p:6.3f} {e.r:6.3f} {e.f1:6.3f} {e.tp:5} {e.fp:5} {e.fn:5}"
                     f"  type-acc {report.type_accuracy:.3f}")
    lines.extend("\t".join(err) for err in report.errors[:errors])
    lines.append(report.summary())
    return "\n".join(lines)
