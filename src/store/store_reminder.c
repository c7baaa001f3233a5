/* store_reminder.c: the calendar_reminder table (store_reminder.h). */
#include "store/store_reminder.h"

#include "core/date.h"
#include "store/db.h"
#include "store/store_list.h"

int store_reminder_add(struct store *s, int64_t enterprise_id, const char *obligation,
                       const char *period, int32_t due, int32_t today, bool *added, struct err *e)
{
    static const char sql[] =
        "INSERT INTO calendar_reminder(enterprise_id, obligation, period, due_on, reminded_on)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING";
    struct db_stmt *st = db_cached(store_db(s), sql, e);
    char due_text[DATE_STR_LEN], today_text[DATE_STR_LEN];

    *added = false;
    if (st == NULL)
        return -1;
    date_format(due, due_text);
    date_format(today, today_text);
    if (db_bind_int64(st, 1, enterprise_id) || bind_str(st, 2, obligation)
        || bind_str(st, 3, period) || bind_str(st, 4, due_text) || bind_str(st, 5, today_text))
        return err_set(e, "cannot bind the reminder");
    if (db_step(st, e) < 0)
        return -1;
    *added = db_changes(store_db(s)) == 1;
    return 0;
}

int store_reminder_count(struct store *s, int64_t enterprise_id, int64_t *n, struct err *e)
{
    static const char sql[] = "SELECT COUNT(*) FROM calendar_reminder WHERE enterprise_id = $1";

    return int64_by_id(store_db(s), sql, enterprise_id, n, e);
}
