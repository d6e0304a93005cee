"""What a production install gets is enough to run the site: every package the site's code
imports is in requirements.txt or installed by something there.

requirements-dev.txt installs everything, so the suite itself cannot see a module that only
the development requirements bring (scipy once was: the crisis model imported it, and a
production install could not start). These tests read the code's imports and the installed
packages' declared dependencies instead; CI also installs requirements.txt alone into a fresh
environment and loads the site and the crisis model there (.ci/run).
"""

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
# Development tools, not deployed code.
NOT_DEPLOYED = {"tests", "bench", "docs", "var", "deploy", "edge", "locale", "static"}
# Imports the deployed code may make of development-only packages, and why.
DEVELOPMENT_ONLY = {
    # Training the crisis model (`make crisis-model`) is a development step; the site only
    # reads the trained model, with numpy and scipy.
    ("intake/safety/training.py", "sklearn"),
}


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_lines(path):
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return [Requirement(line) for line in lines if line and not line.startswith("-")]


def installed_with(requirements):
    """The distributions that installing `requirements` brings: them, with their extras, and
    everything they depend on, as the installed packages declare it."""
    found, waiting = set(), [(req.name, frozenset(req.extras)) for req in requirements]
    while waiting:
        name, extras = waiting.pop()
        key = (canonical(name), extras)
        if key in found:
            continue
        found.add(key)
        for line in metadata.requires(name) or ():
            needed = Requirement(line)
            environments = [{"extra": extra} for extra in extras] or [{"extra": ""}]
            if needed.marker is None or any(needed.marker.evaluate(e) for e in environments):
                waiting.append((needed.name, frozenset(needed.extras)))
    return {name for name, _ in found}


def deployed_sources():
    yield from sorted(ROOT.glob("*.py"))
    for folder in sorted(ROOT.iterdir()):
        is_package = (folder / "__init__.py").exists()
        if is_package and folder.name not in NOT_DEPLOYED:
            yield from sorted(folder.rglob("*.py"))


def imported_modules(path):
    """The top-level names of the modules a file imports, anywhere in it (absolute imports)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def third_party_imports():
    first_party = {path.stem for path in ROOT.iterdir()}
    for path in deployed_sources():
        for module in imported_modules(path):
            if module not in sys.stdlib_module_names and module not in first_party:
                yield path.relative_to(ROOT).as_posix(), module


def test_every_package_the_site_imports_comes_with_the_runtime_requirements():
    runtime = installed_with(requirement_lines(ROOT / "requirements.txt"))
    providers = metadata.packages_distributions()
    missing = sorted(
        (path, module)
        for path, module in set(third_party_imports()) - DEVELOPMENT_ONLY
        if not {canonical(name) for name in providers.get(module, [module])} & runtime
    )
    assert not missing, f"imported by the site but not installed by requirements.txt: {missing}"


def test_the_check_sees_a_package_only_the_development_requirements_bring():
    runtime = installed_with(requirement_lines(ROOT / "requirements.txt"))
    development = installed_with(requirement_lines(ROOT / "requirements-dev.txt"))
    assert {"pytest", "scikit-learn", "aiosmtpd"} <= development - runtime
    assert {"django", "wagtail", "numpy", "scipy", "tokenizers", "pyyaml"} <= runtime


def test_every_requirement_is_pinned_to_one_version():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for requirement in requirement_lines(ROOT / name):
            assert re.fullmatch(r"==[^,*]+", str(requirement.specifier)), (name, requirement)
