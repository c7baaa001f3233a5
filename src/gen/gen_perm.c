#include "gen/gen_perm.h"

uint64_t gen_mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

void gen_perm_init(struct gen_perm *p, uint64_t domain, uint64_t seed, uint64_t tag)
{
    int bits = 2;

    while (bits < 62 && ((uint64_t)1 << bits) < domain)
        bits += 2;
    p->domain = domain;
    p->half_bits = bits / 2;
    p->half_mask = ((uint64_t)1 << p->half_bits) - 1;
    for (int i = 0; i < GEN_PERM_ROUNDS; i++)
        p->key[i] = gen_mix64(seed ^ gen_mix64(tag * GEN_PERM_ROUNDS + (uint64_t)i));
}

static uint64_t feistel(const struct gen_perm *p, uint64_t x)
{
    uint64_t left = x >> p->half_bits, right = x & p->half_mask;

    for (int i = 0; i < GEN_PERM_ROUNDS; i++) {
        uint64_t next = left ^ (gen_mix64(right ^ p->key[i]) & p->half_mask);
        left = right;
        right = next;
    }
    return (left << p->half_bits) | right;
}

uint64_t gen_perm_apply(const struct gen_perm *p, uint64_t x)
{
    /* The covering space is under 4x the domain, so this loop runs about
     * twice on average; it always ends because the cycle through x returns
     * to the domain. */
    do
        x = feistel(p, x);
    while (x >= p->domain);
    return x;
}
