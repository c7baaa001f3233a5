/* gen_perm.h: keyed bijections on [0, domain), for identifiers that must
 * be unique yet look random (Udyam serials, PAN series, account numbers).
 *
 * A balanced Feistel network on the smallest even number of bits that
 * covers the domain, with cycle walking: re-encrypt until the value falls
 * inside the domain. A bijection on the power-of-two space restricted this
 * way is a bijection on the domain, so distinct inputs can never collide,
 * which a hash could not promise. Not cryptographic. */
#ifndef SAMANVAY_GEN_PERM_H
#define SAMANVAY_GEN_PERM_H

#include <stdint.h>

#define GEN_PERM_ROUNDS 4

struct gen_perm {
    uint64_t domain;
    int half_bits;
    uint64_t half_mask;
    uint64_t key[GEN_PERM_ROUNDS];
};

/* domain >= 1 and below 2^62; (seed, tag) pick the permutation. */
void gen_perm_init(struct gen_perm *p, uint64_t domain, uint64_t seed, uint64_t tag);
/* x < domain; the result is < domain. */
uint64_t gen_perm_apply(const struct gen_perm *p, uint64_t x);

/* A well-mixed 64-bit hash (splitmix64 finaliser), for keys and picks
 * that must be stable functions of their inputs. */
uint64_t gen_mix64(uint64_t x);

#endif
