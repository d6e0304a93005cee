"""The layout keeps its architecture (issue #20): imports point down, no files import each other
in a circle, and the infrastructure apps import no feature app.

Read from the source with `ast`, every import counted wherever it stands (a function-level
import ties two files as much as one at the top), so nothing is imported or run here."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Every app of the project: a top-level folder with an apps.py.
PROJECT_PACKAGES = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))
FEATURE_APPS = {"articles", "intake", "search", "treatments"}
# Apps that serve every feature and know none of them.
INFRASTRUCTURE_APPS = ["caching", "staff_access", "edge", "backups"]
# What infrastructure must not reach for: the features, and the site itself (clinic/ holds the
# project's wiring and the site's own pages and settings, which sit on top of infrastructure).
ABOVE_INFRASTRUCTURE = FEATURE_APPS | {"clinic"}


PERMISSION_PREFIXES = ("add_", "change_", "delete_", "view_")


def names_something_above_infrastructure(text):
    """Whether a string is a dotted path into a module, a model label or a permission of an
    app above infrastructure ("search.views.x", "intake.Enquiry", "intake.change_enquiry"),
    not merely text that starts with such a name (a hashing salt kept from an old module
    name)."""
    app, _, rest = text.strip().partition(".")
    if app not in ABOVE_INFRASTRUCTURE or not rest:
        return False
    first = rest.split(".")[0]
    is_module = (ROOT / app / f"{first}.py").exists() or (ROOT / app / first).is_dir()
    return is_module or first[:1].isupper() or first.startswith(PERMISSION_PREFIXES)


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    """{dotted name: path} of every Python file of the project's apps."""
    return {
        module_name(path): path
        for package in PROJECT_PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def imported_names(tree, module, is_package):
    """Every dotted name the module imports, `from x import y` giving both x and x.y (y may be
    a module or a name defined in x)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module if is_package else module.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}".strip(".")
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def import_graph():
    """{module: the project modules it imports}."""
    modules = project_modules()
    graph = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        names = imported_names(tree, module, path.name == "__init__.py")
        graph[module] = {name for name in names if name in modules and name != module}
    # `from clinic import models` names clinic.models; `from clinic.models import X` also names
    # clinic.models.X, which is no module and was dropped above. A package named only as the
    # prefix of its own modules' imports (`from intake.models import X` names `intake` too) is
    # not an import of its __init__: drop those.
    for module, imports in graph.items():
        prefixes = {name for name in imports if any(o.startswith(f"{name}.") for o in imports)}
        graph[module] = imports - prefixes
    return graph


def circles(graph):
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_app_is_read():
    assert {"clinic", "articles", "intake", "search", "treatments", "edge"} <= set(PROJECT_PACKAGES)


def test_the_graph_sees_the_imports_it_checks():
    # Without this, a reader that found no imports would pass every test below.
    graph = import_graph()
    assert "intake.views" in graph["intake.pages"]
    assert "clinic.site_settings" in graph["clinic.blocks"]
    assert "staff_access.devices" in graph["staff_access.middleware"]


def test_strings_that_name_what_is_above_infrastructure_are_told_from_other_text():
    assert names_something_above_infrastructure("search.views.search")
    assert names_something_above_infrastructure("intake.Enquiry")
    assert names_something_above_infrastructure("intake.change_enquiry")
    assert names_something_above_infrastructure("clinic.site_settings.ClinicSettings")
    assert not names_something_above_infrastructure("clinic.staff_sign_in.backup_code")
    assert not names_something_above_infrastructure("edge.models.PendingPurge")


def test_the_circle_finder_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_no_files_import_each_other_in_a_circle():
    assert circles(import_graph()) == []


def test_the_enquiry_models_import_no_view():
    assert not {"intake.views", "intake.pages"} & import_graph()["intake.models"]


def imports_of(app, forbidden):
    """{module of `app`: the names it imports from the `forbidden` apps}."""
    importing = {}
    for module, path in project_modules().items():
        if not module.startswith(f"{app}."):
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        names = imported_names(tree, module, path.name == "__init__.py")
        found = {name for name in names if name.split(".")[0] in forbidden}
        if found:
            importing[module] = sorted(found)
    return importing


@pytest.mark.parametrize("app", INFRASTRUCTURE_APPS)
def test_an_infrastructure_app_imports_neither_a_feature_app_nor_the_site(app):
    assert imports_of(app, ABOVE_INFRASTRUCTURE) == {}


def test_the_site_app_imports_no_feature_app():
    """clinic/ sits below the features: it names their URLs and settings in strings
    (urls.py, settings.py), and each app builds and translates its own demo content."""
    assert imports_of("clinic", FEATURE_APPS) == {}


@pytest.mark.parametrize("app", INFRASTRUCTURE_APPS)
def test_an_infrastructure_app_names_no_feature_or_site_model_or_path(app):
    """Nor through a string: apps.get_model("intake.Enquiry"), import_string("search.views.x")
    or a permission "intake.change_enquiry" would tie it to the feature as much as an import."""
    naming = {}
    for module, path in project_modules().items():
        if not module.startswith(f"{app}."):
            continue
        strings = {
            node.value
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        named = {s for s in strings if names_something_above_infrastructure(s)}
        if named:
            naming[module] = sorted(named)
    assert naming == {}
