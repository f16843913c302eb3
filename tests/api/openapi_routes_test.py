#!/usr/bin/env python3
"""tests/api/openapi_routes_test.py

Checks that docs/api/openapi.yaml describes exactly the JSON API the server registers: every
(method, path) under /api/v1 added in src/areas/*/routes.cpp is an operation of the document
with the same method and path, every /api/v1 operation of the document is a registered route,
and each operation's `x-mandate-roles` names the roles its route allows.

Standard library only: the document is read with a small line parser of its `paths:` block
(paths at two spaces, methods at four, `x-mandate-roles: [..]` at six). When PyYAML is
importable the whole document is also parsed with it and must agree with the line parser.

Usage: python3 tests/api/openapi_routes_test.py [REPO_ROOT]
Exits 0 when both sides agree; otherwise prints every difference and exits 1.
"""

import glob
import os
import re
import sys

ROLES = ["admin", "top_management", "isms_manager", "contributor", "staff", "auditor"]
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
CPP_METHOD = {"del": "delete"}  # http::Method enumerators that are not the HTTP name

# add(Method::get, "/api/v1/…", Kind::api, <roles>, …  (with or without the http:: prefix)
ROUTE_RE = re.compile(
    r'\badd\(\s*(?:http::)?Method::(\w+)\s*,\s*"(/api/v1(?:/[^"]*)?)"\s*,\s*'
    r"(?:http::)?Kind::\w+\s*,\s*"
    r"(RoleSet\s*\{[^}]*\}|\{[^}]*\}|RoleSet::all\(\)|[A-Za-z_][\w:]*)"
)
# const RoleSet admin{Role::admin};  inline constexpr RoleSet kReaders{Role::a, Role::b};
ROLESET_DEF_RE = re.compile(
    r"(?:constexpr|const)\s+RoleSet\s+([A-Za-z_]\w*)\s*(?:=\s*RoleSet\s*)?\{([^}]*)\}"
)
ROLE_RE = re.compile(r"Role::(\w+)")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def roleset_definitions(paths):
    """name -> sorted roles, from RoleSet definitions in the given files (first one wins)."""
    defs = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = strip_comments(f.read())
        for name, body in ROLESET_DEF_RE.findall(text):
            defs.setdefault(name, sorted_roles(ROLE_RE.findall(body)))
    return defs


def sorted_roles(names):
    unknown = [n for n in names if n not in ROLES]
    if unknown:
        raise ValueError("unknown role(s) " + ", ".join(unknown))
    return sorted(set(names), key=ROLES.index)


def resolve_roles(expr, route_file, root):
    """The roles a route's RoleSet expression allows, or raises ValueError."""
    expr = expr.strip()
    if expr == "RoleSet::all()":
        return list(ROLES)
    brace = re.fullmatch(r"(?:RoleSet\s*)?\{([^}]*)\}", expr, flags=re.S)
    if brace:
        names = ROLE_RE.findall(brace.group(1))
        # An empty set on an API route means "any member" (Route::any_member): no route
        # refuses every role.
        return sorted_roles(names) if names else list(ROLES)
    name = expr.split("::")[-1]
    area = os.path.dirname(route_file)
    # The route's own file first, then its area's headers, then the shared headers.
    candidates = [route_file]
    candidates += sorted(glob.glob(os.path.join(area, "*.hpp")))
    candidates += sorted(glob.glob(os.path.join(root, "src", "areas", "common", "*.hpp")))
    candidates += sorted(glob.glob(os.path.join(root, "src", "core", "*.hpp")))
    defs = roleset_definitions(candidates)
    if name not in defs:
        raise ValueError("cannot resolve RoleSet '%s'" % expr)
    return defs[name]


def routes_from_source(root):
    """{(method, path): roles} for every /api/v1 route in src/areas/*/routes.cpp."""
    routes = {}
    problems = []
    files = sorted(glob.glob(os.path.join(root, "src", "areas", "*", "routes.cpp")))
    if not files:
        problems.append("no src/areas/*/routes.cpp under %s" % root)
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = strip_comments(f.read())
        rel = os.path.relpath(path, root)
        parsed = set()
        for m in ROUTE_RE.finditer(text):
            method = CPP_METHOD.get(m.group(1), m.group(1)).lower()
            key = (method, m.group(2))
            try:
                roles = resolve_roles(m.group(3), path, root)
            except ValueError as e:
                problems.append("%s: %s %s: %s" % (rel, method.upper(), m.group(2), e))
                roles = None
            if key in routes:
                problems.append("%s: %s %s is registered twice" % (rel, method.upper(), key[1]))
            routes[key] = roles
            parsed.add(m.group(2))
        # Catch registrations the pattern above does not understand rather than skip them.
        mentioned = set(re.findall(r'"(/api/v1(?:/[^"]*)?)"', text))
        for p in sorted(mentioned - parsed):
            problems.append("%s: could not parse the registration of %s" % (rel, p))
    return routes, problems


