"""Every audit action code written anywhere is registered with kk/ru/en labels (issue 11.5),
and the actor of an action is shown in the role they acted in, never a name (issue 10.26)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import translation

from tyndau.audit.actions import UnregisteredAction, action_label, actor_role_label, is_registered
from tyndau.audit.models import Event
from tyndau.audit.services import record_event

ROOT = Path(__file__).resolve().parents[2]  # tyndau/


def _enclosing_functions(tree: ast.AST) -> dict[ast.AST, ast.FunctionDef | ast.AsyncFunctionDef | None]:
    """Each node's innermost enclosing function (None at module level)."""
    parents: dict[ast.AST, ast.FunctionDef | ast.AsyncFunctionDef | None] = {}

    def visit(node: ast.AST, function: ast.FunctionDef | ast.AsyncFunctionDef | None) -> None:
        for child in ast.iter_child_nodes(node):
            parents[child] = function
            visit(child, child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function)

    visit(tree, None)
    return parents


def written_action_codes() -> tuple[dict[str, list[str]], list[str]]:
    """Action codes passed as `action=` in every product module that writes audit events.

    A literal counts; a name is followed to the string literals assigned to it in the same
    function (or skipped when it is that function's parameter: the caller is checked instead).
    Anything else (an f-string, a computed name) is reported as unreadable: write the code out.
    """
    codes: dict[str, list[str]] = {}
    unreadable: list[str] = []
    for path in sorted(ROOT.rglob("*.py")):
        if {"tests", "migrations"} & set(path.parts) or path.parent.name == "audit":
            continue  # the audit app passes codes through; it writes none of its own
        source = path.read_text(encoding="utf-8")
        if "record_event" not in source and "record_change" not in source:  # record_change: core's seam
            continue
        tree = ast.parse(source)
        functions = _enclosing_functions(tree)
        where = str(path.relative_to(ROOT.parent))
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            for keyword in call.keywords:
                if keyword.arg != "action":
                    continue
                value = keyword.value
                here = f"{where}:{call.lineno}"
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    codes.setdefault(value.value, []).append(here)
                    continue
                function = functions.get(call)
                if isinstance(value, ast.Name) and function is not None:
                    assigned = [
                        node.value.value
                        for node in ast.walk(function)
                        if isinstance(node, ast.Assign)
                        and any(isinstance(t, ast.Name) and t.id == value.id for t in node.targets)
                        and isinstance(node.value, ast.Constant)
                        and isinstance(node.value.value, str)
                    ]
                    parameters = {a.arg for a in function.args.args + function.args.kwonlyargs}
                    if assigned or value.id in parameters:
                        for code in assigned:
                            codes.setdefault(code, []).append(here)
                        continue
                unreadable.append(here)
    return codes, unreadable


def test_the_scan_finds_the_codes_of_every_writing_app():
    codes, unreadable = written_action_codes()
    assert not unreadable, f"action codes the scan cannot read (write them as literals): {unreadable}"
    apps = {code.split(".")[0] for code in codes}
    assert {"accounts", "appeals", "petitions", "core"} <= apps
    assert "core.decreed_day.create" in codes  # followed through a variable


def test_every_written_action_code_is_registered_with_kk_ru_en_labels():
    codes, _ = written_action_codes()
    missing = {code: places for code, places in codes.items() if not is_registered(code)}
    assert not missing, f"unregistered audit actions (add them to the app's audit_actions.py): {missing}"
    untranslated = []
    for code in codes:
        labels = {}
        for language in ("en", "ru", "kk"):
            with translation.override(language):
                labels[language] = action_label(code)
        if labels["en"] == code or labels["ru"] == labels["en"] or labels["kk"] == labels["en"]:
            untranslated.append((code, labels))
    assert not untranslated, f"labels missing or not translated: {untranslated}"


@pytest.mark.django_db
def test_record_event_refuses_an_unregistered_action():
    with pytest.raises(UnregisteredAction, match=r"nobody\.registered\.this"), transaction.atomic():
        record_event(actor=None, action="nobody.registered.this")
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_record_event_allows_an_unregistered_action_when_not_strict(settings):
    settings.AUDIT_STRICT_ACTIONS = False
    with transaction.atomic():
        event = record_event(actor=None, action="nobody.registered.this")
    assert event.action == "nobody.registered.this"


def test_the_audit_app_imports_no_domain_app():
    domain = ("accounts", "appeals", "petitions", "authorities", "transparency", "notifications")
    offenders = []
    for path in (ROOT / "audit").rglob("*.py"):
        if "tests" in path.parts or path.name == "apps.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            offenders += [
                f"{path.name}: {name}" for name in names if name.startswith(tuple(f"tyndau.{d}" for d in domain))
            ]
    assert not offenders


def test_roles_are_labelled_in_every_language():
    with translation.override("ru"):
        assert actor_role_label("system:deadline_sweep") == "Система (контроль сроков)"
        assert actor_role_label("applicant") == "Заявитель"
    with translation.override("kk"):
        assert actor_role_label("official") != "Official"
