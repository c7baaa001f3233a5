/* calendar_json.c: the calendar as JSON (calendar_json.h). */
#include "calendar/calendar_json.h"

#include "core/date.h"
#include "core/money.h"
#include "rules/facts.h"

static json_t *missing_json(uint64_t missing)
{
    json_t *a = json_array();

    for (int f = 0; f < PF_COUNT; f++)
        if (missing & ((uint64_t)1 << f))
            json_array_append_new(a, json_string(facts_missing_name(f)));
    return a;
}

/* Amounts in JSON are rupees; -1 (not known) is null. */
static json_t *rupees_or_null(int64_t paise)
{
    return paise < 0 ? json_null() : money_to_json(paise);
}

json_t *calendar_item_json(const struct calendar_item *it)
{
    char due[DATE_STR_LEN], start[DATE_STR_LEN], end[DATE_STR_LEN];
    json_t *j;

    date_format(it->due, due);
    date_format(it->period_start, start);
    date_format(it->period_end, end);
    j = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:s}",
                  "obligation", it->obligation->id, "period", it->period, "due", due, "status",
                  calendar_status_name(it->status), "late_fee", rupees_or_null(it->late_fee),
                  "interest", rupees_or_null(it->interest), "name",
                  it->obligation->name, "rule", it->rule->name, "period_start", start,
                  "period_end", end, "conditional", it->conditional, "optional", it->rule->optional,
                  "unconfirmed", it->rule->unconfirmed, "source",
                  it->extension ? it->extension->source : it->rule->source);
    if (j == NULL)
        return NULL;
    if (it->conditional)
        json_object_set_new(j, "missing", missing_json(it->missing));
    if (it->rule->note)
        json_object_set_new(j, "note", json_string(it->rule->note));
    if (it->extension)
        json_object_set_new(j, "extended", json_true());
    if (it->filed_on != DATE_UNKNOWN) {
        char filed[DATE_STR_LEN];
        date_format(it->filed_on, filed);
        json_object_set_new(j, "filed_on", json_string(filed));
    }
    if (it->days_late > 0)
        json_object_set_new(j, "days_late", json_integer(it->days_late));
    if (it->late_fee > 0 && it->late_fee_source)
        json_object_set_new(j, "late_fee_source", json_string(it->late_fee_source));
    if (it->interest > 0 && it->interest_source)
        json_object_set_new(j, "interest_source", json_string(it->interest_source));
    return j;
}

json_t *calendar_json(const struct calendar *cal)
{
    json_t *items = json_array();

    for (size_t i = 0; items != NULL && i < cal->n; i++)
        if (json_array_append_new(items, calendar_item_json(&cal->items[i])) != 0) {
            json_decref(items);
            return NULL;
        }
    return items == NULL ? NULL : json_pack("{s:o}", "items", items);
}
