/* page_account.c: GET /account, who is signed in and what they may see. */
#include <inttypes.h>
#include <stdlib.h>

#include "web/html.h"
#include "web/routes.h"

static const char *role_label(enum auth_role r)
{
    static const char *const labels[AUTH_ROLE_COUNT] = {
        N_("Visitor"), N_("Entrepreneur"), N_("Officer"), N_("Policymaker"), N_("Administrator"),
    };
    return _(labels[(unsigned)r < AUTH_ROLE_COUNT ? r : 0]);
}

static int put_item(struct buf *b, const char *term, const char *value)
{
    if (buf_puts(b, "<dt>") || buf_put_html(b, term) || buf_puts(b, "</dt>\n<dd>")
        || buf_put_html(b, value) || buf_puts(b, "</dd>\n"))
        return -1;
    return 0;
}

/* The state by its name in the page's language. */
static const char *state_label(const struct web_request *rq, const char *code)
{
    const struct state_info *st;

    if (*code == '\0')
        return _("All states");
    st = refdata_state_by_gst(rq->app->ref, atoi(code));
    if (st == NULL)
        return code;
    return rq->lang == LANG_HI && st->name_hi[0] ? st->name_hi : st->name;
}

int page_account(struct web_request *rq, struct web_response *rs, struct err *e)
{
    const struct auth_user *u = &rq->session->user;
    struct buf *b = &rs->body;
    char enterprise[32];

    snprintf(enterprise, sizeof enterprise, "%" PRId64, u->enterprise_id);
    if (html_begin(rs, rq, _("Your account")) || buf_puts(b, "<h1>")
        || buf_put_html(b, _("Your account")) || buf_puts(b, "</h1>\n<dl>\n")
        || put_item(b, _("Username"), u->username) || put_item(b, _("Role"), role_label(u->role))
        || put_item(b, _("State"), state_label(rq, u->state))
        || put_item(b, _("District"), u->district[0] ? u->district : _("All districts"))
        || (u->enterprise_id > 0 && put_item(b, _("Your enterprise"), enterprise))
        || buf_puts(b, "</dl>\n") || html_end(rs, rq))
        return err_set(e, "account page: out of memory");
    return 0;
}
