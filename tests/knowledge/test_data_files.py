"""Integrity of the language data: every file loads, every pattern compiles, no rule is unreachable."""

import re

from rasd.knowledge import DATA_DIR, load
from rasd.text.furniture import rules
from rasd.text.normalize import normalize
from rasd.text.structure import structure_rules


def test_every_data_file_loads() -> None:
    for path in DATA_DIR.glob("*.yaml"):
        assert load(path.name) is not None, path.name


def test_furniture_rules_compile_with_known_reasons() -> None:
    compiled = rules()
    assert len(compiled) >= 20
    names = [r.name for r in compiled]
    assert len(names) == len(set(names)), "rule names must be unique"
    assert {r.scope for r in compiled} <= {"line", "inline"}
    for rule in compiled:
        assert "{" not in rule.regex.pattern or re.search(r"\{\d", rule.regex.pattern), f"unfilled {rule.name}"


def test_patterns_are_in_normalised_form() -> None:
    for rule in rules():
        assert normalize(rule.regex.pattern) == rule.regex.pattern, rule.name


def test_abbreviations_are_strings() -> None:
    assert all(isinstance(a, str) for a in load("punctuation.yaml")["abbreviations"])


def test_structure_rules_load() -> None:
    assert structure_rules().datelines[0].match("دمشق ـ قالت")


def test_actor_file_is_consistent() -> None:
    from rasd.knowledge.load_check import actor_problems

    assert actor_problems() == []
    assert len(load("actors.yaml")) >= 250


def test_people_knowledge_loads() -> None:
    persons = load("persons.yaml")
    assert len(persons["known_people"]) >= 150 and len(persons["titles"]) >= 60
