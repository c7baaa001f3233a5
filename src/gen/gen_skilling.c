#include "gen/gen_skilling.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "gen/gen_faults.h"
#include "gen/gen_ids.h"
#include "gen/gen_population.h"

#define RECORD_IDS 8           /* record ids per enterprise index */
#define PERSON_TRAINEE 4       /* person slot of an unregistered trainee */

struct course {
    const char *title;
    int days;
};

/* Course catalogue (assumption, after the ESDP components in domain.md §3.5). */
static const struct course esdp[] = {
    {"Entrepreneurship Awareness Programme", 1}, {"E-SDP: Food Processing", 42},
    {"E-SDP: Garment Making", 42}, {"E-SDP: Beauty and Wellness", 42},
    {"Management Development Programme", 5},
};
static const struct course ati[] = {
    {"CNC Machining", 60}, {"Welding Technology", 45}, {"Tally and GST Accounting", 30},
    {"Electrician", 90}, {"Mobile Phone Repair", 30},
};
static const char *const prefix[PROG_COUNT] = {"ESDP", "EDP", "PMV", "ATI"};

/* One training record being written. */
struct record {
    enum gen_programme prog;
    char course[96];
    int32_t started, completed;
    int slot;
};

static void pick_course(const struct gen_ctx *c, struct rng *r, const struct gen_ent *who,
                        struct record *rec)
{
    size_t n;
    const struct gen_nic *t = gen_nic_table(&n);
    const struct course *k;
    int trade;

    switch (rec->prog) {
    case PROG_ESDP:
        k = &esdp[rng_below(r, sizeof esdp / sizeof esdp[0])];
        break;
    case PROG_ATI:
        k = &ati[rng_below(r, sizeof ati / sizeof ati[0])];
        break;
    case PROG_PMEGP_EDP:
        snprintf(rec->course, sizeof rec->course, "PMEGP Entrepreneurship Development Programme");
        rec->started = rec->completed - 9;
        return;
    default:
        trade = who->nic >= 0 && t[who->nic].pmv_trade > 0 ? t[who->nic].pmv_trade
                                                          : 1 + (int)rng_below(r, GEN_PMV_TRADES);
        snprintf(rec->course, sizeof rec->course, "Basic Skill Training: %s", c->trades[trade]);
        rec->started = rec->completed - 4 - (int32_t)rng_below(r, 3);
        return;
    }
    snprintf(rec->course, sizeof rec->course, "%s", k->title);
    rec->started = rec->completed - k->days + 1;
}

static void put_trainee(const struct gen_ctx *c, struct rng *r, struct gen_row *row,
                        const struct gen_ent *who, bool with_udyam)
{
    char name[GEN_NAME_MAX];
    int y, m, d;

    gen_name_render(&who->owner, rng_chance(r, c->m->trainee_devanagari) ? SCRIPT_DEVANAGARI
                                                                         : SCRIPT_LATIN,
                    name, sizeof name);
    gen_put_text(row, name);
    gen_put_raw(row, gen_gender_name(who->gender));
    if (rng_chance(r, 0.9))
        gen_put_raw(row, gen_category_name(who->category));
    else
        gen_put_empty(row);
    date_to_ymd(c->as_of, &y, &m, &d);
    if (rng_chance(r, 0.85))
        gen_put_u64(row, (uint64_t)(y - who->owner_age));
    else
        gen_put_empty(row);
    if (rng_chance(r, 0.8))
        gen_put_u64_width(row, (uint64_t)who->mobile_last4, 4);
    else
        gen_put_empty(row);
    if (with_udyam && rng_chance(r, 0.7))
        gen_put_raw(row, who->udyam);
    else
        gen_put_empty(row);
    gen_put_u64_width(row, (uint64_t)c->states[who->state].info->gst_code, 2);
    gen_put_text(row, c->ref->districts[who->district].name);
}

/* Record ids: slots 0..6 of an enterprise index for its owner, slot 7
 * for the unregistered trainee hanging off that index. */
static uint64_t record_id(const struct gen_ent *who, int slot)
{
    if (who->kind == ENT_PERSON)
        return who->index / 8 * RECORD_IDS + (RECORD_IDS - 1);
    return who->index * RECORD_IDS + (uint64_t)slot;
}

/* The enterprise behind a record, whether or not the provider wrote its
 * Udyam number: the truth record linkage is scored against. */
static int truth_link(struct gen_block *b, const char *id, const struct gen_ent *who)
{
    struct gen_row row;

    gen_row_begin(&row, &b->out[OUT_TRUTH_SKILLING_LINKS]);
    gen_put_raw(&row, id);
    gen_put_raw(&row, who->kind == ENT_UDYAM ? who->udyam : "");
    return gen_block_finish(b, OUT_TRUTH_SKILLING_LINKS, &row, R_NONE, false);
}

