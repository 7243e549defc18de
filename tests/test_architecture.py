"""The house rules that a test can check: one direction of data flow, no names in code."""

import ast
import re
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"


def imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module.split(".")[0])
    return out


@pytest.mark.parametrize("module", ["rdf.py", "store.py", "stores.py", "query.py", "ontology.py", "text.py", "viz", "stats.py", "serve"])
def test_output_side_never_imports_spacy(module: str) -> None:
    paths = sorted((KG / module).rglob("*.py")) if (KG / module).is_dir() else [KG / module]
    for p in paths:
        if p.exists():
            assert "spacy" not in imports(p), p


def test_extraction_never_imports_pyvis() -> None:
    for p in sorted((KG / "extract").rglob("*.py")):
        assert "pyvis" not in imports(p), p


def test_no_person_names_from_the_example_in_code_or_data() -> None:
    example = (KG.parent / "examples" / "roscosmos-nasa-2025-08-01.txt").read_text(encoding="utf-8")
    names = ["Bakanov", "Duffy", "Leonov", "Kubasov", "Stafford", "Slayton", "Vance Brand"]
    assert all(n in example for n in names)
    files = [*KG.rglob("*.py"), *(KG.parent / "ontologies").rglob("*.*")]
    for f in files:
        text = f.read_text(encoding="utf-8")
        for n in names:  # as words: "Leonovo" is a Russian town's name (ontologies/cities.txt)
            assert not re.search(rf"\b{n}\b", text), (f, n)


def test_license_is_an_spdx_string() -> None:
    """A table (`{ text = "MIT" }`) makes setuptools print a deprecation block at every install."""
    import tomllib

    meta = tomllib.loads((KG.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["license"] == "MIT"
    assert "setuptools>=77" in meta["build-system"]["requires"]  # the first to read SPDX strings
