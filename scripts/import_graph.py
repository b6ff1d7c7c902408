"""Print the import cycles inside `tyndau` — between modules and between apps.

    .venv/bin/python scripts/import_graph.py

A cycle is a strongly connected component of the import graph (every import statement counts, also one
inside a function; `if TYPE_CHECKING:` imports do not). The app-level graph squashes each `tyndau.<app>`
into one node, so `appeals → audit → appeals` is a cycle even when no two modules import each other.
Tests are left out: they may import anything. The layering itself is enforced by import-linter
(`[tool.importlinter]` in pyproject.toml, `make lint`); this script is the measurement quoted in
docs/development.md.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import grimp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def strongly_connected(nodes: Iterable[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; returns the components with more than one node, each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(edges.get(nxt, ())))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def is_test(module: str) -> bool:
    return ".tests." in module or module.endswith(".tests")


def graphs() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    graph = grimp.build_graph("tyndau", exclude_type_checking_imports=True)
    modules = {m for m in graph.modules if not is_test(m)}
    module_edges: dict[str, set[str]] = {m: set() for m in modules}
    app_edges: dict[str, set[str]] = {}
    for module in modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in modules:
                continue
            module_edges[module].add(imported)
            a, b = ".".join(module.split(".")[:2]), ".".join(imported.split(".")[:2])
            if a != b:
                app_edges.setdefault(a, set()).add(b)
                app_edges.setdefault(b, set())
    return module_edges, app_edges


def main() -> int:
    module_edges, app_edges = graphs()
    module_cycles = strongly_connected(module_edges, module_edges)
    app_cycles = strongly_connected(app_edges, app_edges)
    print(f"module-level cycles: {len(module_cycles)}")
    for component in module_cycles:
        print("  " + " ↔ ".join(component))
    print(f"app-level cycles: {len(app_cycles)}")
    for component in app_cycles:
        print("  " + " ↔ ".join(component))
    print("app imports:")
    for app in sorted(app_edges):
        print(f"  {app} → {', '.join(sorted(app_edges[app])) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
