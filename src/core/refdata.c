#include "core/refdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/embedded.h"
#include "core/money.h"

/* A table being read: the header's column indexes by name. */
struct table {
    const char *name;
    struct csv_reader *reader;
    struct csv_record header;
    char **columns;          /* copies of the header names */
    size_t n_columns;
};

static void table_close(struct table *t)
{
    for (size_t i = 0; i < t->n_columns; i++)
        mem_free(t->columns[i]);
    mem_free(t->columns);
    csv_reader_free(t->reader);
}

static int table_open(struct table *t, const char *name, struct err *e)
{
    const struct embedded_file *f = embedded_find(name);
    struct csv_record rec;

    memset(t, 0, sizeof *t);
    t->name = name;
    if (f == NULL)
        return err_set(e, "%s: not built into this binary", name);
    t->reader = csv_reader_new_mem(f->data, f->len, NULL);
    if (t->reader == NULL)
        return err_set(e, "%s: out of memory", name);
    if (csv_next(t->reader, &rec, e) != CSV_RECORD) {
        table_close(t);
        return err_set(e, "%s: no header", name);
    }
    t->columns = mem_calloc(rec.nfields, sizeof *t->columns);
    if (t->columns == NULL) {
        table_close(t);
        return err_set(e, "%s: out of memory", name);
    }
    for (size_t i = 0; i < rec.nfields; i++) {
        t->columns[i] = mem_strdup(rec.field[i]);
        if (t->columns[i] == NULL) {
            table_close(t);
            return err_set(e, "%s: out of memory", name);
        }
        t->n_columns = i + 1;
    }
    csv_reader_expect_fields(t->reader, rec.nfields);
    return 0;
}

/* The value of column `col` in rec, or "" when the column is absent. */
static const char *cell(const struct table *t, const struct csv_record *rec, const char *col)
{
    for (size_t i = 0; i < t->n_columns && i < rec->nfields; i++)
        if (strcmp(t->columns[i], col) == 0)
            return rec->field[i];
    return "";
}

/* Next good record; 1 = got one, 0 = end, -1 = error. */
static int table_next(struct table *t, struct csv_record *rec, struct err *e)
{
    enum csv_status st = csv_next(t->reader, rec, e);

    if (st == CSV_END)
        return 0;
    if (st != CSV_RECORD)
        return err_set(e, "%s:%llu: %s", t->name, (unsigned long long)rec->line,
                       st == CSV_BAD ? rec->error : e->msg);
    if (rec->nfields != t->n_columns)
        return err_set(e, "%s:%llu: %zu fields, header has %zu", t->name,
                       (unsigned long long)rec->line, rec->nfields, t->n_columns);
    return 1;
}

static void copy_str(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src);
}

