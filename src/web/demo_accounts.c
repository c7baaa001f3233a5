#include "web/demo_accounts.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store/store_auth.h"
#include "web/password.h"

struct demo_account {
    const char *username;
    const char *password;        /* public: docs/demo.md */
    enum auth_role role;
    bool linked;                 /* to the first enterprise */
    bool scoped;                 /* to that enterprise's state and district */
};

static const struct demo_account accounts[] = {
    {"udyami", "demo-udyami-2025", AUTH_ROLE_ENTREPRENEUR, true, false},
    {"officer", "demo-officer-2025", AUTH_ROLE_OFFICER, false, true},
    {"policy", "demo-policy-2025", AUTH_ROLE_POLICYMAKER, false, false},
    {"admin", "demo-admin-2025", AUTH_ROLE_ADMIN, false, false},
};

#define N_ACCOUNTS (sizeof accounts / sizeof accounts[0])

static int create_one(struct store *s, const struct demo_account *a, const char *hash,
                      int64_t enterprise_id, const char *state, const char *district,
                      struct err *e)
{
    struct auth_user u;
    bool created;

    memset(&u, 0, sizeof u);
    snprintf(u.username, sizeof u.username, "%s", a->username);
    u.role = a->role;
    if (a->linked)
        u.enterprise_id = enterprise_id;
    if (a->scoped) {
        snprintf(u.state, sizeof u.state, "%s", state);
        snprintf(u.district, sizeof u.district, "%s", district);
    }
    if (store_user_add(s, &u, hash, NULL, &created, e) != 0)
        return err_prefix(e, "demo account %s: ", a->username);
    return 0;
}

int web_demo_accounts_create(struct store *s, struct err *e)
{
    char state[4], district[AUTH_DISTRICT_MAX], hashes[N_ACCOUNTS][AUTH_HASH_MAX];
    struct enterprise ent;
    int64_t enterprise_id;
    bool found;

    if (sodium_init() < 0)
        return err_set(e, "libsodium cannot start");
    if (store_enterprise_first(s, &enterprise_id, &found, e) != 0
        || (found && store_enterprise_get(s, enterprise_id, &ent, &found, e) != 0))
        return -1;
    if (!found)
        return err_set(e, "demo accounts need an enterprise: ingest the udyam feed first");
    snprintf(state, sizeof state, "%02d", ent.state);
    snprintf(district, sizeof district, "%s", ent.district);
    /* Hash first: Argon2id takes a while, and the write lock should not
     * be held meanwhile. */
    for (size_t i = 0; i < N_ACCOUNTS; i++)
        if (password_hash(accounts[i].password, hashes[i], e) != 0)
            return -1;
    if (store_begin(s, e) != 0)
        return -1;
    for (size_t i = 0; i < N_ACCOUNTS; i++) {
        if (create_one(s, &accounts[i], hashes[i], enterprise_id, state, district, e) != 0) {
            store_rollback(s);
            return -1;
        }
    }
    return store_commit(s, e);
}
