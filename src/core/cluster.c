#include "core/cluster.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"

const char *const cluster_statuses[] = {"proposed", "approved", "functional", "closed", NULL};
const char *const cluster_roles[] = {"member", "anchor", "spv_member", NULL};

void cluster_init(struct cluster *c)
{
    memset(c, 0, sizeof *c);
    c->scheme = c->status = c->traditional = -1;
    c->approved_on = DATE_UNKNOWN;
    c->project_cost = c->grant = c->cfc_capacity_hours = -1;
}

void cluster_member_init(struct cluster_member *m)
{
    memset(m, 0, sizeof *m);
    m->joined_on = DATE_UNKNOWN;
    m->role = -1;
}

void cfc_month_init(struct cfc_month *u)
{
    memset(u, 0, sizeof *u);
    u->hours_used = u->user_units = u->revenue = -1;
}

/* BLAKE2b over the fields, each string with its NUL (so "ab"+"c" differs
 * from "a"+"bc") and each number as 8 little-endian bytes; the first 8
 * bytes of the digest are the hash. Stable across builds and platforms,
 * so a hash stored by one version still matches the next. */
struct hasher {
    crypto_generichash_state st;
};

static void hash_begin(struct hasher *h)
{
    crypto_generichash_init(&h->st, NULL, 0, crypto_generichash_BYTES_MIN);
}

static void hash_str(struct hasher *h, const char *s)
{
    crypto_generichash_update(&h->st, (const unsigned char *)s, strlen(s) + 1);
}

static void hash_i64(struct hasher *h, int64_t v)
{
    unsigned char b[8];

    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)((uint64_t)v >> (8 * i));
    crypto_generichash_update(&h->st, b, sizeof b);
}

static uint64_t hash_end(struct hasher *h)
{
    unsigned char out[crypto_generichash_BYTES_MIN];
    uint64_t v = 0;

    crypto_generichash_final(&h->st, out, sizeof out);
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)out[i] << (8 * i);
    return v;
}

uint64_t cluster_content_hash(const struct cluster *c)
{
    const char *strs[] = {c->id, c->name, c->district, c->product, c->nic};
    const int64_t nums[] = {c->scheme, c->state, c->traditional, c->approved_on, c->project_cost,
                            c->grant, c->cfc_capacity_hours, c->status};
    struct hasher h;

    hash_begin(&h);
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        hash_str(&h, strs[i]);
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        hash_i64(&h, nums[i]);
    return hash_end(&h);
}

uint64_t cluster_member_content_hash(const struct cluster_member *m)
{
    struct hasher h;

    hash_begin(&h);
    hash_str(&h, m->cluster_id);
    hash_str(&h, m->udyam);
    hash_i64(&h, m->joined_on);
    hash_i64(&h, m->role);
    return hash_end(&h);
}

uint64_t cfc_month_content_hash(const struct cfc_month *u)
{
    struct hasher h;

    hash_begin(&h);
    hash_str(&h, u->cluster_id);
    hash_i64(&h, u->month);
    hash_i64(&h, u->hours_used);
    hash_i64(&h, u->user_units);
    hash_i64(&h, u->revenue);
    return hash_end(&h);
}

void cluster_month_format(int month, char out[8])
{
    char day[DATE_STR_LEN];

    date_format(date_month_first(month), day);
    memcpy(out, day, 7);
    out[7] = '\0';
}
