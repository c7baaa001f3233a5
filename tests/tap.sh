# tap.sh: helpers for shell tests (*.t). Source it, call `ok`/`check`, then `done_testing`.
# Each assertion prints one TAP line; the runner counts them.
_tap_n=0
_tap_failed=0
ok() { # ok CONDITION-STATUS NAME
    _tap_n=$((_tap_n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $_tap_n - $2"; else echo "not ok $_tap_n - $2"; _tap_failed=1; fi
}
# check NAME COMMAND...: passes when COMMAND exits 0
check() {
    local name=$1; shift
    "$@" >/dev/null 2>&1
    ok $? "$name"
}
# is NAME GOT WANT
is() {
    _tap_n=$((_tap_n + 1))
    if [ "$2" == "$3" ]; then echo "ok $_tap_n - $1"; else
        echo "not ok $_tap_n - $1"; echo "#   got:  $2"; echo "#   want: $3"; _tap_failed=1; fi
}
done_testing() { echo "1..$_tap_n"; exit 0; }
like() { # like NAME TEXT SUBSTRING
    case "$2" in *"$3"*) ok 0 "$1" ;; *) ok 1 "$1"; echo "#   wanted '$3' in: $2" | head -3 ;; esac
}

# Stores. A test names its stores by what it passes to --db: a SQLite file
# by default, or a postgresql:// URI of a fresh database on the throwaway
# server when tests/run was started with one (SAMANVAY_TEST_BACKEND=pg, and
# PGHOST/PGPORT/PGUSER from scripts/pg-temp, which libpq and psql read).
store_backend() { printf '%s\n' "${SAMANVAY_TEST_BACKEND:-sqlite}"; }
store_is_pg() { case $1 in postgres://* | postgresql://*) return 0 ;; *) return 1 ;; esac; }
_store_dbname() { # a database name from the suite's prefix and NAME, as PostgreSQL folds it
    printf '%s_%s' "${SAMANVAY_TEST_DBPREFIX:-t$$}" "$1" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9_' '_' | cut -c1-63
}
# store_new NAME: create an empty store and print its --db value.
store_new() {
    if [ "$(store_backend)" = pg ]; then
        local name; name=$(_store_dbname "$1")
        # tests/run's migrated template, when there is one: `init` then has nothing to do
        local tmpl=${SAMANVAY_TEST_PG_TEMPLATE:+ TEMPLATE \"$SAMANVAY_TEST_PG_TEMPLATE\"}
        psql -XqAt -v ON_ERROR_STOP=1 -d postgres \
            -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" -c "CREATE DATABASE \"$name\"$tmpl" >/dev/null || return 1
        printf 'postgresql:///%s\n' "$name"
    else
        rm -f "$TMPDIR/$1.db" "$TMPDIR/$1.db-wal" "$TMPDIR/$1.db-shm"
        printf '%s/%s.db\n' "$TMPDIR" "$1"
    fi
}
# store_copy STORE NAME: a copy of STORE (no server may hold it open), printed as store_new does.
store_copy() {
    if store_is_pg "$1"; then
        local name; name=$(_store_dbname "$2")
        psql -XqAt -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" \
            -c "CREATE DATABASE \"$name\" TEMPLATE \"${1##*/}\"" >/dev/null || return 1
        printf 'postgresql:///%s\n' "$name"
    else
        sqlite3 "$1" ".backup '$TMPDIR/$2.db'" || return 1
        printf '%s/%s.db\n' "$TMPDIR" "$2"
    fi
}
# store_sql STORE SQL: run SQL (one or more statements); rows print with '|'
# between columns and no header, as `sqlite3 -batch -noheader` prints them.
store_sql() {
    if store_is_pg "$1"; then
        psql -XqAt -F '|' -v ON_ERROR_STOP=1 -d "$1" <<<"$2"
    else
        # on stdin, as for psql: an argument is limited to 128 KiB (a stored JSON run is more)
        sqlite3 -batch -bail -noheader "$1" <<<"$2"
    fi
}
# sqlite_only NAME: skip the rest of a check that is about SQLite's files;
# returns 1 (skip) on PostgreSQL after printing the skip as a passing TAP line.
sqlite_only() {
    [ "$(store_backend)" = sqlite ] && return 0
    _tap_n=$((_tap_n + 1)); echo "ok $_tap_n - $1 # SKIP SQLite's files only"; return 1
}
