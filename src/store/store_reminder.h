/* store_reminder.h: the compliance calendar items each enterprise has been
 * reminded of (migration 0013), so a digest names each due date once. */
#ifndef SAMANVAY_STORE_REMINDER_H
#define SAMANVAY_STORE_REMINDER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* Mark the item reminded on `today` (inside the caller's transaction);
 * *added is false when it already was. */
int store_reminder_add(struct store *s, int64_t enterprise_id, const char *obligation,
                       const char *period, int32_t due, int32_t today, bool *added, struct err *e);

/* Reminders recorded for one enterprise (for tests and the reminder job's report). */
int store_reminder_count(struct store *s, int64_t enterprise_id, int64_t *n, struct err *e);

#endif
