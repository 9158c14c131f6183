"""DESIGN: dependencies run one way, trusts <- appraisals <- (objectives, observations, capability,
development) <- reports. No app imports one to its right."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYER = {
    "trusts": 0,
    "appraisals": 1,
    "objectives": 2,
    "observations": 2,
    "capability": 2,
    "development": 2,
    "reports": 3,
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("app", list(LAYER))
def test_no_app_imports_one_to_its_right(app):
    wrong = []
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for name in imports_of(path) & set(LAYER):
            if LAYER[name] > LAYER[app] or (LAYER[name] == LAYER[app] and name != app):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []
