#include "core/enterprise.h"

#include "core/date.h"

#include <stdio.h>
#include <string.h>

void enterprise_init(struct enterprise *e)
{
    memset(e, 0, sizeof *e);
    e->constitution = e->social_category = e->owner_gender = e->activity = e->area = -1;
    e->owner_disabled = -1;
    e->commenced_on = e->registered_on = DATE_UNKNOWN;
    e->exports = e->employees_male = e->employees_female = e->employees_other = -1;
}

/* FNV-1a, 64-bit: fast, stable across builds and platforms. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return fnv(h, s, strlen(s) + 1); /* include the NUL so "ab"+"c" != "a"+"bc" */
}

static uint64_t fnv_i64(uint64_t h, int64_t v)
{
    unsigned char b[8];

    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)((uint64_t)v >> (8 * i));
    return fnv(h, b, 8);
}

uint64_t enterprise_content_hash(const struct enterprise *e)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    const char *strs[] = {e->udyam, e->pan, e->name, e->owner_name, e->nic, e->district, e->pincode};
    const int64_t nums[] = {e->constitution, e->social_category, e->owner_gender, e->owner_disabled,
                            e->commenced_on, e->registered_on, e->activity, e->state, e->area,
                            e->investment, e->turnover, e->exports, e->employees_male,
                            e->employees_female, e->employees_other, e->n_gstins};

    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        h = fnv_str(h, strs[i]);
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        h = fnv_i64(h, nums[i]);
    for (int i = 0; i < e->n_gstins; i++)
        h = fnv_str(h, e->gstins[i]);
    return h;
}

const char *enterprise_display_name(const struct enterprise *e)
{
    if (e->name[0])
        return e->name;
    if (e->n_gstins > 0)
        return e->gstins[0];
    return e->pan[0] ? e->pan : e->udyam;
}

int64_t enterprise_employees(const struct enterprise *e)
{
    int64_t parts[3] = {e->employees_male, e->employees_female, e->employees_other};
    int64_t total = 0;
    bool any = false;

    for (int i = 0; i < 3; i++) {
        if (parts[i] >= 0) {
            total += parts[i];
            any = true;
        }
    }
    return any ? total : -1;
}

static int set_str(struct profile *p, enum profile_field f, const char *s)
{
    if (*s == '\0') {
        profile_set_absent(p, f);
        return 0;
    }
    return profile_set_string(p, f, s);
}

static void set_enum(struct profile *p, enum profile_field f, int v)
{
    if (v >= 0)
        profile_set_int(p, f, v);
}

int enterprise_to_profile(const struct enterprise *e, struct profile *p)
{
    char state[4];
    int64_t employees = enterprise_employees(e);

    snprintf(state, sizeof state, "%02d", e->state);
    if (profile_set_string(p, PF_NAME, e->name) != 0 || set_str(p, PF_UDYAM, e->udyam) != 0
        || set_str(p, PF_PAN, e->pan) != 0 || profile_set_string(p, PF_STATE, state) != 0
        || set_str(p, PF_DISTRICT, e->district) != 0 || set_str(p, PF_NIC, e->nic) != 0)
        return -1;
    profile_set_absent(p, PF_GSTINS);
    for (int i = 0; i < e->n_gstins; i++)
        if (profile_add_list_item(p, PF_GSTINS, e->gstins[i]) != 0)
            return -1;
    set_enum(p, PF_CONSTITUTION, e->constitution);
    set_enum(p, PF_ACTIVITY, e->activity);
    set_enum(p, PF_AREA, e->area);
    set_enum(p, PF_OWNER_GENDER, e->owner_gender);
    set_enum(p, PF_OWNER_CATEGORY, e->social_category);
    if (e->owner_disabled >= 0)
        profile_set_int(p, PF_OWNER_DISABLED, e->owner_disabled);
    if (e->commenced_on != DATE_UNKNOWN) {
        profile_set_int(p, PF_COMMENCED_ON, e->commenced_on);
        profile_set_int(p, PF_STATUS, profile_enum_index(PF_STATUS, "existing"));
    }
    /* A unit registered on the portal may not have these yet. */
    if (e->investment >= 0)
        profile_set_int(p, PF_INVESTMENT, e->investment);
    if (e->turnover >= 0)
        profile_set_int(p, PF_TURNOVER, e->turnover);
    if (e->exports >= 0)
        profile_set_int(p, PF_EXPORTS, e->exports);
    if (employees >= 0)
        profile_set_int(p, PF_EMPLOYEES, employees);
    return 0;
}
