/* page_claims.c: GET /officer/claims and POST /officer/claims/{id}:
 * requests to link an account to an enterprise record that had no PAN or
 * GSTIN to match (page_register.c), decided by an officer of the
 * enterprise's area with a reason. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_profile.h"
#include "web/access_scope.h"
#include "web/form.h"
#include "web/html.h"
#include "web/html_form.h"
#include "web/portal.h"
#include "web/routes.h"

struct claims {
    struct web_request *rq;
    struct buf *b;
    size_t n;
};

static int put_claim(void *ctx, const struct enterprise_claim_row *c)
{
    struct claims *cl = ctx;
    struct buf *b = cl->b;
    char id[24];

    cl->n++;
    snprintf(id, sizeof id, "%" PRId64, c->id);
    if (buf_puts(b, "<li><form method=\"post\" action=\"/officer/claims/") || buf_puts(b, id)
        || buf_puts(b, "\">\n") || html_put_csrf(b, cl->rq) || buf_puts(b, "<p>")
        || buf_put_html(b, c->username) || buf_puts(b, " → ") || buf_put_html(b, c->enterprise_name)
        || buf_puts(b, " (") || buf_put_html(b, c->udyam) || buf_puts(b, ")</p>\n"))
        return -1;
    return buf_printf(b, "<label for=\"reason-%s\">%s</label>\n<input type=\"text\" id=\"reason-%s\" "
                         "name=\"reason\" required>\n", id, _("Reason"), id)
           || buf_printf(b, "<button type=\"submit\" name=\"decision\" value=\"approve\">%s</button> "
                            "<button type=\"submit\" name=\"decision\" value=\"refuse\">%s</button>\n</form></li>\n",
                         _("Approve"), _("Refuse")) ? -1 : 0;
}

int page_claims(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const char *gst = rq->grant.gst_state, *district = rq->grant.district; /* SCOPE_AREA */
    struct claims cl = {.rq = rq, .b = &rs->body};

    e->msg[0] = '\0';
    if (portal_audit_read(rq, 0, "claims.read", e) != 0)
        return -1;
    if (html_begin(rs, rq, _("Requests to link an enterprise"))
        || buf_printf(cl.b, "<h1>%s</h1>\n<p>%s</p>\n<ul class=\"claims\">\n", _("Requests to link an enterprise"),
                      _("Check with the applicant, in person or by phone, that the enterprise is theirs."))
        || store_claims_pending(rq->store, gst, district, put_claim, &cl, e) != 0
        || (cl.n == 0 && buf_printf(cl.b, "<li>%s</li>\n", _("None.")))
        || buf_puts(cl.b, "</ul>\n") || html_end(rs, rq))
        return e->msg[0] ? -1 : err_set(e, "out of memory");
    return 0;
}

int page_claim_decide(struct web_request *rq, struct web_response *rs, struct err *e)
{
    struct enterprise_claim_row c;
    struct enterprise ent;
    char decision[16], reason[256];
    const char *id_text = router_param(rq->match, "id");
    bool found = false, changed = false;
    int64_t id = 0;

    if (form_get(rq->body, rq->body_len, "decision", decision, sizeof decision) != 0)
        decision[0] = '\0';
    if (form_get(rq->body, rq->body_len, "reason", reason, sizeof reason) != 0)
        reason[0] = '\0';
    /* Cleared so that a claim or enterprise not found (no message) is told
     * apart from a store failure (a message) below: 404, not 500. */
    e->msg[0] = '\0';
    if (!portal_parse_id(id_text, &id) || store_claim_get(rq->store, id, &c, &found, e) != 0 || !found
        || store_enterprise_get(rq->store, c.enterprise_id, &ent, &found, e) != 0 || !found)
        return e->msg[0] ? -1 : html_error_page(rs, rq, 404, _("No such request"), _("Go back to the list."), false);
    /* The router checked the request is in the officer's area (SCOPE_LINK_REQUEST). */
    if ((strcmp(decision, "approve") != 0 && strcmp(decision, "refuse") != 0) || reason[0] == '\0')
        return html_error_page(rs, rq, 422, _("Give a decision and a reason"), _("Go back to the list."), false);
    if (store_claim_decide(rq->store, id, decision[0] == 'a', rq->session->user.id, reason, &changed, e) != 0)
        return -1;
    if (!changed)
        return html_error_page(rs, rq, 409, _("Already decided, or the enterprise already has an account"), _("Go back to the list."), false);
    return web_response_redirect(rs, "/officer/claims") == 0 ? 0 : err_set(e, "redirect");
}
