/* demo_accounts.h: the accounts `samanvay demo` creates, one per role, so
 * a visitor can try every view. They exist only in demo databases; the
 * usernames and passwords are public (docs/demo.md). */
#ifndef SAMANVAY_DEMO_ACCOUNTS_H
#define SAMANVAY_DEMO_ACCOUNTS_H

#include "core/err.h"
#include "store/store.h"

/* Create the four demo accounts, linked to the first enterprise in the
 * store (the entrepreneur) and to its district (the officer). Accounts
 * that already exist are left as they are, so running demo twice is fine.
 * Fails when the store has no enterprise yet (ingest udyam first). */
int web_demo_accounts_create(struct store *s, struct err *e);

#endif
