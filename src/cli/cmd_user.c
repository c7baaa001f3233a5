/* samanvay user add (--db F | --pg C) --username U --role R [--state CODE]
 *                   [--district NAME] [--enterprise ID] --password-stdin
 *
 * Creates one account. The password comes from the first line of
 * standard input (never from the command line, where `ps` and the shell
 * history would show it). Roles: entrepreneur (needs --enterprise),
 * officer (needs --state, optionally --district), policymaker and admin
 * (an optional --state/--district narrows them). Exit 0 created, 2 on a
 * usage or input error, including a username already taken.
 *
 * samanvay user unlock (--db F | --pg C) (--username U | --ip ADDRESS)
 *
 * Lifts a sign-in lockout (src/web/login_limit.h) and forgets the failed
 * attempts behind it, at once on every web server sharing the database.
 * An IPv6 address is given as the server logs it, by its /64
 * ("2001:db8::/64"). Unlocking an existing account is audited. Exit 0
 * when something was unlocked or forgotten, 1 when there was nothing to
 * lift, 2 on a usage or store error. */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/ident.h"
#include "store/store_auth.h"
#include "store/store_login_limit.h"
#include "web/password.h"

struct user_opts {
    const char *db, *pg, *username, *role, *state, *district, *enterprise;
    bool password_stdin;
};

static int parse_opts(int argc, char **argv, struct user_opts *o)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},         {"pg", required_argument, NULL, 'p'},
        {"username", required_argument, NULL, 'u'},   {"role", required_argument, NULL, 'r'},
        {"state", required_argument, NULL, 's'},      {"district", required_argument, NULL, 'D'},
        {"enterprise", required_argument, NULL, 'e'}, {"password-stdin", no_argument, NULL, 'P'},
        {NULL, 0, NULL, 0}};
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'p': o->pg = optarg; break;
        case 'u': o->username = optarg; break;
        case 'r': o->role = optarg; break;
        case 's': o->state = optarg; break;
        case 'D': o->district = optarg; break;
        case 'e': o->enterprise = optarg; break;
        case 'P': o->password_stdin = true; break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("user add: unexpected argument '%s'", argv[optind]);
    if (o->username == NULL || o->role == NULL || !o->password_stdin)
        return cli_usage_error("usage: samanvay user add (--db F | --pg C) --username U --role R "
                               "[--state CODE] [--district NAME] [--enterprise ID] "
                               "--password-stdin");
    return 0;
}

/* Lower-case letters, digits, '.', '_' and '-': easy to type on a phone
 * and impossible to confuse with another account by case or spaces. */
static int check_username(const char *u)
{
    size_t n = strlen(u);

    if (n < 3 || n >= AUTH_USERNAME_MAX || strspn(u, "abcdefghijklmnopqrstuvwxyz0123456789._-") != n)
        return cli_usage_error("user add: --username must be 3 to %d characters of a-z, 0-9, "
                               "'.', '_' or '-'", AUTH_USERNAME_MAX - 1);
    return 0;
}

/* --state takes a GST state code (27) or the state's letters (MH). */
static int scope_opts(const struct cli_ctx *ctx, const struct user_opts *o, struct auth_user *u)
{
    const struct state_info *st = NULL;
    const struct district_info *d;
    char *end;
    long code;

    if (o->district != NULL && o->state == NULL)
        return cli_usage_error("user add: --district needs --state");
    if (o->state == NULL)
        return 0;
    code = strtol(o->state, &end, 10);
    st = *end == '\0' && *o->state ? refdata_state_by_gst(ctx->ref, (int)code)
                                   : refdata_state_by_key(ctx->ref, o->state);
    if (st == NULL)
        return cli_usage_error("user add: --state '%s' is not a GST state code or state letters",
                               o->state);
    snprintf(u->state, sizeof u->state, "%02d", st->gst_code);
    if (o->district == NULL)
        return 0;
    d = refdata_district(ctx->ref, st->gst_code, o->district);
    if (d == NULL)
        return cli_usage_error("user add: --district '%s' is not a district of %s", o->district,
                               st->name);
    snprintf(u->district, sizeof u->district, "%s", d->name);
    return 0;
}

static int role_rules(const struct user_opts *o, struct auth_user *u)
{
    if (auth_role_parse(o->role, &u->role) != 0)
        return cli_usage_error("user add: --role must be entrepreneur, officer, policymaker or "
                               "admin");
    if (u->role == AUTH_ROLE_ENTREPRENEUR && o->enterprise == NULL)
        return cli_usage_error("user add: an entrepreneur needs --enterprise ID");
    if (u->role != AUTH_ROLE_ENTREPRENEUR && o->enterprise != NULL)
        return cli_usage_error("user add: only an entrepreneur is linked to an enterprise");
    if (u->role == AUTH_ROLE_OFFICER && o->state == NULL)
        return cli_usage_error("user add: an officer needs --state (and may have --district)");
    if (u->role == AUTH_ROLE_ENTREPRENEUR && o->state != NULL)
        return cli_usage_error("user add: an entrepreneur has no --state; their scope is "
                               "their enterprise");
    return 0;
}

/* --enterprise takes the store id or the Udyam number. */
static int link_enterprise(const struct cli_ctx *ctx, struct store *s, const char *arg,
                           struct auth_user *u)
{
    size_t n = strlen(arg);
    struct enterprise ent;
    struct err e;
    int64_t id = 0;
    bool found = false;