static int write_record(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *who,
                        bool with_udyam, struct record *rec, struct rng *r)
{
    enum reason why = gen_block_pick_error(c, OUT_SKILLING, r);
    bool repeat = why == R_DUPLICATE_ROW, done = rec->completed <= c->as_of;
    char id[48], bad[11];
    struct gen_row row;
    int y, m, d;

    if (repeat)
        why = R_NONE;
    date_to_ymd(rec->started, &y, &m, &d);
    gen_ids_ref(c, record_id(who, rec->slot), prefix[rec->prog], y, id, sizeof id);
    gen_row_begin(&row, &b->out[OUT_SKILLING]);
    gen_put_raw(&row, id);
    gen_put_raw(&row, why == R_BAD_ENUM ? "skill_india" : gen_programme_name(rec->prog));
    put_trainee(c, r, &row, who, with_udyam);
    gen_put_text(&row, rec->course);
    if (why == R_BAD_DATE) {
        gen_fault_date(r, y, bad);
        gen_put_raw(&row, bad);
    } else {
        gen_put_date(&row, rec->started);
    }
    if (done) {
        gen_put_date(&row, rec->completed);
        gen_put_yn(&row, rng_chance(r, c->m->certified_share));
    } else {
        gen_put_empty(&row);
        gen_put_empty(&row);
    }
    if (gen_block_finish(b, OUT_SKILLING, &row, why, repeat) != 0)
        return -1;
    return truth_link(b, id, who);
}

/* Scheme training: ESDP itself, or the course a PMEGP or PM Vishwakarma
 * beneficiary takes before the money comes. */
static int scheme_training(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e,
                           struct rng *r)
{
    for (int i = 0; i < e->n_receipts; i++) {
        const struct gen_receipt *rc = &e->receipt[i];
        struct record rec = {.slot = i};
        if (rc->scheme == SCH_ESDP) {
            rec.prog = PROG_ESDP;
            rec.completed = rc->disbursed_on;
        } else if (rc->scheme == SCH_PMEGP || rc->scheme == SCH_PM_VISHWAKARMA) {
            rec.prog = rc->scheme == SCH_PMEGP ? PROG_PMEGP_EDP : PROG_PM_VISHWAKARMA;
            rec.completed = rc->disbursed_on - 5 - (int32_t)rng_below(r, 56);
        } else {
            continue;
        }
        pick_course(c, r, e, &rec);
        if (write_record(c, b, e, true, &rec, r) != 0)
            return -1;
        b->stats.c[C_TRAINEES_WITH_UDYAM]++;
    }
    return 0;
}

/* A course started in the window, by an owner or by someone with no unit. */
static int other_training(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *who,
                          bool with_udyam, int slot, struct rng *r)
{
    struct record rec = {.slot = slot};
    int32_t start = c->window_first_day + (int32_t)rng_below(r, (uint64_t)(c->as_of - c->window_first_day + 1));

    int32_t days;

    rec.prog = with_udyam ? (rng_chance(r, 0.6) ? PROG_ESDP : PROG_ATI)
                          : (enum gen_programme)rng_below(r, PROG_COUNT);
    rec.completed = start;
    pick_course(c, r, who, &rec);      /* sets started from the course length */
    days = rec.completed - rec.started;
    rec.started = start;
    rec.completed = start + days;
    return write_record(c, b, who, with_udyam, &rec, r);
}

int gen_skilling_write(const struct gen_ctx *c, struct gen_block *b, const struct gen_ent *e)
{
    struct gen_ent person;
    struct rng r;

    rng_seed(&r, c->seed, gen_stream_id(e->index, STREAM_SKILLING));
    if (gen_ent_on_file(e)) {
        if (scheme_training(c, b, e, &r) != 0)
            return -1;
        if (rng_chance(&r, c->m->owner_trained_share)) {
            if (other_training(c, b, e, true, GEN_MAX_RECEIPTS, &r) != 0)
                return -1;
            b->stats.c[C_TRAINEES_WITH_UDYAM]++;
        }
    }
    if (!rng_chance(&r, c->m->unregistered_trainee_rate))
        return 0;
    gen_population_draw(c, gen_population_person_id(e->index, PERSON_TRAINEE), ENT_PERSON, &person);
    b->stats.c[C_TRAINEES_UNREGISTERED]++;
    return other_training(c, b, &person, false, 0, &r);
}
