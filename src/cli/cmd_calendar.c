/* samanvay calendar --profile FILE.json --from DATE --to DATE [--json|--ics] [--today DATE]
 *         [--reminder-days N] [--link URL]
 *
 * The compliance calendar of one profile (DESIGN.md §5, docs/calendar.md):
 * every obligation period whose due date lies in [from, to], in due-date
 * order. --json prints {"items": [{obligation, period, due, status,
 * late_fee, interest, …}]}. A profile carries no filings, so a past due
 * date is "not_known" here; the portal's calendar reads the filings on
 * file. late_fee and interest are null until a filing says what is late.
 * --ics prints the same items as iCalendar (calendar_ics.h): all-day events
 * with a reminder --reminder-days before (default 7) and, with --link, a
 * URL back to the portal. The UIDs are stable for the profile's Udyam
 * number (else PAN, else name), so importing a later window updates the
 * events already imported. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar/calendar.h"
#include "calendar/calendar_ics.h"
#include "calendar/calendar_json.h"
#include "cli/cli.h"
#include "core/date.h"
#include "core/profile.h"

struct calendar_opts {
    const char *profile, *link;
    int32_t from, to, today;
    int reminder_days;
    bool has_from, has_to, json, ics;
};

static int parse(int argc, char **argv, struct calendar_opts *o)
{
    static const struct option longopts[] = {
        {"profile", required_argument, NULL, 'p'}, {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},      {"today", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},          {"ics", no_argument, NULL, 'i'},
        {"reminder-days", required_argument, NULL, 'r'}, {"link", required_argument, NULL, 'l'},
        {NULL, 0, NULL, 0}};
    char *end;
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': o->profile = optarg; break;
        case 'f': o->has_from = true; if (cli_date_opt("calendar", "from", optarg, &o->from)) return EXIT_USAGE; break;
        case 't': o->has_to = true; if (cli_date_opt("calendar", "to", optarg, &o->to)) return EXIT_USAGE; break;
        case 'd': if (cli_date_opt("calendar", "today", optarg, &o->today)) return EXIT_USAGE; break;
        case 'j': o->json = true; break;
        case 'i': o->ics = true; break;
        case 'l': o->link = optarg; break;
        case 'r':
            o->reminder_days = (int)strtol(optarg, &end, 10);
            if (end == optarg || *end != '\0' || o->reminder_days < 1
                || o->reminder_days > CALENDAR_ICS_REMINDER_MAX)
                return cli_usage_error("calendar: --reminder-days: a number of days, 1 to %d",
                                       CALENDAR_ICS_REMINDER_MAX);
            break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("calendar: unexpected argument '%s'", argv[optind]);
    if (o->profile == NULL || !o->has_from || !o->has_to)
        return cli_usage_error("usage: samanvay calendar --profile FILE.json --from DATE --to DATE "
                               "[--json|--ics] [--today DATE] [--reminder-days N] [--link URL]");
    if (o->json && o->ics)
        return cli_usage_error("calendar: --json and --ics are exclusive");
    if (o->link != NULL
        && ((strncmp(o->link, "https://", 8) != 0 && strncmp(o->link, "http://", 7) != 0)
            || strpbrk(o->link, " \"<>\r\n\t") != NULL))
        return cli_usage_error("calendar: --link: an http:// or https:// URL, without spaces or quotes");
    if (o->from > o->to)
        return cli_usage_error("calendar: --from is after --to");
    if (date_add_months(o->from, 60) < o->to)
        return cli_usage_error("calendar: the window is longer than five years");
    return 0;
}

static int print_json(const struct calendar *cal)
{
    json_t *root = calendar_json(cal);

    if (root == NULL)
        return cli_usage_error("calendar: out of memory");
    json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    putchar('\n');
    json_decref(root);
    return 0;
}

/* What the UIDs are stable for: the unit's Udyam number, else its PAN,
 * else its name. */
static const char *uid_scope(const struct profile *p)
{
    static const enum profile_field keys[] = {PF_UDYAM, PF_PAN, PF_NAME};

    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (p->f[keys[i]].state == FACT_KNOWN && p->f[keys[i]].s && p->f[keys[i]].s[0])
            return p->f[keys[i]].s;
    return "profile";
}

static int print_ics(const struct calendar *cal, const struct calendar_opts *o,
                     const struct profile *p)
{
    struct calendar_ics_opts io = {.calendar_name = "Samanvay compliance calendar",
                                   .scope = uid_scope(p), .link = o->link,
                                   .reminder_days = o->reminder_days, .now = (int64_t)time(NULL)};
    struct buf out = BUF_INIT;
    struct err e;
    int rc = 0;

    if (calendar_ics_render(cal, &io, &out, &e) != 0)
        rc = cli_usage_error("calendar: %s", e.msg);
    else if (fwrite(out.data, 1, out.len, stdout) != out.len)
        rc = cli_usage_error("calendar: cannot write the calendar");
    buf_release(&out);
    return rc;
}

static void print_text(const struct calendar *cal)
{
    for (size_t i = 0; i < cal->n; i++) {
        const struct calendar_item *it = &cal->items[i];
        char due[DATE_STR_LEN];
        date_format(it->due, due);
        printf("%s  %-16s %-12s %-14s %s%s%s\n", due, it->obligation->id, it->period,
               calendar_status_name(it->status), it->obligation->name,
               it->conditional ? " (if it applies)" : "", it->rule->optional ? " (optional)" : "");
    }
}

int cmd_calendar(struct cli_ctx *ctx, int argc, char **argv)
{
    struct calendar_opts o = {0};
    struct obligation_set *set = NULL;
    struct calendar cal = {0};
    struct profile p;
    struct err e;
    int rc;

    o.today = ctx->today;
    profile_init(&p);
    if ((rc = parse(argc, argv, &o)) != 0 || (rc = cli_profile_load("calendar", o.profile, &p)) != 0) {
        profile_clear(&p);
        return rc;
    }
    if (obligation_set_load(&set, &e) != 0) {
        rc = cli_usage_error("calendar: %s", e.msg);
    } else {
        struct calendar_request rq = {
            .obligations = set, .ref = ctx->ref, .profile = &p,
            .as_of = p.f[PF_AS_OF].state == FACT_KNOWN ? (int32_t)p.f[PF_AS_OF].i : o.today,
            .from = o.from, .to = o.to, .today = o.today, .aato = -1};
        if (calendar_build(&rq, &cal, &e) != 0)
            rc = cli_usage_error("calendar: %s", e.msg);
        else if (o.json)
            rc = print_json(&cal);
        else if (o.ics)
            rc = print_ics(&cal, &o, &p);
        else
            print_text(&cal);
    }
    calendar_release(&cal);
    obligation_set_free(set);
    profile_clear(&p);
    return rc;
}
