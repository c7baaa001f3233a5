#include "gen/gen_stats.h"

#include "gen/gen_model.h"

static const char *const names[C_COUNT] = {
    [C_ENTERPRISES] = "enterprises", [C_WITH_PAN] = "with_pan",
    [C_GST_REGISTERED] = "gst_registered", [C_GSTINS] = "gstins",
    [C_GST_ONLY_FILERS] = "gst_filers_without_udyam",
    [C_GST_ROWS_WITHOUT_UDYAM] = "gst_rows_of_filers_without_udyam",
    [C_GST_ROWS_UDYAM_QUARANTINED] = "gst_rows_of_quarantined_udyam_rows",
    [C_RURAL] = "rural", [C_WOMEN_OWNED] = "women_owned", [C_SC_ST_OWNED] = "sc_st_owned",
    [C_YOUNG_UNITS] = "young_units", [C_EXPORTERS] = "exporters",
    [C_MICRO] = "micro", [C_SMALL] = "small", [C_MEDIUM] = "medium", [C_LARGE] = "large",
    [C_BORROWERS] = "borrowers", [C_FACILITIES] = "facilities",
    [C_SCHEME_LOANS] = "scheme_loans", [C_CREDIT_ROWS_NPA] = "credit_rows_npa",
    [C_SHOCKED] = "shocked", [C_SHOCKED_BORROWERS] = "shocked_borrowers",
    [C_NPA_AFTER_SHOCK] = "npa_after_shock", [C_CURED_AFTER_SHOCK] = "cured_after_shock",
    [C_BACKGROUND_NPA] = "background_npa", [C_CLUSTER_MEMBERS] = "cluster_members",
    [C_TRAINEES_WITH_UDYAM] = "trainees_with_udyam",
    [C_TRAINEES_UNREGISTERED] = "trainees_unregistered",
    [C_BENEFICIARY_ENTERPRISES] = "beneficiary_enterprises",
    [C_BENEFICIARY_UNREGISTERED_ROWS] = "beneficiary_rows_unregistered",
    [C_DOUBLE_FUNDED] = "double_funded_enterprises",
    [C_DIRTY_DEVANAGARI] = "devanagari", [C_DIRTY_TYPO] = "typo",
    [C_DIRTY_PAN_MISSING] = "pan_missing", [C_DIRTY_UDYAM_MISSING] = "udyam_missing",
    [C_DIRTY_NAME_SWAP] = "name_swap", [C_DIRTY_DISTRICT_MISSPELT] = "district_misspelt",
};

const char *gen_counter_name(enum gen_counter c)
{
    return names[c];
}

void gen_stats_add(struct gen_stats *to, const struct gen_stats *from)
{
    for (int i = 0; i < C_COUNT; i++)
        to->c[i] += from->c[i];
    for (int i = 0; i < ACT_COUNT; i++)
        to->activity[i] += from->activity[i];
    for (int i = 0; i < CON_COUNT; i++)
        to->constitution[i] += from->constitution[i];
    for (int i = 0; i < GSTS_COUNT; i++)
        to->gst_scheme[i] += from->gst_scheme[i];
    for (int o = 0; o < OUT_COUNT; o++) {
        to->rows[o] += from->rows[o];
        for (int r = 0; r < R_COUNT; r++)
            to->errors[o][r] += from->errors[o][r];
    }
    for (int s = 0; s < SCH_COUNT; s++)
        for (int t = 0; t < T_COUNT; t++)
            to->treated[s][t] += from->treated[s][t];
}

json_t *gen_stats_errors_json(const struct gen_stats *s)
{
    const struct gen_model *m = gen_model_default();
    json_t *o = json_object();

    for (int f = 0; f < OUT_FEED_COUNT; f++) {
        json_t *feed = json_object();
        for (int i = 0; i < m->errors[f].n; i++) {
            enum reason r = m->errors[f].e[i].reason;
            json_object_set_new(feed, reason_code(r), json_integer((json_int_t)s->errors[f][r]));
        }
        json_object_set_new(o, gen_out_name((enum gen_out)f), feed);
    }
    return o;
}

static json_t *counts(const uint64_t *v, int n, const char *(*name)(int))
{
    json_t *o = json_object();

    for (int i = 0; i < n; i++)
        json_object_set_new(o, name(i), json_integer((json_int_t)v[i]));
    return o;
}

static const char *activity(int i) { return gen_activity_name((enum gen_activity)i); }
static const char *constitution(int i) { return gen_constitution_name((enum gen_constitution)i); }
static const char *gst_scheme(int i) { return gen_gst_scheme_name((enum gen_gst_scheme)i); }

json_t *gen_stats_summary_json(const struct gen_stats *s)
{
    json_t *o = json_object();

    for (int i = 0; i < C_DIRTY_DEVANAGARI; i++)
        json_object_set_new(o, names[i], json_integer((json_int_t)s->c[i]));
    json_object_set_new(o, "activity", counts(s->activity, ACT_COUNT, activity));
    json_object_set_new(o, "constitution", counts(s->constitution, CON_COUNT, constitution));
    json_object_set_new(o, "gst_scheme", counts(s->gst_scheme, GSTS_COUNT, gst_scheme));
    return o;
}
