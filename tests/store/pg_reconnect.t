# PostgreSQL: a web server whose database sessions were dropped (a server
# restart, a failover, an administrator's pg_terminate_backend) opens new
# ones and answers the next requests, reads and writes alike, instead of
# failing until it is restarted (db_postgres.c, reconnect_if_lost).
. "$ROOT/tests/tap.sh"
. "$ROOT/tests/web/web.sh"
S=$SAMANVAY
T=$TMPDIR
DB=$(store_new reconnect)
if ! store_is_pg "$DB"; then
    ok 0 "reconnection is PostgreSQL's concern # SKIP on SQLite"
    done_testing
fi
web_two_enterprises "$DB"
web_serve "$DB" "$T/serve.log" || { ok 1 "server starts"; done_testing; }
is "a page before" "$(code "$B/")" 200
is "a sign-in page (it writes a session) before" "$(code "$B/login")" 200
dropped=$(store_sql postgresql:///postgres "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${DB##*/}' AND pid <> pg_backend_pid()")
ok "$([ "$dropped" -ge 1 ]; echo $?)" "the server's database sessions were dropped ($dropped)"
sleep 0.3
is "a sign-in page (a write first) after the drop" "$(code "$B/login")" 200
is "the API after the drop" "$(code "$B/api/v1/schemes")" 200
is "a page after the drop" "$(code "$B/")" 200
now=$(store_sql "$DB" "SELECT count(*) FROM pg_stat_activity WHERE datname = '${DB##*/}'")
ok "$([ "$now" -ge 1 ]; echo $?)" "the server holds new sessions ($now)"
check "no 5xx was answered" bash -c "! grep -q 'status=5' '$T/serve.log'"
done_testing