def operations_from_document(path):
    """{(method, path): roles or None} for every /api/v1 operation, by a line parser."""
    ops = {}
    problems = []
    in_paths = False
    current_path = None
    current_op = None
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            in_paths = line.rstrip() == "paths:"
            current_path = current_op = None
            continue
        if not in_paths:
            continue
        m = re.match(r"^  (['\"]?)(/[^'\":]*)\1:\s*$", line)
        if m:
            current_path, current_op = m.group(2), None
            continue
        m = re.match(r"^    (\w+):", line)
        if m:
            current_op = None
            if m.group(1) in HTTP_METHODS and current_path is not None:
                current_op = (m.group(1), current_path)
                if current_op in ops:
                    problems.append("line %d: %s %s is described twice"
                                    % (n, m.group(1).upper(), current_path))
                ops[current_op] = None
            continue
        m = re.match(r"^      x-mandate-roles:\s*\[([^\]]*)\]\s*$", line)
        if m and current_op is not None:
            ops[current_op] = [r.strip().strip("'\"") for r in m.group(1).split(",") if r.strip()]
    api_ops = {k: v for k, v in ops.items() if k[1].startswith("/api/v1")}
    return api_ops, problems


def operations_from_yaml(path):
    """The same, parsed with PyYAML; None when PyYAML is not installed."""
    try:
        import yaml  # optional: Debian's python3-yaml
    except ImportError:
        return None
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    ops = {}
    for p, item in (doc.get("paths") or {}).items():
        if not p.startswith("/api/v1"):
            continue
        for method, op in item.items():
            if method in HTTP_METHODS:
                ops[(method, p)] = op.get("x-mandate-roles")
    return ops


def main(argv):
    root = os.path.abspath(argv[1] if len(argv) > 1 else
                           os.path.join(os.path.dirname(__file__), "..", ".."))
    doc_path = os.path.join(root, "docs", "api", "openapi.yaml")
    errors = []
    if not os.path.isfile(doc_path):
        print("FAIL: %s does not exist" % doc_path)
        return 1

    routes, problems = routes_from_source(root)
    errors += problems
    ops, problems = operations_from_document(doc_path)
    errors += ["docs/api/openapi.yaml " + p for p in problems]

    yaml_ops = operations_from_yaml(doc_path)
    if yaml_ops is not None and yaml_ops != ops:
        errors.append("docs/api/openapi.yaml: the line parser and PyYAML disagree "
                      "(keep paths at 2 spaces, methods at 4, x-mandate-roles: [..] at 6): "
                      "line parser %s, PyYAML %s" % (sorted(ops.items()), sorted(yaml_ops.items())))

    def show(key):
        return "%s %s" % (key[0].upper(), key[1])

    for key in sorted(set(routes) - set(ops), key=lambda k: (k[1], k[0])):
        errors.append("route not documented in openapi.yaml: " + show(key))
    for key in sorted(set(ops) - set(routes), key=lambda k: (k[1], k[0])):
        errors.append("documented but no such route in src/areas/*/routes.cpp: " + show(key))
    for key in sorted(set(ops) & set(routes), key=lambda k: (k[1], k[0])):
        want, have = routes[key], ops[key]
        if want is None:
            continue  # already reported as unresolvable
        if have is None:
            errors.append("%s: x-mandate-roles is missing (routes.cpp allows %s)"
                          % (show(key), ", ".join(want)))
        elif sorted(set(have), key=lambda r: ROLES.index(r) if r in ROLES else 99) != want:
            errors.append("%s: x-mandate-roles is [%s] but routes.cpp allows [%s]"
                          % (show(key), ", ".join(have), ", ".join(want)))

    if errors:
        for e in errors:
            print("FAIL: " + e)
        print("%d difference(s) between src/areas/*/routes.cpp and docs/api/openapi.yaml"
              % len(errors))
        return 1
    print("OK: %d /api/v1 operations; routes.cpp and openapi.yaml agree on methods, paths and "
          "roles%s" % (len(routes), "" if yaml_ops is not None else " (PyYAML not installed)"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
