/* api_health.c: GET /healthz, for load balancers and the test suite.
 * 200 {"status":"ok",...} when the database answers, 503 otherwise. The
 * probe reads the schema version, a one-row table, so a load balancer
 * polling every second costs nothing even on a national database. */
#include "web/request.h"
#include "web/routes.h"

int api_health(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct err db_err;
    int version = 0;
    bool db_ok = store_schema_version(rq->store, &version, &db_err) == 0;
    json_t *root;

    root = json_pack("{s:s, s:{s:b, s:i}, s:{s:b, s:b}}",
                     "status", db_ok ? "ok" : "unavailable",
                     "database", "reachable", db_ok, "schema_version", version,
                     "languages", "en", 1, "hi", i18n_has(rq->app->i18n, LANG_HI));
    if (!db_ok && root != NULL)
        json_object_set_new(json_object_get(root, "database"), "error", json_string(db_err.msg));
    if (web_response_json(rs, db_ok ? 200 : 503, root) != 0)
        return err_set(e, "healthz: out of memory");
    return 0;
}
