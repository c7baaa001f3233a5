"""authz_walk.py: the walk of authz_routes.t (read its header first).

Every operation of the running server's /api/v1/openapi.json is tried by
every caller. What each caller must get follows from the operation's
declared access (x-access) and scope (x-scope) alone:

  - anonymous on a route that is not public: 401;
  - a signed-in caller whose role the route does not admit: 403;
  - a role admitted, but the scope refuses the caller: 403. The records in
    the walk all belong to Asha's enterprise in Pune (state 27), so for a
    record scope (enterprise, application, bundle, grievance, link_request,
    payment_claim) another enterprise's entrepreneur and the officer of
    Bengaluru Urban are refused; for state_aggregate and national scopes,
    an officer of one district is refused;
  - otherwise allowed: a GET answers 2xx or 3xx, a POST (with a valid CSRF
    token, and an empty form: the handler may refuse its fields) anything
    but 401, 403, 404, 405 or 5xx.

A refused request must leave the database as it was, every table but the
session table compared row by row (on PostgreSQL, through psql: the
test adds no Python driver). Prints TAP lines, one per request."""
import hashlib
import http.client
import json
import os
import re
import sqlite3
import subprocess
import sys
import urllib.parse

B = os.environ["B"]
HOST, PORT = urllib.parse.urlparse(B).hostname, urllib.parse.urlparse(B).port
DB = os.environ["DB"]
ENV = {k: os.environ[k] for k in ("PUNE", "KAVERI", "QUIET", "APP", "BUNDLE", "GRIEVANCE",
                                   "PAYMENT", "FEED", "LINK", "CLUSTER", "SCENARIO", "CORRECTION")}

# name: (username, password, role, state, district)
CALLERS = {
    "anonymous": (None, None, None, "", ""),
    "owner": ("asha", "asha-password-1", "entrepreneur", "", ""),
    "other_entrepreneur": ("ravi", "ravi-password-1", "entrepreneur", "", ""),
    "officer_of_district": ("pune", "officer-pune-pass", "officer", "27", "Pune"),
    "officer_of_state": ("mhoff", "officer-mh-pass1", "officer", "27", ""),
    "officer_elsewhere": ("blr", "officer-blr-pass", "officer", "29", "Bengaluru Urban"),
    "policymaker": ("policy", "policy-pass-123", "policymaker", "", ""),
    "admin": ("admin", "admin-pass-1234", "admin", "", ""),
}
RECORD_SCOPES = {"enterprise", "application", "bundle", "grievance", "link_request", "payment_claim", "correction"}
# The cluster of the walk is in Pune: readers of aggregates whose area holds it.
# Who may not see a record of Asha's enterprise in Pune though their role may.
OUTSIDE_THE_RECORD = {"other_entrepreneur", "officer_elsewhere"}
DISTRICT_OFFICERS = {"officer_of_district", "officer_elsewhere"}

# The justified exceptions, (method, pattern, caller) -> status:
# POST /login with an empty form is the handler's "wrong username or
# password" (401), whoever sends it; the router admitted it (public).
EXCEPTIONS = {("POST", "/login", c): 401 for c in CALLERS}

n = 0
failed = 0


def tap(good, name, detail=""):
    global n, failed
    n += 1
    print(("ok %d - %s" if good else "not ok %d - %s") % (n, name))
    if not good:
        failed += 1
        if detail:
            print("#   " + detail)


