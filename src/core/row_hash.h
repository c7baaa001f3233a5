/* row_hash.h: a 64-bit FNV-1a hash of a feed row's validated fields, to
 * tell an identical row from a changed one (store_keyed.h). Stable across
 * builds and platforms, as a stored hash must be. Header-only: a few
 * lines each feed's hash function strings together. */
#ifndef SAMANVAY_ROW_HASH_H
#define SAMANVAY_ROW_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ROW_HASH_INIT 0xcbf29ce484222325ULL

static inline uint64_t row_hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* The NUL is hashed too, so "ab","c" and "a","bc" differ. */
static inline uint64_t row_hash_str(uint64_t h, const char *s)
{
    return row_hash_bytes(h, s, strlen(s) + 1);
}

/* Little-endian bytes, whatever the host's order. */
static inline uint64_t row_hash_i64(uint64_t h, int64_t v)
{
    unsigned char b[8];

    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)((uint64_t)v >> (8 * i));
    return row_hash_bytes(h, b, 8);
}

/* A feed row's hash: its text fields, then its numbers, in a fixed order. */
static inline uint64_t row_hash_fields(const char *const *strs, size_t n_strs,
                                       const int64_t *nums, size_t n_nums)
{
    uint64_t h = ROW_HASH_INIT;

    for (size_t i = 0; i < n_strs; i++)
        h = row_hash_str(h, strs[i]);
    for (size_t i = 0; i < n_nums; i++)
        h = row_hash_i64(h, nums[i]);
    return h;
}

#endif
