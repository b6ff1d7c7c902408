"""One rule, one place: the source itself is checked for the patterns that once spread (issue 11).

- Who may act for a public body is decided by `tyndau.accounts.selectors.acts_for_body` /
  `bodies_acted_for` / `officials_of`; nothing else queries memberships.
- Roles are the `Role` enum, never a string literal, wherever a role is asked for or granted.
- Views and API endpoints do not query the ORM; they call selectors (reads) and services (writes).
- The apps import each other only downwards (import-linter contracts in pyproject.toml).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ROOT / "tyndau"

# Files a later change still has to bring under the rules (none left: issue 11 closed the last, petitions).
PENDING: tuple[str, ...] = ()


def product_modules() -> Iterator[tuple[str, str]]:
    for path in sorted(PRODUCT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/migrations/" in rel or "/tests/" in rel or rel.startswith(PENDING):
            continue
        yield rel, path.read_text(encoding="utf-8")


def offences(check: Callable[[str, str], list[str]]) -> str:
    """Every line of the product code that `check` objects to, one a line ('' when there is none)."""
    return "\n".join(hit for rel, source in product_modules() for hit in check(rel, source))


def matching_lines(rel: str, source: str, pattern: re.Pattern[str]) -> list[str]:
    return [f"{rel}:{n}: {line.strip()}" for n, line in enumerate(source.splitlines(), 1) if pattern.search(line)]


MEMBERSHIP_QUERY = re.compile(r"\bMembership\.objects\b|\bmemberships__|\.memberships\.")
# Where memberships may be read or written: the predicate itself, the services that write them
# (audited), and the admin that calls those services.
MEMBERSHIP_HOME = ("tyndau/accounts/selectors.py", "tyndau/accounts/services/", "tyndau/accounts/admin.py")


def membership_queries(rel: str, source: str) -> list[str]:
    return [] if rel.startswith(MEMBERSHIP_HOME) else matching_lines(rel, source, MEMBERSHIP_QUERY)


ROLE_CALLS = {"has_any_role", "has_role", "_has_role", "role_required"}
ROLE_KEYWORDS = {"role", "role__in", "roles", "role_grants__role", "role_grants__role__in"}


def _strings(node: ast.AST) -> Iterator[ast.Constant]:
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child


def role_literals(rel: str, source: str) -> list[str]:
    """String constants where a role is asked for: the arguments of has_any_role / role_required and
    the value of a role= / role__in= keyword (a RoleGrant query or create)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        suspects: list[ast.AST] = list(node.args) if name in ROLE_CALLS else []
        suspects += [kw.value for kw in node.keywords if kw.arg in ROLE_KEYWORDS]
        found += [f"{rel}:{s.lineno}: {s.value!r}" for arg in suspects for s in _strings(arg)]
    return found


def _calls(node: ast.AST, name: str) -> bool:
    return any(
        isinstance(n, ast.Call) and (getattr(n.func, "id", None) == name or getattr(n.func, "attr", None) == name)
        for n in ast.walk(node)
    )


def notify_after_commit(rel: str, source: str) -> list[str]:
    """`transaction.on_commit(...)` whose callback queues an e-mail (a lambda or a function defined in the
    module that calls `notify`): a crash between the commit and the callback would lose the e-mail. ADR 0003:
    the outbox row is written in the transaction of the change; only the delivery waits for the commit."""
    tree = ast.parse(source)
    functions = {f.name: f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "on_commit" and node.args):
            continue
        callback = node.args[0]
        target = functions.get(callback.id) if isinstance(callback, ast.Name) else callback
        if target is not None and _calls(target, "notify"):
            found.append(f"{rel}:{node.lineno}: {ast.unparse(node)[:100]}")
    return found


DATE_HELPER = re.compile(
    r"localdate\(|timezone\.now\(\)\.date\(\)|local\(timezone\.now\(\)\)\.date\(\)|relativedelta|dateutil"
    r"|def _?(local_)?today\(|def add_months\("
)


def date_helpers(rel: str, source: str) -> list[str]:
    return [] if rel == "tyndau/core/calendar.py" else matching_lines(rel, source, DATE_HELPER)


VIEW_MODULE = re.compile(r"/(views|api)(/[^/]+)?\.py$|/views_[a-z]+\.py$|/open311/views\.py$")
ORM_READ = re.compile(r"\b[A-Z]\w*\.objects\b|get_object_or_404\(|get_list_or_404\(")


# Lines a later change still has to move into selectors (none left).
ORM_PENDING: set[tuple[str, str]] = set()


def orm_in_views(rel: str, source: str) -> list[str]:
    if not VIEW_MODULE.search(rel):
        return []
    return [hit for hit in matching_lines(rel, source, ORM_READ) if (rel, hit.split(": ", 1)[1]) not in ORM_PENDING]


