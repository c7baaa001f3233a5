/* password.h: password hashing for accounts.
 *
 * Argon2id through libsodium's crypto_pwhash_str, with
 * crypto_pwhash_OPSLIMIT_INTERACTIVE (2 passes) and
 * crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB): libsodium's documented
 * setting for interactive logins, about 0.1 s on one core here. The string
 * stored carries the algorithm, limits and salt, so raising the limits
 * later needs no migration (crypto_pwhash_str_needs_rehash tells). Call
 * sodium_init() once before any of these. */
#ifndef SAMANVAY_PASSWORD_H
#define SAMANVAY_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "store/store_auth.h"

#define PASSWORD_MIN 10          /* characters (bytes) */
#define PASSWORD_MAX 1024

/* Reject a password too short or too long to accept; the message says which. */
int password_check_policy(const char *pw, struct err *e);
int password_hash(const char *pw, char out[AUTH_HASH_MAX], struct err *e);
/* True when pw matches the stored hash. */
bool password_verify(const char *pw, const char *hash);
/* The hash of a random password nobody knows: verifying against it when a
 * username does not exist makes a failed sign-in take the same time
 * whether or not the account exists. */
int password_dummy_hash(char out[AUTH_HASH_MAX], struct err *e);

#endif
