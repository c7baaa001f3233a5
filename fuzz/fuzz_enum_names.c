/* Fuzz the small readers of words and numbers that arrive in requests and
 * files: application states and actions, grievance subjects, account
 * roles, activities, identifier kinds, protected groups, stress months,
 * languages, record ids in paths, agreed payment days, financial years and
 * declared energy quantities. Whatever one accepts must write back as the
 * same text (a word has one spelling; a number one form), so no two
 * spellings can mean the same thing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/emission.h"
#include "analytics/scenario.h"
#include "core/application.h"
#include "core/classify.h"
#include "core/ident.h"
#include "store/store_auth.h"
#include "store/store_grievance.h"
#include "store/store_stress.h"
#include "web/i18n.h"
#include "web/msmed_request.h"
#include "web/portal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same(const char *a, const char *b)
{
    if (b == NULL || strcmp(a, b) != 0)
        abort();
}

static void check_words(const char *s)
{
    enum app_state st;
    enum app_action ac;
    enum grievance_subject gs;
    enum auth_role role;
    enum limit_activity act;
    enum id_kind kind;
    enum lang l;
    int g;

    if (app_state_parse(s, &st) == 0)
        same(s, app_state_name(st));
    if (app_action_parse(s, &ac) == 0)
        same(s, app_action_name(ac));
    if (grievance_subject_parse(s, &gs) == 0)
        same(s, grievance_subject_name(gs));
    if (auth_role_parse(s, &role) == 0)
        same(s, auth_role_name(role));
    if (id_kind_parse(s, &kind) == 0)
        same(s, id_kind_name(kind));
    if ((g = scenario_group_parse(s)) >= 0)
        same(s, g < SG_COUNT ? scenario_group_name((enum scenario_group)g) : NULL);
    if (i18n_parse(s, &l) == 0)
        same(s, i18n_code(l));
    if (classify_activity_parse(s, &act) == 0
        && strcmp(s, "manufacturing") != 0 && strcmp(s, "services") != 0 && strcmp(s, "trading") != 0)
        abort();
}

static void check_numbers(const char *s)
{
    char back[32];
    int64_t id, milli;
    int32_t month;
    int days, fy;

    if (portal_parse_id(s, &id)) {
        snprintf(back, sizeof back, "%lld", (long long)id);
        same(s, back);
    }
    if (msmed_parse_agreed_days(s, &days)) {
        if (days < 0 || days > MSMED_AGREED_DAYS_MAX || strlen(s) > 4 || atoi(s) != days)
            abort();
    }
    if ((fy = emission_fy_parse(s)) >= 0) {
        emission_fy_format(fy, back);
        same(s, back);
    }
    if ((month = store_stress_month_parse(s)) >= 0) {
        store_stress_month_text(month, back);
        same(s, back);
    }
    if (emission_quantity_parse(s, &milli) && (milli < 0 || milli > (int64_t)1000000000000000))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char s[64];

    if (size >= sizeof s || memchr(data, '\0', size) != NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    check_words(s);
    check_numbers(s);
    return 0;
}