class Caller:
    def __init__(self, name):
        self.name = name
        self.user, self.password, self.role, self.state, self.district = CALLERS[name]
        self.cookie = ""

    def request(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection(HOST, PORT, timeout=60)
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = "samanvay_session=" + self.cookie
        if body is not None:
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        for k, v in r.getheaders():
            m = re.match(r"samanvay_session=([^;]*)", v) if k.lower() == "set-cookie" else None
            if m:
                self.cookie = m.group(1)
        c.close()
        return r.status, data

    def form_csrf(self):
        _, page = self.request("GET", "/login")
        m = re.search(rb'name="csrf" value="([0-9a-f]+)"', page)
        return m.group(1).decode() if m else ""

    def csrf(self):
        if self.user is None:
            return self.form_csrf()
        status, data = self.request("GET", "/api/v1/session")
        return json.loads(data)["csrf"] if status == 200 else ""

    def sign_in(self):
        if self.user is None:
            return True
        self.cookie = ""
        form = urllib.parse.urlencode({"username": self.user, "password": self.password,
                                       "csrf": self.form_csrf()})
        status, _ = self.request("POST", "/login", form)
        return status == 303


# The tables a refused request may still change: a failed sign-in is counted by design.
UNCOMPARED = ("session", "login_attempt")


def fingerprint():
    """Every table but the sessions', row by row."""
    if re.match(r"postgres(ql)?://", DB):
        return pg_fingerprint()
    con = sqlite3.connect("file:%s?mode=ro" % DB, uri=True, timeout=30)
    h = hashlib.sha256()
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT IN (?, ?) ORDER BY name", UNCOMPARED)]
    for t in tables:
        h.update(t.encode())
        for row in sorted(repr(r) for r in con.execute('SELECT * FROM "%s"' % t)):
            h.update(row.encode())
    con.close()
    return h.hexdigest()


def psql(sql):
    """Rows of SQL on the PostgreSQL store, through psql (libpq reads PGHOST
    and the rest from the environment, as the server does)."""
    out = subprocess.run(["psql", "-XqAt", "-v", "ON_ERROR_STOP=1", "-d", DB, "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return out.splitlines()


PG_TABLES = []


def pg_fingerprint():
    """The same on PostgreSQL, in one round trip: each table's rows, as text,
    sorted and hashed by the server (the schema does not change in the walk)."""
    if not PG_TABLES:
        PG_TABLES.extend(psql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " AND table_type = 'BASE TABLE' AND table_name NOT IN ('%s') ORDER BY table_name"
            % "', '".join(UNCOMPARED)))
    sql = " UNION ALL ".join(
        "SELECT '%s', md5(COALESCE(string_agg(x::text, chr(10) ORDER BY x::text), '')) FROM \"%s\" x"
        % (t, t) for t in PG_TABLES)
    # sorted: a UNION ALL's rows come in no set order (a parallel append mixes them)
    return hashlib.sha256("\n".join(sorted(psql(sql))).encode()).hexdigest()


def concrete(pattern, scope, caller):
    ids = {"enterprise": ENV["PUNE"], "application": ENV["APP"], "bundle": ENV["BUNDLE"],
           "grievance": ENV["GRIEVANCE"], "link_request": ENV["LINK"],
           "payment_claim": ENV["PAYMENT"], "correction": ENV["CORRECTION"], "area_aggregate": ENV["CLUSTER"],
           "cluster": ENV["CLUSTER"], "national": ENV["SCENARIO"], "none": "pmmy"}
    path = pattern.replace("{feed}", ENV["FEED"] + ".ics")
    if "{id}" in path:
        path = path.replace("{id}", urllib.parse.quote(ids[scope], safe=""))
    query = {}
    if pattern == "/api/v1/schemes/search":
        query["q"] = "loan"
    if pattern == "/apply":
        query["apply_" + os.environ["WALK_SCHEME"]] = "1"  # the form is of the schemes ticked
    if pattern.startswith("/officer/awareness"):
        # an outreach list is of one district: an official names one in their area
        query["state"] = caller.state or "27"
        query["district"] = caller.district or "Pune"
    return path + ("?" + urllib.parse.urlencode(query) if query else "")


def expected(access, scope, caller):
    """None when the caller is allowed, else the status of the refusal."""
    if "public" in access:
        return None
    if caller.role is None:
        return 401
    if caller.role not in access:
        return 403
    if scope in RECORD_SCOPES and caller.name in OUTSIDE_THE_RECORD:
        return 403
    if scope in ("state_aggregate", "national") and caller.name in DISTRICT_OFFICERS:
        return 403
    if scope == "cluster" and caller.name == "officer_elsewhere":
        return 403
    return None


def walk_one(method, pattern, op, caller):
    access, scope = op.get("x-access", []), op.get("x-scope", "undeclared")
    path = concrete(pattern, scope, caller)
    want = EXCEPTIONS.get((method, pattern, caller.name), expected(access, scope, caller))
    before = fingerprint() if want is not None else None
    if method == "GET":
        status, body = caller.request("GET", path)
    else:
        status, body = caller.request("POST", path, urllib.parse.urlencode({"csrf": caller.csrf()}))
    name = "%s %s as %s (%s; %s): %s" % (method, pattern, caller.name, ",".join(access), scope,
                                         want or "allowed")
    if want is not None:
        tap(status == want, name, "got %d: %s" % (status, body[:160]))
        tap(fingerprint() == before, name + ": nothing changed")
    elif method == "GET":
        tap(200 <= status < 400, name, "got %d: %s" % (status, body[:160]))
    else:
        tap(status < 500 and status not in (401, 403, 404, 405), name,
            "got %d: %s" % (status, body[:160]))


def main():
    callers = [Caller(c) for c in CALLERS]
    for c in callers:
        tap(c.sign_in(), "%s signs in" % c.name)
    status, data = callers[0].request("GET", "/api/v1/openapi.json")
    doc = json.loads(data)
    ops = [(m.upper(), p, op) for p, item in doc["paths"].items() for m, op in item.items()]
    tap(len(ops) >= 80, "the server lists %d operations" % len(ops))
    for m, p, op in ops:
        tap(op.get("x-scope") not in (None, "undeclared") and op.get("x-access"),
            "%s %s declares access and scope" % (m, p))
    # Reads first, then writes; the sign-in and sign-out routes last, as
    # they change who the caller is.
    last = {"/login": 1, "/register": 0, "/logout": 2}
    order = sorted(ops, key=lambda o: (o[0] == "POST", last.get(o[1], -1) if o[0] == "POST" else -1))
    for m, p, op in order:
        for c in callers:
            walk_one(m, p, op, c)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
