#!/usr/bin/env bash
# SQL is only ever text written in the source, with values bound
# (DESIGN.md, "SQL only with bound parameters"). This walks every call that
# hands SQL to a driver or to a store helper and checks its SQL argument is
# a string literal, or a name declared `static const` in the same file with
# only literals in it (a table of statements, a member of such a table,
# either branch of a ?:), or a parameter of an allow-listed pass-through
# whose own callers are checked the same way. It also checks no printf-
# style call anywhere in src/ builds text that starts a statement.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ROOT/tests/tap.sh"

T=${TMPDIR:-/tmp}/sql_literals
rm -rf "$T"; mkdir -p "$T/src/store"
cat >"$T/src/store/bad.c" <<'C'
static const char fine[] = "SELECT 1 FROM t WHERE id = $1";
int f(struct db *db, char *name, struct err *e)
{
    char q[128];
    snprintf(q, sizeof q, "SELECT * FROM t WHERE name = '%s'", name);
    db_cached(db, fine, e);
    return db_cached(db, q, e) != NULL;
}
static int run(struct db *db, const char *sql, struct err *e)
{
    return db_cached(db, sql, e) != NULL;
}
int g(struct db *db, char *q, struct err *e)
{
    return run(db, q, e) + run(db, fine, e);
}
C
# A batch writer's table of statements that is not static text.
cat >"$T/src/store/store_stage.c" <<'C'
int store_stage_batch(struct db *db, const struct stage_batch *b, struct err *e)
{
    return db_exec(db, b->ddl, e);
}
C
cat >"$T/src/store/writer.c" <<'C'
int w(struct db *db, const char *q, struct err *e)
{
    struct stage_batch made = {.ddl = q, .copy_stage = "COPY", .read_stage = "SELECT", .copy_write = "COPY",
                               .writes = {"INSERT"},};
    return store_stage_batch(db, &made, e);
}
C
scan() {
python3 - "$1" <<'PY'
import os, re, sys

SRC = sys.argv[1]
# call name -> index of its SQL argument
CALLS = {"db_cached": 1, "db_prepare": 1, "db_prepare_stream": 1, "db_exec": 1, "sqlite3_prepare_v2": 1, "sqlite3_prepare_v3": 1,
         "sqlite3_exec": 1, "PQexec": 1, "PQprepare": 2, "PQexecParams": 1,
         "exec_by_id": 1, "first_row_by_id": 1, "db_copy_begin": 1, "store_stage_copy": 1,
         "store_stage_read": 1, "stage_write": 1}
# Functions whose SQL argument is their own parameter, passed on: their
# callers are the calls above, checked where they are made.
PASS_THROUGH = {("store/db_sqlite.c", "sql"), ("store/db_sqlite.c", "native"),
                # the PostgreSQL driver keeps its caller's statement to run later
                ("store/db_postgres.c", "sql"),
                # a streamed statement's cursor: DECLARE around the caller's statement, FETCH, CLOSE
                ("store/db_postgres.c", "declared"), ("store/db_postgres.c", "fetch"),
                ("store/db_postgres.c", "close_sql"), ("store/db.c", "sql"),
                ("store/db.c", "expanded"), ("store/store_stage.c", "copy_sql"),
                ("store/store_stage.c", "sql"), ("store/store_list.h", "sql"),
                ("rules/search.c", "sql"),
                # the migrations: src/store/migrations/*.sql compiled in, run as written
                ("store/store.c", "ddl")}
# Members of static const tables of statements, by file: the access and
# the tables it reads from; each table must hold only literals.
MEMBERS = {("store/store_cluster.c", r"t->(find|write|refresh)_sql"):
               ("cluster_table", "member_table", "usage_table"),
           ("store/store_privacy_retention.c", r"rules\[i\]\.(count|delete)_sql"): ("rules",),
           ("store/store_privacy_export.c", r"sec->sql"): ("sections",)}
LIT = r'"(?:[^"\\]|\\.)*"'

def args_at(text, i):
    depth, cur, out, j = 0, "", [], i
    while j < len(text):
        c = text[j]
        if c == '"':
            k = j + 1
            while text[k] != '"':
                k += 2 if text[k] == "\\" else 1
            cur += text[j:k + 1]; j = k + 1; continue
        if c in "([{": depth += 1
        if c in ")]}":
            if depth == 0:
                out.append(cur.strip()); return out
            depth -= 1
        if c == "," and depth == 0:
            out.append(cur.strip()); cur = ""
        else:
            cur += c
        j += 1
    return out

def literal_only(init, params=()):
    # literals, macro names and calls (whose bodies must be literals too),
    # a macro's own parameters, braces, commas, comments
    init = re.sub(r"/\*.*?\*/", " ", init, flags=re.S)
    init = re.sub(LIT, " ", init)
    init = re.sub(r"\[\s*[A-Z_][A-Z0-9_]*\s*\]\s*=", " ", init)    # [KIND] = "…" designators
    for p in params:
        init = re.sub(r"\b" + p + r"\b", " ", init)
    return re.fullmatch(r"[\s{}(),A-Z0-9_]*", init) is not None

def initializer(text, j):
    # text from j to the ';' that ends the declaration, skipping literals and comments
    out, depth = j, 0
    while True:
        c = text[j]
        if c == '"':
            j += 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
        elif text.startswith("/*", j):
            j = text.index("*/", j) + 1
        elif c in "{(":
            depth += 1
        elif c in "})":
            depth -= 1
        elif c == ";" and depth == 0:
            return text[out:j]
        j += 1

def param_of(text, name, pos):
    # (function, index) when the declaration of `name` in scope at pos is a
    # parameter of a static function of this file: its callers are then
    # checked like the driver's.
    decls = [m for m in re.finditer(r"\bchar\s*(?:\*\s*(?:const\s*)?)*" + re.escape(name)
                                    + r"\s*[,)]", text[:pos])]
    if not decls:
        return None
    d = decls[-1]
    later = [m for m in re.finditer(r"\bchar\s*(?:\*\s*(?:const\s*)?)*" + re.escape(name)
                                    + r"\s*(?:\[[^\]]*\])?\s*=", text[:pos]) if m.start() > d.start()]
    if later:
        return None
    depth, j = 0, d.start()
    while j > 0:
        j -= 1
        if text[j] == ")": depth += 1
        elif text[j] == "(":
            if depth == 0: break
            depth -= 1
    f = re.search(r"static\s+(?:inline\s+)?[\w\s\*]+?\b(\w+)\s*$", text[max(0, j - 120):j])
    if f is None:
        return None
    return f.group(1), text[j + 1:d.start()].count(",")

def const_decl(text, name, pos):
    # The declaration of `name` nearest before the call (the one in scope,
    # not any same-named one elsewhere in the file) must be a static const
    # made of literals.
    decls = [m for m in re.finditer(r"\bchar\s*(?:\*\s*(?:const\s*)?)*" + re.escape(name)
                                    + r"\s*(?:\[[^\]]*\])?\s*[=;,)]", text[:pos])]
    if not decls:
        return False
    m = decls[-1]
    if not re.search(r"static\s+const\s+$", text[max(0, m.start() - 20):m.start()]) or not m.group(0).endswith("="):
        return False
    init = initializer(text, m.end())
    return literal_only(init) and all(macro_literal(text, n) for n in macro_names(init))

def macro_names(init):
    # the macros an initializer uses: not in literals, comments or [KIND] = designators
    init = re.sub(r"/\*.*?\*/", " ", re.sub(LIT, " ", init), flags=re.S)
    init = re.sub(r"\[\s*[A-Z_][A-Z0-9_]*\s*\]\s*=", " ", init)
    return re.findall(r"\b[A-Z_][A-Z0-9_]*\b", init)

def const_table(text, name):
    m = re.search(r"static\s+const\s+struct\s+\w+\s*(?:\{[^}]*\}\s*)?" + re.escape(name)
                  + r"\s*(?:\[[^\]]*\])?\s*=\s*\{", text)
    if m is None:
        return False
    depth, j = 1, m.end()
    while depth:
        if text[j] == '"':
            j += 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        j += 1
    init = re.sub(r"\.\w+\s*=", " ", text[m.end():j - 1])          # designators
    init = re.sub(r"\b(NULL|true|false|\d+)\b", " ", init)
    return literal_only(init) and all(macro_literal(text, n) for n in macro_names(init))

def with_headers(text, seen=None):
    # the file and the project headers it includes, and theirs (a shared
    # SQL macro or a constant lives in one)
    seen = set() if seen is None else seen
    out = text
    for h in re.findall(r'#include\s+"([^"]+\.h)"', text):
        path = os.path.join(SRC, h)
        if path not in seen and os.path.exists(path):
            seen.add(path)
            out += "\n" + with_headers(open(path).read(), seen)
    return out

def macro_literal(text, name):
    text = with_headers(text)
    m = re.search(r"#define\s+" + re.escape(name) + r"(\([^)]*\))?\s+((?:.*\\\n)*.*)", text)
    params = re.findall(r"\w+", m.group(1)) if m and m.group(1) else ()
    return m is not None and literal_only(m.group(2).replace("\\\n", " "), params)

# A batch writer's steps (store_stage.c, struct stage_batch) run the SQL its
# fields hold. Those fields pass when every struct stage_batch in src/ is a
# static const whose SQL fields are literals or static const literal text.
STAGE_FIELDS = ("ddl", "copy_stage", "read_stage", "copy_write")
STAGE_ACCESS = ("store/store_stage.c", r"b->(" + "|".join(STAGE_FIELDS) + r"|writes\[k\])")

def stage_batches_ok():
    found = 0
    for root, _, files in os.walk(SRC):
        for f in files:
            if not f.endswith(".c"):
                continue
            text = open(os.path.join(root, f)).read()
            for m in re.finditer(r"struct\s+stage_batch\s+(\w+)\s*=\s*\{", text):
                found += 1
                if not re.search(r"static\s+const\s+$", text[max(0, m.start() - 20):m.start()]):
                    return False
                body = text[m.end():text.index("};", m.end())]
                vals = []
                for field in STAGE_FIELDS:
                    v = re.search(r"\." + field + r"\s*=\s*([^,]+),", body)
                    if v is None:
                        return False
                    vals.append(v.group(1).strip())
                w = re.search(r"\.writes\s*=\s*\{([^}]*)\}", body)
                if w is None:
                    return False
                vals += [x.strip() for x in w.group(1).split(",") if x.strip()]
                for val in vals:
                    if not (re.fullmatch(LIT, val) or const_decl(text, val, m.start())):
                        return False
    return found > 0

def ok_arg(rel, text, sql, pos):
    sql = sql.strip()
    if sql.startswith("(") and sql.endswith(")"):
        sql = sql[1:-1].strip()
    t = re.match(r"^[^?]+\?(.+):(.+)$", sql, re.S)
    if t:
        return ok_arg(rel, text, t.group(1), pos) and ok_arg(rel, text, t.group(2), pos)
    if re.fullmatch(r"(?:" + LIT + r"\s*|[A-Z_][A-Z0-9_]*\s*)+", sql) and '"' in sql:
        return all(macro_literal(text, n) for n in re.findall(r"\b[A-Z_][A-Z0-9_]*\b", re.sub(LIT, " ", sql)))
    m = re.fullmatch(r"([a-z_][a-z0-9_]*)(\s*\[[^\]]*\])?", sql)
    if m and const_decl(text, m.group(1), pos):
        return True
    if m and (rel, m.group(1)) in PASS_THROUGH:
        return True
    if rel == STAGE_ACCESS[0] and re.fullmatch(STAGE_ACCESS[1], sql):
        return stage_batches_ok()
    return any(r == rel and re.fullmatch(p, sql) and all(const_table(text, t) for t in tables)
               for (r, p), tables in MEMBERS.items())

bad, seen = [], 0
fmt_bad = []
for root, _, files in os.walk(SRC):
    for f in files:
        if not f.endswith((".c", ".h")):
            continue
        path = os.path.join(root, f); rel = os.path.relpath(path, SRC); text = open(path).read()
        calls, todo = dict(CALLS), dict(CALLS)
        while todo:
            found = {}
            for m in re.finditer(r"\b(" + "|".join(todo) + r")\s*\(", text):
                before = text[max(0, m.start() - 40):m.start()]
                if re.search(r"(int|\*|void)\s*$", before) or re.search(r"#define\s+$", before):
                    continue     # the declaration or definition, not a call
                a = args_at(text, m.end())
                k = todo[m.group(1)]
                if len(a) <= k:
                    continue
                seen += 1
                if ok_arg(rel, text, a[k], m.start()):
                    continue
                name = re.fullmatch(r"[a-z_][a-z0-9_]*", a[k].strip())
                via = name and param_of(text, a[k].strip(), m.start())
                if via and via[0] not in calls:
                    found[via[0]] = via[1]
                elif not via:
                    bad.append("%s:%d %s(..., %s)" % (rel, text.count("\n", 0, m.start()) + 1, m.group(1), a[k][:50]))
            calls.update(found)
            todo = found
        for m in re.finditer(r"\b(snprintf|buf_printf|vsnprintf|err_set)\s*\(", text):
            a = args_at(text, m.end())
            fmt = next((x for x in a if x.startswith('"')), "")
            if re.match(r'"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|PRAGMA)\b', fmt):
                fmt_bad.append("%s:%d %s" % (rel, text.count("\n", 0, m.start()) + 1, fmt[:50]))

print(seen, len(bad), len(fmt_bad))
for b in bad + fmt_bad:
    print(b, file=sys.stderr)
PY
}
read -r seen bad fmt < <(scan "$ROOT/src" 2>"$T/found")
[ "$seen" -gt 150 ]; ok $? "found the SQL calls in src/ ($seen)"
[ "$bad" -eq 0 ]; ok $? "every SQL argument is source text"
[ "$fmt" -eq 0 ]; ok $? "no printf-style call builds a statement"
[ "$bad" -eq 0 ] && [ "$fmt" -eq 0 ] || sed 's/^/#   /' "$T/found"
# The check itself: a statement built from a value is caught where it is
# run and where it is handed to a helper that runs it.
read -r seen bad fmt < <(scan "$T/src" 2>/dev/null)
is "the planted calls are seen" "$seen" 6
is "the planted buffers are flagged, directly, through a helper and through a batch writer's table" "$bad" 3
is "the planted snprintf is flagged" "$fmt" 1
done_testing