CHECKS = {
    "membership": (membership_queries, "ask tyndau.accounts.selectors.acts_for_body / bodies_acted_for instead"),
    "role": (role_literals, "use tyndau.accounts.models.Role"),
    "notify": (notify_after_commit, "call notify() inside the transaction, not in on_commit"),
    "date": (date_helpers, "use tyndau.core.calendar.local_today / add_months"),
    "orm": (orm_in_views, "move the read into the app's selectors"),
}


@pytest.mark.parametrize("name", CHECKS)
def test_the_product_holds_the_rule(name: str) -> None:
    check, advice = CHECKS[name]
    found = offences(check)
    assert not found, f"{advice}:\n{found}"


@pytest.mark.parametrize(
    ("name", "rel", "source", "caught"),
    [
        ("membership", "tyndau/x/views.py", "ok = Membership.objects.filter(user=u).exists()", True),
        ("membership", "tyndau/x/forms.py", "User.objects.filter(memberships__body=body)", True),
        ("membership", "tyndau/x/services.py", "actor.memberships.filter(body_id=1)", True),
        ("membership", "tyndau/accounts/selectors.py", "Membership.objects.filter(user=u)", False),
        ("role", "x.py", '@role_required("moderator")\ndef f(): pass', True),
        ("role", "x.py", 'user.has_any_role(Role.OFFICIAL, "supervisor")', True),
        ("role", "x.py", 'RoleGrant.objects.filter(role__in=["official"])', True),
        ("role", "x.py", "user.has_any_role(Role.OFFICIAL, Role.SUPERVISOR)", False),
        ("notify", "x.py", "transaction.on_commit(lambda: notify(to=a, template='t'))", True),
        ("notify", "x.py", "def send():\n    notify(to=a)\ntransaction.on_commit(send)", True),
        ("notify", "x.py", "notify(to=a)\ntransaction.on_commit(partial(_enqueue, 1))", False),
        ("date", "tyndau/x/services.py", "def _today() -> dt.date:", True),
        ("date", "tyndau/x/services.py", "day = timezone.localdate()", True),
        ("date", "tyndau/x/services.py", "from dateutil.relativedelta import relativedelta", True),
        ("date", "tyndau/core/calendar.py", "def local_today() -> dt.date:", False),
        ("orm", "tyndau/x/views.py", "a = Appeal.objects.filter(pk=1).first()", True),
        ("orm", "tyndau/x/views/official.py", "c = get_object_or_404(Complaint, pk=pk)", True),
        ("orm", "tyndau/x/selectors.py", "a = Appeal.objects.filter(pk=1).first()", False),
    ],
)
def test_each_check_sees_what_it_forbids(name: str, rel: str, source: str, caught: bool) -> None:
    check, _advice = CHECKS[name]
    assert bool(check(rel, source)) is caught


def test_imports_follow_the_layers() -> None:
    """The contracts in pyproject.toml ([tool.importlinter]): core below everything, no app importing
    one above it, no cycle between apps or between the modules of one app (ADR 0029)."""
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_text_a_person_types_is_a_free_text_field() -> None:
    """Typed text goes through `tyndau.core.forms.FreeTextField` (control characters dropped before the
    length is checked, a translated length message). A plain CharField is only for a value with its own
    validator (a phone, a BIN) or a hidden/password input. The assemblies app once used plain CharFields
    for its purpose, place, reasons and names, so an escape sequence typed there reached the public record."""
    import importlib
    import inspect

    from django import forms
    from django.core import validators

    from tyndau.core.forms import FreeTextField

    # What every CharField carries; anything else is a validator of the field's own (a phone, a BIN).
    DEFAULT = (
        validators.MaxLengthValidator,
        validators.MinLengthValidator,
        validators.ProhibitNullCharactersValidator,
    )
    plain = []
    for path in sorted(PRODUCT.rglob("forms*.py")):
        rel = path.relative_to(ROOT).with_suffix("").as_posix()
        if "/tests/" in rel:
            continue
        module = importlib.import_module(rel.replace("/", "."))
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, forms.BaseForm) or cls.__module__ != module.__name__:
                continue
            for field_name, field in getattr(cls, "declared_fields", {}).items():
                if type(field) is not forms.CharField or isinstance(field, FreeTextField):
                    continue
                if isinstance(field.widget, forms.HiddenInput | forms.PasswordInput):
                    continue
                own = [v for v in field.validators if not isinstance(v, DEFAULT)]
                if not own:
                    plain.append(f"{rel}.{name}.{field_name}")
    assert not plain, "plain CharFields for typed text (use FreeTextField):\n  " + "\n  ".join(plain)
