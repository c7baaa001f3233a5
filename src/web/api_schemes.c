/* api_schemes.c: the scheme catalogue, public (DESIGN.md §5, Web):
 *
 *   GET /api/v1/schemes              every scheme, as `samanvay schemes list --json`
 *   GET /api/v1/schemes/{id}         one scheme in full: criteria, documents, fields
 *   GET /api/v1/schemes/search?q=    ranked matches for words in Hindi or English
 *
 * The catalogue and its search index are loaded once at start and only
 * read here (server.c). */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "rules/scheme_json.h"
#include "rules/search.h"
#include "web/request.h"
#include "web/routes.h"

int api_schemes_list(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const struct catalog *c = rq->app->catalog;
    json_t *a = json_array();

    for (size_t i = 0; a != NULL && i < c->n; i++)
        if (json_array_append_new(a, scheme_summary_json(&c->schemes[i])) != 0) {
            json_decref(a);
            a = NULL;
        }
    if (web_response_json(rs, 200, a) != 0)
        return err_set(e, "schemes: out of memory");
    return 0;
}

int api_scheme_get(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const struct catalog *c = rq->app->catalog;
    const struct scheme *s = catalog_find(c, router_param(rq->match, "id"));

    if (s == NULL)
        return web_response_error(rs, 404, "not_found", "no scheme with this id (see /api/v1/schemes)");
    if (web_response_json(rs, 200, scheme_detail_json(&c->vocab, s)) != 0)
        return err_set(e, "scheme: out of memory");
    return 0;
}

/* ?limit=: 1..SEARCH_MAX_RESULTS, default SEARCH_DEFAULT_RESULTS; 0 if bad.
 * Digits only, as every query number (web_parse_long): strtol took " 5"
 * and "+5". */
static size_t parse_limit(const char *raw)
{
    long v;

    if (raw == NULL)
        return SEARCH_DEFAULT_RESULTS;
    return web_parse_long(raw, 1, SEARCH_MAX_RESULTS, &v) == 0 ? (size_t)v : 0;
}

int api_schemes_search(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const char *text = web_query(rq, "q");
    size_t limit = parse_limit(web_query(rq, "limit"));
    struct search_results *r;
    struct search_query q;
    struct err why;
    int rc;

    if (text == NULL)
        return web_response_error(rs, 400, "bad_field", "q is required: the words to search for");
    if (limit == 0)
        return web_response_error(rs, 400, "bad_field", "limit must be a whole number from 1 to %d",
                                  SEARCH_MAX_RESULTS);
    search_query_init(&q);
    if (search_query_parse(search_index_synonyms(rq->app->search), text, strlen(text), &q, &why) != 0)
        return web_response_error(rs, 400, "bad_field", "q: %s", why.msg);
    r = mem_calloc(1, sizeof *r);
    if (r == NULL) {
        rc = err_set(e, "search: out of memory");
    } else if ((rc = search_index_run(rq->app->search, &q, limit, r, e)) == 0
               && web_response_json(rs, 200, search_results_json(text, &q, r)) != 0) {
        rc = err_set(e, "search: out of memory");
    }
    mem_free(r);
    search_query_release(&q);
    return rc;
}
