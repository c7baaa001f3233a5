#include "gen/gen_faults.h"

#include <stdio.h>
#include <string.h>

#include "gen/gen_fmt.h"

static void put4(char *out, int v)
{
    for (int i = 3; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

void gen_fault_date(struct rng *r, int year, char out[11])
{
    static const char *const md[] = {"02-30", "02-31", "04-31", "06-31", "09-31", "11-31", "13-01",
                                     "00-15"};

    put4(out, year);
    out[4] = '-';
    memcpy(out + 5, md[rng_below(r, sizeof md / sizeof md[0])], 5);
    out[10] = '\0';
}

void gen_fault_month(struct rng *r, int year, char out[8])
{
    put4(out, year);
    out[4] = '-';
    memcpy(out + 5, rng_chance(r, 0.5) ? "13" : "00", 2);
    out[7] = '\0';
}

void gen_fault_amount(struct rng *r, int64_t paise, char *out, size_t cap)
{
    char digits[24];
    size_t n = gen_fmt_u64(digits, (uint64_t)(paise < 0 ? -paise : paise) / 100);

    digits[n] = '\0';
    switch (rng_below(r, 3)) {
    case 0:
        /* One digit, a comma, then the rest: the last group is never three
         * digits when the rest is longer or shorter than three. */
        if (n != 4) {
            snprintf(out, cap, "%c,%s", digits[0], digits + 1);
            break;
        }
        snprintf(out, cap, "%.2s,%s,", digits, digits + 2);
        break;
    case 1:
        snprintf(out, cap, "%s.5.0", digits);
        break;
    default:
        snprintf(out, cap, "approx %s", digits);
        break;
    }
}

void gen_fault_number(struct rng *r, uint64_t v, char *out, size_t cap)
{
    switch (rng_below(r, 3)) {
    case 0: snprintf(out, cap, "x%llu", (unsigned long long)v); break;
    case 1: snprintf(out, cap, "%llu.5", (unsigned long long)v); break;
    default: snprintf(out, cap, "-%llu", (unsigned long long)(v + 1)); break;
    }
}

void gen_fault_gstin_check(struct rng *r, char gstin[16])
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const char *at = strchr(alphabet, gstin[14]);
    int k = at ? (int)(at - alphabet) : 0;

    gstin[14] = alphabet[(k + 1 + (int)rng_below(r, 35)) % 36];
}

char gen_fault_pan_holder(struct rng *r)
{
    static const char bad[] = "DIMNOQRSUVWXYZ";

    return bad[rng_below(r, sizeof bad - 1)];
}

void gen_fault_ifsc(char ifsc[12])
{
    ifsc[4] = 'O';
}

void gen_fault_udyam(const char *udyam, char out[20])
{
    memcpy(out, udyam, 18);   /* drop the last serial digit */
    out[18] = '\0';
}

const char *gen_fault_district(struct rng *r)
{
    /* Fictional places; gen_faults_check-style tests assert none is an LGD district. */
    static const char *const places[] = {"MALGUDI", "GOTHAM", "ATLANTIS", "LILLIPUT", "SHANGRILA",
                                         "ELDORADO", "NARNIA", "ARKHAM"};

    return places[rng_below(r, sizeof places / sizeof places[0])];
}

void gen_fault_quote(const char *name, char *out, size_t cap)
{
    const char *space = strchr(name, ' ');
    size_t head = space ? (size_t)(space - name) + 1 : 1;

    if (head > strlen(name))
        head = strlen(name);
    snprintf(out, cap, "%.*s\"%s", (int)head, name, name + head);
}
