"""Extraction stages: spaCy Doc -> mentions -> entities -> relations.

Each stage is a function over small dataclasses of kg.model, testable alone with a
hand-built Doc (no statistical model needed).
"""