    if (n > 0 && n <= 18 && strspn(arg, "0123456789") == n) {
        id = strtoll(arg, NULL, 10);
        if (store_enterprise_get(s, id, &ent, &found, &e) != 0)
            return cli_usage_error("user add: %s", e.msg);
    } else if (udyam_validate(ctx->ref, arg, n, NULL)) {
        if (store_enterprise_find_udyam(s, arg, &id, &found, &e) != 0)
            return cli_usage_error("user add: %s", e.msg);
    } else {
        return cli_usage_error("user add: --enterprise must be a store id or a Udyam number");
    }
    if (!found)
        return cli_usage_error("user add: no enterprise %s in this database", arg);
    u->enterprise_id = id;
    return 0;
}

/* The first line of standard input, without its line ending. */
static int read_password(char *pw, size_t cap)
{
    size_t n;

    if (fgets(pw, (int)cap, stdin) == NULL)
        return cli_usage_error("user add: no password on standard input");
    n = strcspn(pw, "\r\n");
    if (pw[n] == '\0' && n == cap - 1)
        return cli_usage_error("user add: password too long: at most %d characters", PASSWORD_MAX);
    pw[n] = '\0';
    return 0;
}

static int add_user(struct store *s, const struct auth_user *u, const char *pw)
{
    char hash[AUTH_HASH_MAX];
    struct err e;
    int64_t id = 0;
    bool created;

    if (password_check_policy(pw, &e) != 0 || password_hash(pw, hash, &e) != 0)
        return cli_usage_error("user add: %s", e.msg);
    if (store_user_add(s, u, hash, &id, &created, &e) != 0)
        return cli_usage_error("user add: %s (has the database been set up with samanvay init?)",
                               e.msg);
    if (!created)
        return cli_usage_error("user add: the username '%s' is taken", u->username);
    fprintf(stderr, "samanvay: user add: %s '%s' created (id %lld)\n", auth_role_name(u->role),
            u->username, (long long)id);
    return 0;
}

static int user_add(struct cli_ctx *ctx, int argc, char **argv)
{
    char pw[PASSWORD_MAX + 2];
    struct user_opts o;
    struct auth_user u;
    struct store *s = NULL;
    int rc;

    memset(&o, 0, sizeof o);
    memset(&u, 0, sizeof u);
    if ((rc = parse_opts(argc, argv, &o)) != 0 || (rc = check_username(o.username)) != 0
        || (rc = role_rules(&o, &u)) != 0 || (rc = scope_opts(ctx, &o, &u)) != 0)
        return rc;
    snprintf(u.username, sizeof u.username, "%s", o.username);
    if (sodium_init() < 0) {
        cli_error("user add: libsodium cannot start");
        return EXIT_USAGE;
    }
    if ((rc = read_password(pw, sizeof pw)) != 0)
        return rc;
    if ((rc = cli_store_open(o.db, o.pg, &s)) == 0
        && (o.enterprise == NULL || (rc = link_enterprise(ctx, s, o.enterprise, &u)) == 0))
        rc = add_user(s, &u, pw);
    sodium_memzero(pw, sizeof pw);
    store_close(s);
    return rc;
}

#define UNLOCK_USAGE "usage: samanvay user unlock (--db F | --pg C) (--username U | --ip ADDRESS)"

/* The unlock of an account that exists goes to the audit log, under the
 * account (the command line has no signed-in actor). */
static int audit_unlock(struct store *s, const char *username, struct err *e)
{
    struct auth_user u;
    bool found = false;

    if (store_user_find(s, username, &u, NULL, &found, e) != 0)
        return -1;
    if (!found)
        return 0;
    struct audit_entry a = {.user_id = u.id, .username = u.username,
                            .role = auth_role_name(u.role), .action = "login.unlock",
                            .route = "samanvay user unlock",
                            .reason = "sign-in lockout lifted by an administrator"};
    return store_audit_append(s, &a, e);
}

static int user_unlock(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'}, {"pg", required_argument, NULL, 'p'},
        {"username", required_argument, NULL, 'u'}, {"ip", required_argument, NULL, 'i'},
        {NULL, 0, NULL, 0}};
    const char *db = NULL, *pg = NULL, *username = NULL, *ip = NULL;
    struct store *s = NULL;
    struct err e;
    bool cleared = false;
    int c, rc;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'p': pg = optarg; break;
        case 'u': username = optarg; break;
        case 'i': ip = optarg; break;
        default: return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error("user unlock: unexpected argument '%s'", argv[optind]);
    if ((username == NULL) == (ip == NULL) || (username && !*username) || (ip && !*ip))
        return cli_usage_error(UNLOCK_USAGE);
    if ((rc = cli_store_open(db, pg, &s)) != 0)
        return rc;
    if (store_login_clear(s, username ? LOGIN_KEY_USER : LOGIN_KEY_IP, username ? username : ip,
                          &cleared, &e) != 0
        || (username && cleared && audit_unlock(s, username, &e) != 0)) {
        store_close(s);
        return cli_usage_error("user unlock: %s (has the database been set up with samanvay "
                               "init?)", e.msg);
    }
    store_close(s);
    fprintf(stderr, "samanvay: user unlock: %s '%s' %s\n", username ? "username" : "address",
            username ? username : ip,
            cleared ? "unlocked (failed attempts forgotten)" : "was not locked and had no failed attempts");
    return cleared ? 0 : EXIT_NEGATIVE;
}

int cmd_user(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "add") == 0)
        return user_add(ctx, argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "unlock") == 0)
        return user_unlock(argc - 1, argv + 1);
    return cli_usage_error("usage: samanvay user add (--db F | --pg C) --username U --role R "
                           "[--state CODE] [--district NAME] [--enterprise ID] --password-stdin\n"
                           "       " UNLOCK_USAGE);
}