/* Grow an array of `size`-byte elements to hold one more. */
static int grow(void **arr, size_t *n, size_t *cap, size_t size)
{
    if (*n < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 64;
    void *p = mem_realloc(*arr, ncap * size);
    if (p == NULL)
        return -1;
    *arr = p;
    *cap = ncap;
    return 0;
}

static void add_udyam_code(struct state_info *s, const char *code)
{
    if (strlen(code) == 2 && s->n_udyam_codes < 3)
        copy_str(s->udyam_codes[s->n_udyam_codes++], 3, code);
}

static int load_states(struct refdata *r, struct err *e)
{
    struct table t;
    struct csv_record rec;
    size_t cap = 0;
    int rc;

    if (table_open(&t, "data/states.csv", e) != 0)
        return -1;
    while ((rc = table_next(&t, &rec, e)) == 1) {
        struct state_info *s;
        const char *hill;
        if (grow((void **)&r->states, &r->n_states, &cap, sizeof *r->states) != 0) {
            rc = err_set(e, "out of memory");
            break;
        }
        s = &r->states[r->n_states++];
        memset(s, 0, sizeof *s);
        copy_str(s->key, sizeof s->key, cell(&t, &rec, "state_key"));
        copy_str(s->name, sizeof s->name, cell(&t, &rec, "state_name"));
        copy_str(s->name_hi, sizeof s->name_hi, cell(&t, &rec, "state_name_hi"));
        s->gst_code = atoi(cell(&t, &rec, "gst_state_code"));
        s->gst_code_historical = atoi(cell(&t, &rec, "gst_state_code_historical"));
        add_udyam_code(s, cell(&t, &rec, "udyam_state_code"));
        add_udyam_code(s, cell(&t, &rec, "udyam_code_candidate"));
        if (s->n_udyam_codes == 0) {
            /* No Udyam number from this state was seen (Ladakh, Lakshadweep):
             * assume the state key, and say so wherever it matters. */
            add_udyam_code(s, s->key);
            s->udyam_code_unconfirmed = true;
        }
        s->is_ut = strcmp(cell(&t, &rec, "is_ut"), "1") == 0;
        s->island = strcmp(s->key, "AN") == 0 || strcmp(s->key, "LD") == 0;
        s->ner = strcmp(cell(&t, &rec, "is_ner"), "1") == 0;
        s->gst_special_category = strcmp(cell(&t, &rec, "gst_sec22_special_category"), "1") == 0;
        hill = cell(&t, &rec, "is_himalayan_or_hill");
        s->hill = strcmp(hill, "1") == 0 ? HILL_YES
                  : strcmp(hill, "partial") == 0 ? HILL_PARTIAL : HILL_NO;
        s->qrmp_gstr3b_day = atoi(cell(&t, &rec, "qrmp_gstr3b_day"));
        s->gst_reg_goods_lakh = atoi(cell(&t, &rec, "gst_reg_threshold_goods_lakh"));
        s->gst_reg_services_lakh = atoi(cell(&t, &rec, "gst_reg_threshold_services_lakh"));
        s->gst_composition_lakh = atoi(cell(&t, &rec, "gst_composition_threshold_lakh"));
        if (s->gst_code <= 0)
            rc = err_set(e, "data/states.csv:%llu: no GST state code", (unsigned long long)rec.line);
    }
    table_close(&t);
    return rc < 0 ? -1 : 0;
}

static int load_districts(struct refdata *r, struct err *e)
{
    struct table t;
    struct csv_record rec;
    size_t cap = 0;
    int rc;

    if (table_open(&t, "data/districts.csv", e) != 0)
        return -1;
    while ((rc = table_next(&t, &rec, e)) == 1) {
        struct district_info *d;
        if (grow((void **)&r->districts, &r->n_districts, &cap, sizeof *r->districts) != 0) {
            rc = err_set(e, "out of memory");
            break;
        }
        d = &r->districts[r->n_districts++];
        memset(d, 0, sizeof *d);
        d->gst_state = atoi(cell(&t, &rec, "gst_state_code"));
        copy_str(d->name, sizeof d->name, cell(&t, &rec, "district_name"));
        d->lgd_code = atoi(cell(&t, &rec, "lgd_district_code"));
    }
    table_close(&t);
    return rc < 0 ? -1 : 0;
}

enum district_flag { FLAG_ASPIRATIONAL, FLAG_LWE, FLAG_HILL };

static void set_district_flag(struct district_info *d, enum district_flag flag)
{
    switch (flag) {
    case FLAG_ASPIRATIONAL: d->aspirational = true; break;
    case FLAG_LWE: d->lwe = true; break;
    case FLAG_HILL: d->hill = true; break;
    }
}

/* Flag the districts a table lists by LGD code. An optional table that is
 * not built in gives 0; a present one 1; an error (a code not in
 * districts.csv, a required table missing) -1. */
static int mark_districts(struct refdata *r, const char *file, enum district_flag flag, bool required,
                          struct err *e)
{
    struct table t;
    struct csv_record rec;
    int rc;

    if (!required && embedded_find(file) == NULL)
        return 0;
    if (table_open(&t, file, e) != 0)
        return -1;
    while ((rc = table_next(&t, &rec, e)) == 1) {
        int code = atoi(cell(&t, &rec, "lgd_district_code"));
        bool found = false;
        for (size_t i = 0; i < r->n_districts; i++) {
            if (r->districts[i].lgd_code == code) {
                set_district_flag(&r->districts[i], flag);
                found = true;
            }
        }
        if (!found) {
            rc = err_set(e, "%s:%llu: LGD code %d is not in districts.csv", file,
                         (unsigned long long)rec.line, code);
            break;
        }
    }
    table_close(&t);
    return rc < 0 ? -1 : 1;
}

static int load_area_lists(struct refdata *r, struct err *e)
{
    int rc;

    if (mark_districts(r, "data/aspirational_districts.csv", FLAG_ASPIRATIONAL, true, e) < 0)
        return -1;
    if ((rc = mark_districts(r, "data/lwe_districts.csv", FLAG_LWE, false, e)) < 0)
        return -1;
    r->has_lwe_list = rc == 1;
    return mark_districts(r, "data/hill_districts.csv", FLAG_HILL, false, e) < 0 ? -1 : 0;
}

static enum nic_sector sector_from(const char *broad, const char *is_trading, const char *is_services)
{
    if (strcmp(broad, "agriculture") == 0)
        return NIC_AGRICULTURE;
    if (strcmp(broad, "mining") == 0)
        return NIC_MINING;
    if (strcmp(broad, "manufacturing") == 0)
        return NIC_MANUFACTURING;
    if (strcmp(broad, "utilities") == 0)
        return NIC_UTILITIES;
    if (strcmp(broad, "construction") == 0)
        return NIC_CONSTRUCTION;
    if (strcmp(is_trading, "1") == 0)
        return NIC_TRADING;
    if (strcmp(is_services, "1") == 0)
        return NIC_SERVICES;
    return NIC_OTHER;
}

static int load_nic(struct refdata *r, struct err *e)
{
    struct table t;
    struct csv_record rec;
    size_t cap = 0;
    int rc;

    if (table_open(&t, "data/nic2008.csv", e) != 0)
        return -1;
    while ((rc = table_next(&t, &rec, e)) == 1) {
        struct nic_division *d;
        if (strcmp(cell(&t, &rec, "level"), "division") != 0)
            continue;
        if (grow((void **)&r->nic, &r->n_nic, &cap, sizeof *r->nic) != 0) {
            rc = err_set(e, "out of memory");
            break;
        }
        d = &r->nic[r->n_nic++];
        copy_str(d->code, sizeof d->code, cell(&t, &rec, "code"));
        d->section = cell(&t, &rec, "section")[0];
        copy_str(d->title, sizeof d->title, cell(&t, &rec, "title"));
        d->sector = sector_from(cell(&t, &rec, "broad_sector"), cell(&t, &rec, "is_trading"),
                                cell(&t, &rec, "is_services"));
    }
    table_close(&t);
    return rc < 0 ? -1 : 0;
}

static int parse_class(const char *s, enum msme_class *out)
{
    for (int c = CLASS_MICRO; c <= CLASS_LARGE; c++) {
        if (strcmp(s, msme_class_name((enum msme_class)c)) == 0) {
            *out = (enum msme_class)c;
            return 0;
        }
    }
    return -1;
}

static int parse_limit_row(const struct table *t, const struct csv_record *rec,
                           struct class_limit *l, struct err *e)
{
    const char *act = cell(t, rec, "activity"), *from = cell(t, rec, "effective_from"),
               *to = cell(t, rec, "effective_to"), *turn = cell(t, rec, "turnover_max_rs"),
               *inv = cell(t, rec, "investment_max_rs");

    memset(l, 0, sizeof *l);
    copy_str(l->regime, sizeof l->regime, cell(t, rec, "regime"));
    copy_str(l->notification, sizeof l->notification, cell(t, rec, "notification"));
    copy_str(l->source, sizeof l->source, cell(t, rec, "source"));
    l->activity = strcmp(act, "manufacturing") == 0 ? LIMIT_MANUFACTURING
                  : strcmp(act, "services") == 0    ? LIMIT_SERVICES : LIMIT_ANY;
    if (date_parse(from, strlen(from), &l->from, e) != 0)
        return -1;
    l->to = INT32_MAX;
    if (*to && date_parse(to, strlen(to), &l->to, e) != 0)
        return -1;
    if (parse_class(cell(t, rec, "class"), &l->cls) != 0)
        return err_set(e, "unknown class '%s'", cell(t, rec, "class"));
    if (money_parse(inv, strlen(inv), false, &l->investment_max, e) != 0)
        return -1;
    l->turnover_max = -1;
    if (*turn && money_parse(turn, strlen(turn), false, &l->turnover_max, e) != 0)
        return -1;
    return 0;
}

static int load_limits(struct refdata *r, struct err *e)
{
    struct table t;
    struct csv_record rec;
    size_t cap = 0;
    int rc;

    if (table_open(&t, "data/classification_limits.csv", e) != 0)
        return -1;
    while ((rc = table_next(&t, &rec, e)) == 1) {
        if (grow((void **)&r->limits, &r->n_limits, &cap, sizeof *r->limits) != 0) {
            rc = err_set(e, "out of memory");
            break;
        }
        if (parse_limit_row(&t, &rec, &r->limits[r->n_limits], e) != 0) {
            rc = err_prefix(e, "data/classification_limits.csv:%llu: ",
                            (unsigned long long)rec.line);
            break;
        }
        r->n_limits++;
    }
    table_close(&t);
    return rc < 0 ? -1 : 0;
}

static int parse_level(const char *name, enum grievance_level *out)
{
    for (int l = 0; l < GRIEVANCE_LEVEL_COUNT; l++)
        if (strcmp(grievance_level_name((enum grievance_level)l), name) == 0) {
            *out = (enum grievance_level)l;
            return 0;
        }
    return -1;
}

/* One row into the period starting on its date (rows come in date order);
 * bit `level` of *seen marks the levels the current period has. */
static int add_sla_row(struct refdata *r, const struct table *t, const struct csv_record *rec, size_t *cap,
                       unsigned *seen, struct err *e)
{
    const char *from = cell(t, rec, "from");
    struct grievance_sla_period *p;
    enum grievance_level level;
    int32_t on;
    int ack = atoi(cell(t, rec, "ack_days")), resolve = atoi(cell(t, rec, "resolve_days"));

    if (date_parse(from, strlen(from), &on, e) != 0)
        return -1;
    if (parse_level(cell(t, rec, "level"), &level) != 0)
        return err_set(e, "unknown level '%s'", cell(t, rec, "level"));
    if (ack <= 0 || resolve < ack)
        return err_set(e, "ack_days must be positive and resolve_days at least as many");
    p = r->n_grievance_sla ? &r->grievance_sla[r->n_grievance_sla - 1] : NULL;
    if (p == NULL || p->from != on) {
        if (p != NULL && (p->from > on || *seen != (1u << GRIEVANCE_LEVEL_COUNT) - 1))
            return err_set(e, "periods must be in date order, each with every level");
        if (grow((void **)&r->grievance_sla, &r->n_grievance_sla, cap, sizeof *r->grievance_sla) != 0)
            return err_set(e, "out of memory");
        p = &r->grievance_sla[r->n_grievance_sla++];
        memset(p, 0, sizeof *p);
        p->from = on;
        *seen = 0;
    }
    p->sla.ack_days[level] = ack;
    p->sla.resolve_days[level] = resolve;
    *seen |= 1u << level;
    return 0;
}

static int load_grievance_sla(struct refdata *r, struct err *e)
{
    struct table t;
    struct csv_record rec;
    size_t cap = 0;
    unsigned seen = 0;
    int rc;

    if (table_open(&t, "data/grievance_sla.csv", e) != 0)
        return -1;
    while ((rc = table_next(&t, &rec, e)) == 1) {
        if (add_sla_row(r, &t, &rec, &cap, &seen, e) != 0) {
            rc = err_prefix(e, "data/grievance_sla.csv:%llu: ", (unsigned long long)rec.line);
            break;
        }
    }
    table_close(&t);
    if (rc == 0 && seen != (1u << GRIEVANCE_LEVEL_COUNT) - 1)
        rc = err_set(e, "data/grievance_sla.csv: the last period lacks a level");
    return rc < 0 ? -1 : 0;
}

int refdata_grievance_sla(const struct refdata *r, int32_t on, struct grievance_sla *out)
{
    for (size_t i = r->n_grievance_sla; i-- > 0;)
        if (r->grievance_sla[i].from <= on) {
            *out = r->grievance_sla[i].sla;
            return 0;
        }
    return -1;
}

static int district_cmp(const struct district_info *a, int state, const char *name)
{
    if (a->gst_state != state)
        return a->gst_state < state ? -1 : 1;
    return strcasecmp(a->name, name);
}

static int index_districts(struct refdata *r, struct err *e)
{
    r->district_order = mem_calloc(r->n_districts, sizeof *r->district_order);
    if (r->district_order == NULL)
        return err_set(e, "out of memory");
    /* Insertion sort: 778 rows, once per process. */
    for (size_t i = 0; i < r->n_districts; i++) {
        size_t j = i;
        const struct district_info *d = &r->districts[i];
        while (j > 0 && district_cmp(&r->districts[r->district_order[j - 1]], d->gst_state,
                                     d->name) > 0) {
            r->district_order[j] = r->district_order[j - 1];
            j--;
        }
        r->district_order[j] = i;
    }
    return 0;
}

static int index_states(struct refdata *r, struct err *e)
{
    for (size_t i = 0; i < r->n_states; i++) {
        const struct state_info *s = &r->states[i];
        if (s->gst_code <= 0 || s->gst_code >= 100)
            return err_set(e, "data/states.csv: GST code %d out of range", s->gst_code);
        r->by_gst[s->gst_code] = s;
    }
    for (size_t i = 0; i < r->n_states; i++) {
        const struct state_info *s = &r->states[i];
        int h = s->gst_code_historical;
        if (h > 0 && h < 100 && r->by_gst[h] == NULL)
            r->by_gst[h] = s;
    }
    return 0;
}

int refdata_load(struct refdata **out, struct err *e)
{
    struct refdata *r = mem_calloc(1, sizeof *r);

    if (r == NULL)
        return err_set(e, "out of memory");
    if (load_states(r, e) != 0 || load_districts(r, e) != 0
        || load_area_lists(r, e) != 0 || load_nic(r, e) != 0 || load_limits(r, e) != 0
        || load_grievance_sla(r, e) != 0
        || index_states(r, e) != 0
        || index_districts(r, e) != 0) {
        refdata_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

void refdata_free(struct refdata *r)
{
    if (r == NULL)
        return;
    mem_free(r->states);
    mem_free(r->districts);
    mem_free(r->nic);
    mem_free(r->limits);
    mem_free(r->grievance_sla);
    mem_free(r->district_order);
    mem_free(r);
}

const struct state_info *refdata_state_by_gst(const struct refdata *r, int code)
{
    return code > 0 && code < 100 ? r->by_gst[code] : NULL;
}

const struct state_info *refdata_state_by_key(const struct refdata *r, const char *key)
{
    for (size_t i = 0; i < r->n_states; i++)
        if (strcmp(r->states[i].key, key) == 0)
            return &r->states[i];
    return NULL;
}

const struct state_info *refdata_state_by_udyam(const struct refdata *r, const char *letters)
{
    for (size_t i = 0; i < r->n_states; i++)
        for (int k = 0; k < r->states[i].n_udyam_codes; k++)
            if (strncmp(r->states[i].udyam_codes[k], letters, 2) == 0)
                return &r->states[i];
    return NULL;
}

const struct district_info *refdata_district(const struct refdata *r, int gst_state,
                                             const char *name)
{
    const struct state_info *s = refdata_state_by_gst(r, gst_state);
    char key[64];
    size_t n, lo = 0, hi = r->n_districts;

    while (*name == ' ')
        name++;
    n = strlen(name);
    while (n > 0 && name[n - 1] == ' ')
        n--;
    if (s == NULL || n >= sizeof key)
        return NULL;
    memcpy(key, name, n);
    key[n] = '\0';
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct district_info *d = &r->districts[r->district_order[mid]];
        int c = district_cmp(d, s->gst_code, key);
        if (c == 0)
            return d;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const struct nic_division *refdata_nic_division(const struct refdata *r, const char *two)
{
    for (size_t i = 0; i < r->n_nic; i++)
        if (r->nic[i].code[0] == two[0] && r->nic[i].code[1] == two[1])
            return &r->nic[i];
    return NULL;
}

const char *msme_class_name(enum msme_class c)
{
    static const char *const names[] = {"micro", "small", "medium", "large"};
    return c <= CLASS_LARGE ? names[c] : "?";
}
