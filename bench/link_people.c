/* link_people: N synthetic person records with known truth, for the
 * linkage benchmark (docs/generator.md, "Linkage benchmark people").
 *
 *   link_people RECORDS SEED OUT.csv
 *
 * Entities are drawn with the generator's own names (src/gen/gen_names.h:
 * Indian given names and surnames by region, each word in Latin and
 * Devanagari) and districts from the reference data; each entity is written
 * once clean and then as 1-3 dirty copies: typing slips, the name in
 * Devanagari, given name and surname swapped, a field missing, the birth
 * year off by one, a postcode digit changed, another mobile number. The
 * `entity` column is the truth; record ids are shuffled numbers and say
 * nothing. Deterministic for a seed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/refdata.h"
#include "core/rng.h"
#include "gen/gen_names.h"

struct person {
    char given[GEN_NAME_MAX], surname[GEN_NAME_MAX];
    const char *district;
    int postcode, birth_year, mobile4;
};

/* Word i of a name, rendered alone; the rest (i+1..) when rest is set. */
static void render_words(const struct gen_name *n, int from, int to, enum gen_script s, char *out, size_t cap)
{
    struct gen_name part = *n;

    part.n = 0;
    for (int i = from; i < to && i < n->n; i++) {
        part.table[part.n] = n->table[i];
        part.index[part.n++] = n->index[i];
    }
    gen_name_render(&part, s, out, cap);
}

static void make_entity(struct rng *g, const struct refdata *ref, struct gen_name *name, struct person *p)
{
    const struct district_info *d = &ref->districts[rng_below(g, ref->n_districts)];
    enum gen_gender sex = rng_chance(g, 0.5) ? GENDER_MALE : GENDER_FEMALE;
    static const int regions[] = {REGION_NORTH, REGION_WEST, REGION_SOUTH, REGION_EAST};

    gen_names_person(g, regions[rng_below(g, 4)], sex, 0.8, name);
    p->district = d->name;
    p->postcode = (int)(100 + (size_t)(d - ref->districts) * 7 % 755) * 1000 + (int)rng_below(g, 1000);
    p->birth_year = 1950 + (int)rng_below(g, 56);
    p->mobile4 = (int)rng_below(g, 10000);
}

static void dirty_copy(struct rng *g, const struct gen_name *name, const struct person *clean, struct person *p)
{
    enum gen_script s = rng_chance(g, 0.2) ? SCRIPT_DEVANAGARI : SCRIPT_LATIN;

    *p = *clean;
    render_words(name, 0, 1, s, p->given, sizeof p->given);
    render_words(name, 1, GEN_NAME_MAX_WORDS, s, p->surname, sizeof p->surname);
    if (rng_chance(g, 0.3))
        gen_typo(g, p->given, strlen(p->given), sizeof p->given);
    if (rng_chance(g, 0.3))
        gen_typo(g, p->surname, strlen(p->surname), sizeof p->surname);
    if (rng_chance(g, 0.05)) {
        char t[GEN_NAME_MAX];
        memcpy(t, p->given, sizeof t);
        memcpy(p->given, p->surname, sizeof t);
        memcpy(p->surname, t, sizeof t);
    }
    if (rng_chance(g, 0.1))
        p->district = NULL;
    if (rng_chance(g, 0.1))
        p->birth_year = 0;
    else if (rng_chance(g, 0.1))
        p->birth_year += rng_chance(g, 0.5) ? 1 : -1;
    if (rng_chance(g, 0.1))
        p->postcode = (p->postcode / 10) * 10 + (p->postcode % 10 + 1 + (int)rng_below(g, 9)) % 10;
    if (rng_chance(g, 0.2))
        p->mobile4 = -1;
    else if (rng_chance(g, 0.05))
        p->mobile4 = (int)rng_below(g, 10000);
}

static void put(FILE *f, uint64_t id, const struct person *p, size_t entity)
{
    fprintf(f, "%llu,%s,%s,%s,%06d,", (unsigned long long)id, p->given, p->surname, p->district ? p->district : "",
            p->postcode);
    if (p->birth_year > 0)
        fprintf(f, "%d", p->birth_year);
    fputc(',', f);
    if (p->mobile4 >= 0)
        fprintf(f, "%04d", p->mobile4);
    fprintf(f, ",e%zu\n", entity);
}

int main(int argc, char **argv)
{
    struct refdata *ref;
    struct err e;
    struct rng g;
    size_t want, written = 0, entity = 0;
    uint64_t id_key;
    FILE *f;

    if (argc != 4 || (want = strtoul(argv[1], NULL, 10)) == 0) {
        fprintf(stderr, "usage: link_people RECORDS SEED OUT.csv\n");
        return 2;
    }
    if (refdata_load(&ref, &e) != 0) {
        fprintf(stderr, "link_people: %s\n", e.msg);
        return 2;
    }
    if ((f = fopen(argv[3], "w")) == NULL) {
        perror(argv[3]);
        return 2;
    }
    rng_seed(&g, strtoull(argv[2], NULL, 10), 0);
    id_key = rng_next(&g) | 1;
    fputs("id,given_name,surname,district,postcode,birth_year,mobile_last4,entity\n", f);
    while (written < want) {
        struct gen_name name;
        struct person clean, p;
        int copies = 1 + (int)rng_below(&g, 3);
        make_entity(&g, ref, &name, &clean);
        render_words(&name, 0, 1, SCRIPT_LATIN, clean.given, sizeof clean.given);
        render_words(&name, 1, GEN_NAME_MAX_WORDS, SCRIPT_LATIN, clean.surname, sizeof clean.surname);
        /* Ids: record numbers through an odd multiplier, so they carry no order or entity. */
        put(f, (written++ * id_key) & 0xffffffffffull, &clean, entity);
        for (int c = 0; c < copies && written < want; c++) {
            dirty_copy(&g, &name, &clean, &p);
            put(f, (written++ * id_key) & 0xffffffffffull, &p, entity);
        }
        entity++;
    }
    if (fclose(f) != 0) {
        perror(argv[3]);
        return 2;
    }
    refdata_free(ref);
    return 0;
}
