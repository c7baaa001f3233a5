#include "gen/gen_ids.h"

#include <string.h>

#include "core/ident.h"
#include "gen/gen_fmt.h"

char gen_ids_pan_holder(enum gen_constitution c)
{
    switch (c) {
    case CON_PROPRIETORSHIP: return 'P';   /* the proprietor's own PAN */
    case CON_HUF: return 'H';
    case CON_PARTNERSHIP:
    case CON_LLP: return 'F';              /* firms; LLPs share 'F' (domain.md §2.6) */
    case CON_PRIVATE_COMPANY:
    case CON_PUBLIC_COMPANY: return 'C';
    case CON_TRUST: return 'T';
    default: return 'A';                   /* cooperatives, SHGs, societies: AOP */
    }
}

void gen_ids_pan(const struct gen_ctx *c, uint64_t id, char holder, char initial, char out[11])
{
    uint64_t v = gen_perm_apply(&c->perm_pan, id);
    int check = (int)(v % 26), serial;

    v /= 26;
    serial = (int)(v % 9999) + 1;          /* 0001-9999: 0000 is never issued */
    v /= 9999;
    out[0] = (char)('A' + v / 676);
    out[1] = (char)('A' + v / 26 % 26);
    out[2] = (char)('A' + v % 26);
    out[3] = holder;
    out[4] = initial;
    for (int i = 8; i >= 5; i--) {
        out[i] = (char)('0' + serial % 10);
        serial /= 10;
    }
    out[9] = (char)('A' + check);
    out[10] = '\0';
}

void gen_ids_gstin(int state_code, const char *pan, char entity, char out[16])
{
    out[0] = (char)('0' + state_code / 10);
    out[1] = (char)('0' + state_code % 10);
    memcpy(out + 2, pan, 10);
    out[12] = entity;
    out[13] = 'Z';
    out[14] = gstin_check_char(out);
    out[15] = '\0';
}

uint64_t gen_ids_udyam_serial(const struct gen_ctx *c, uint64_t index)
{
    return gen_perm_apply(&c->perm_udyam, index);
}

uint64_t gen_ids_udyam_district_serial(const struct gen_ctx *c, int district, uint64_t ordinal)
{
    struct gen_perm p;

    /* A permutation per district: serials repeat across districts but the
     * full number (state letters, district, serial) stays unique. */
    gen_perm_init(&p, c->udyam_serials, c->seed, 1000 + (uint64_t)district);
    return gen_perm_apply(&p, ordinal);
}

void gen_ids_udyam(const struct gen_ctx *c, const struct gen_ent *e, uint64_t serial, char out[20])
{
    const char *code = c->states[e->state].info->udyam_codes[0];
    int dd = c->district_no[e->district];

    memcpy(out, "UDYAM-", 6);
    out[6] = code[0];
    out[7] = code[1];
    out[8] = '-';
    out[9] = (char)('0' + dd / 10);
    out[10] = (char)('0' + dd % 10);
    out[11] = '-';
    for (int i = 18; i >= 12; i--) {
        out[i] = (char)('0' + serial % 10);
        serial /= 10;
    }
    out[19] = '\0';
}

void gen_ids_account(const struct gen_ctx *c, uint64_t id, char out[15])
{
    uint64_t v = gen_perm_apply(&c->perm_account, id);

    for (int i = 13; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
    out[14] = '\0';
}

size_t gen_ids_ref(const struct gen_ctx *c, uint64_t id, const char *prefix, int year, char *out,
                   size_t cap)
{
    uint64_t v = gen_perm_apply(&c->perm_ref, id);
    size_t n = strlen(prefix);

    if (n + 17 > cap)
        return 0;
    memcpy(out, prefix, n);
    out[n++] = '-';
    n += gen_fmt_u64(out + n, (uint64_t)year);
    out[n++] = '-';
    for (int i = 9; i >= 0; i--) {
        out[n + (size_t)i] = (char)('0' + v % 10);
        v /= 10;
    }
    n += 10;
    out[n] = '\0';
    return n;
}
