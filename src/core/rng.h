/* rng.h: a small, fast, deterministic random number generator
 * (xoshiro256** seeded through splitmix64). Each enterprise of the
 * synthetic generator gets its own stream from (seed, index), so output is
 * identical whatever the order or number of threads. Not for secrets: use
 * libsodium's randombytes_buf for tokens. */
#ifndef SAMANVAY_RNG_H
#define SAMANVAY_RNG_H

#include <stdint.h>

struct rng {
    uint64_t s[4];
};

/* Seed a stream from a seed and a stream number. */
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0. Unbiased. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Uniform in [0, 1). */
double rng_uniform(struct rng *r);
/* True with probability p. */
int rng_chance(struct rng *r, double p);
/* Standard normal (Box-Muller). */
double rng_normal(struct rng *r);
/* Index drawn from weights[0..n) (need not sum to 1). */
int rng_weighted(struct rng *r, const double *weights, int n);

#endif
