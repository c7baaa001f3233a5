#include "core/classify.h"

#include <jansson.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"

static const struct class_limit *find_limit(const struct refdata *ref, int32_t on,
                                            enum limit_activity act, enum msme_class cls)
{
    for (size_t i = 0; i < ref->n_limits; i++) {
        const struct class_limit *l = &ref->limits[i];
        if (l->cls == cls && on >= l->from && on <= l->to
            && (l->activity == LIMIT_ANY || l->activity == act))
            return l;
    }
    return NULL;
}

static bool regime_needs_activity(const struct refdata *ref, int32_t on)
{
    for (size_t i = 0; i < ref->n_limits; i++) {
        const struct class_limit *l = &ref->limits[i];
        if (on >= l->from && on <= l->to && l->activity != LIMIT_ANY)
            return true;
    }
    return false;
}

int classify(const struct refdata *ref, const struct classify_input *in,
             struct classify_result *out, struct err *e)
{
    struct classify_result r;
    char date[DATE_STR_LEN];

    memset(&r, 0, sizeof r);
    if (in->investment < 0 || in->turnover < 0 || in->exports < 0)
        return err_set(e, "amounts must not be negative");
    if (in->exports > in->turnover)
        return err_set(e, "exports exceed turnover (turnover includes exports)");
    if (regime_needs_activity(ref, in->on) && in->activity == LIMIT_ANY) {
        date_format(in->on, date);
        return err_set(e, "classification on %s (before 1 July 2020) needs the activity: "
                          "manufacturing or services", date);
    }
    r.turnover_counted = in->turnover - in->exports;
    r.cls = CLASS_LARGE;
    for (int c = CLASS_MICRO; c <= CLASS_MEDIUM; c++) {
        const struct class_limit *l = find_limit(ref, in->on, in->activity, (enum msme_class)c);
        struct classify_check *chk = &r.checks[r.n_checks];
        if (l == NULL) {
            date_format(in->on, date);
            return err_set(e, "no classification limits in force on %s", date);
        }
        chk->cls = (enum msme_class)c;
        chk->limit = l;
        chk->investment_within = in->investment <= l->investment_max;
        chk->turnover_within = l->turnover_max < 0 || r.turnover_counted <= l->turnover_max;
        r.n_checks++;
        r.regime_limit = l;
        if (r.cls == CLASS_LARGE && chk->investment_within && chk->turnover_within)
            r.cls = (enum msme_class)c;
    }
    *out = r;
    return 0;
}

static int describe_check(const struct classify_check *c, int64_t investment, int64_t turnover,
                          struct buf *out)
{
    char inv[MONEY_STR_MAX], lim[MONEY_STR_MAX], turn[MONEY_STR_MAX], tlim[MONEY_STR_MAX];
    const char *name = msme_class_name(c->cls);

    money_format_inr(investment, inv);
    money_format_inr(c->limit->investment_max, lim);
    if (buf_printf(out, "investment %s is %s the %s limit of %s", inv,
                   c->investment_within ? "within" : "above", name, lim) != 0)
        return -1;
    if (c->limit->turnover_max < 0)
        return 0;
    money_format_inr(turnover, turn);
    money_format_inr(c->limit->turnover_max, tlim);
    return buf_printf(out, "; turnover without exports %s is %s the %s limit of %s", turn,
                      c->turnover_within ? "within" : "above", name, tlim);
}

int classify_explain(const struct classify_input *in, const struct classify_result *r,
                     struct buf *out)
{
    /* Say why each smaller class was passed over, then why this one fits. */
    for (int i = 0; i < r->n_checks; i++) {
        const struct classify_check *c = &r->checks[i];
        bool fits = c->investment_within && c->turnover_within;
        if (i > 0 && buf_puts(out, ". ") != 0)
            return -1;
        if (buf_printf(out, "%s: ", fits ? "Fits" : "Not") != 0
            || describe_check(c, in->investment, r->turnover_counted, out) != 0)
            return -1;
        if (fits)
            break;
    }
    return buf_printf(out, ". So the enterprise is %s under %s.", msme_class_name(r->cls),
                      r->regime_limit->notification);
}

int classify_activity_parse(const char *s, enum limit_activity *out)
{
    if (strcmp(s, "manufacturing") == 0)
        *out = LIMIT_MANUFACTURING;
    else if (strcmp(s, "services") == 0 || strcmp(s, "trading") == 0)
        *out = LIMIT_SERVICES;
    else
        return -1;
    return 0;
}

static json_t *checks_json(const struct classify_result *r)
{
    json_t *checks = json_array();

    for (int i = 0; checks && i < r->n_checks; i++) {
        const struct classify_check *c = &r->checks[i];
        json_t *one = json_pack("{s:s, s:o, s:o, s:b, s:b}", "class", msme_class_name(c->cls),
                                "investment_limit", money_to_json(c->limit->investment_max),
                                "turnover_limit", c->limit->turnover_max < 0
                                                      ? json_null()
                                                      : money_to_json(c->limit->turnover_max),
                                "investment_within", c->investment_within, "turnover_within",
                                c->turnover_within);
        if (one == NULL || json_array_append_new(checks, one) != 0) {
            json_decref(checks);
            return NULL;
        }
    }
    return checks;
}

json_t *classify_result_json(const struct classify_input *in, const struct classify_result *r)
{
    char date[DATE_STR_LEN];
    struct buf why = BUF_INIT;
    json_t *root = NULL, *checks = checks_json(r);

    date_format(in->on, date);
    if (checks != NULL && classify_explain(in, r, &why) == 0)
        root = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s}", "class",
                         msme_class_name(r->cls), "on", date, "regime", r->regime_limit->regime,
                         "notification", r->regime_limit->notification, "source",
                         r->regime_limit->source, "investment", money_to_json(in->investment),
                         "turnover", money_to_json(in->turnover), "exports",
                         money_to_json(in->exports), "turnover_counted",
                         money_to_json(r->turnover_counted), "checks", checks, "explanation",
                         buf_cstr(&why));
    else
        json_decref(checks);
    buf_release(&why);
    return root;
}
