#include "core/ident.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/refdata.h"

static const char alphabet36[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alnum(char c) { return is_upper(c) || is_digit(c); }

static bool verdict(struct id_verdict *v, enum id_fault f, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool verdict(struct id_verdict *v, enum id_fault f, const char *fmt, ...)
{
    va_list ap;

    if (v != NULL) {
        v->fault = f;
        va_start(ap, fmt);
        vsnprintf(v->reason, sizeof v->reason, fmt, ap);
        va_end(ap);
    }
    return f == ID_OK;
}

static bool valid(struct id_verdict *v)
{
    return verdict(v, ID_OK, "%s", "");
}

/* Printable form of a character for messages (control bytes as hex). */
static const char *show(char c, char out[8])
{
    if ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7f)
        snprintf(out, 8, "'%c'", c);
    else
        snprintf(out, 8, "0x%02X", (unsigned char)c);
    return out;
}

static bool length_is(struct id_verdict *v, size_t n, size_t want)
{
    if (n == 0)
        return verdict(v, ID_EMPTY, "empty");
    if (n != want)
        return verdict(v, ID_LENGTH, "length: expected %zu characters, got %zu", want, n);
    return true;
}

/* --- PAN --------------------------------------------------------------- */

static const char pan_holder_types[] = "PCHFATBLJGK";

bool pan_validate(const char *s, size_t n, struct id_verdict *v)
{
    char c[8];

    if (!length_is(v, n, 10))
        return false;
    for (size_t i = 0; i < 10; i++) {
        bool letter = i < 5 || i == 9;
        if (letter ? !is_upper(s[i]) : !is_digit(s[i]))
            return verdict(v, ID_FORMAT, "format: character %zu %s must be %s", i + 1,
                           show(s[i], c), letter ? "a capital letter" : "a digit");
    }
    if (strchr(pan_holder_types, s[3]) == NULL)
        return verdict(v, ID_HOLDER, "holder type '%c' (4th character) is not one of P C H F A T B L J G K",
                       s[3]);
    if (memcmp(s + 5, "0000", 4) == 0)
        return verdict(v, ID_SERIAL, "serial 0000 (characters 6-9) is never issued");
    return valid(v);
}

/* --- GSTIN ------------------------------------------------------------- */

static int value36(char c)
{
    return is_digit(c) ? c - '0' : c - 'A' + 10;
}

char gstin_check_char(const char *first14)
{
    int sum = 0;

    /* Weights 1,2,1,2,... from the left; each product folded back to base 36. */
    for (int i = 0; i < 14; i++) {
        int p = value36(first14[i]) * (i % 2 == 0 ? 1 : 2);
        sum += p / 36 + p % 36;
    }
    return alphabet36[(36 - sum % 36) % 36];
}

bool gstin_state_code_ok(int code)
{
    return (code >= 1 && code <= 38) || code == 97 || code == 99;
}

static bool all_of(const char *s, size_t from, size_t to, bool (*pred)(char))
{
    for (size_t i = from; i < to; i++)
        if (!pred(s[i]))
            return false;
    return true;
}

/* Registrations other than a regular taxpayer's: TDS deductors (14th
 * character D), TCS collectors (C), UN bodies (UN/ON), non-residents (NR),
 * OIDAR suppliers (OS), and government department IDs. */
static bool gstin_is_special(const char *s)
{
    if (s[13] == 'D' || s[13] == 'C')
        return true;
    if ((s[12] == 'N' && s[13] == 'R') || (s[12] == 'O' && s[13] == 'S')
        || (s[12] == 'U' && s[13] == 'N') || (s[12] == 'O' && s[13] == 'N'))
        return true;
    /* Government ID: 2 digits, 4 letters, 5 digits, letter, digit, Z, digit. */
    return all_of(s, 0, 2, is_digit) && all_of(s, 2, 6, is_upper) && all_of(s, 6, 11, is_digit)
           && is_upper(s[11]) && is_digit(s[12]) && s[13] == 'Z' && is_digit(s[14]);
}

bool gstin_validate(const char *s, size_t n, struct id_verdict *v)
{
    struct id_verdict pan;
    char c[8];
    int state;
    char want;

    if (!length_is(v, n, 15))
        return false;
    for (size_t i = 0; i < 15; i++)
        if (!is_alnum(s[i]))
            return verdict(v, ID_FORMAT, "format: character %zu %s is not a digit or capital letter",
                           i + 1, show(s[i], c));
    if (gstin_is_special(s))
        return verdict(v, ID_UNSUPPORTED, "unsupported registration type");
    if (!is_digit(s[0]) || !is_digit(s[1]))
        return verdict(v, ID_FORMAT, "format: state code '%.2s' must be two digits", s);
    state = (s[0] - '0') * 10 + (s[1] - '0');
    if (!gstin_state_code_ok(state))
        return verdict(v, ID_STATE, "state code %02d is not a GST state code (01-38, 97, 99)", state);
    if (!pan_validate(s + 2, 10, &pan))
        return verdict(v, ID_EMBEDDED_PAN, "embedded PAN (characters 3-12): %s", pan.reason);
    if (s[12] == '0')
        return verdict(v, ID_ENTITY, "entity number (13th character) must be 1-9 or A-Z, not 0");
    if (s[13] != 'Z')
        return verdict(v, ID_DEFAULT_Z, "14th character must be 'Z', got '%c'", s[13]);
    want = gstin_check_char(s);
    if (s[14] != want)
        return verdict(v, ID_CHECKSUM, "checksum: check character should be '%c', got '%c'", want,
                       s[14]);
    return valid(v);
}

/* --- Udyam ------------------------------------------------------------- */

bool udyam_validate(const struct refdata *ref, const char *s, size_t n, struct id_verdict *v)
{
    char c[8], letters[3];

    if (!length_is(v, n, 19))
        return false;
    if (memcmp(s, "UDYAM-", 6) != 0)
        return verdict(v, ID_FORMAT, "format: must start with 'UDYAM-' (UDYAM-SS-DD-NNNNNNN)");
    if (s[8] != '-' || s[11] != '-')
        return verdict(v, ID_FORMAT, "format: hyphens belong at characters 6, 9 and 12 (UDYAM-SS-DD-NNNNNNN)");
    for (size_t i = 6; i < 8; i++)
        if (!is_upper(s[i]))
            return verdict(v, ID_FORMAT, "format: state code character %zu %s must be a capital letter",
                           i + 1, show(s[i], c));
    for (size_t i = 9; i < 19; i++)
        if (i != 11 && !is_digit(s[i]))
            return verdict(v, ID_FORMAT, "format: character %zu %s must be a digit", i + 1,
                           show(s[i], c));
    letters[0] = s[6];
    letters[1] = s[7];
    letters[2] = '\0';
    if (ref != NULL && refdata_state_by_udyam(ref, letters) == NULL)
        return verdict(v, ID_STATE, "state code '%s' is not a Udyam state code", letters);
    return valid(v);
}

/* --- IFSC -------------------------------------------------------------- */

bool ifsc_validate(const char *s, size_t n, struct id_verdict *v)
{
    char c[8];

    if (!length_is(v, n, 11))
        return false;
    for (size_t i = 0; i < 4; i++)
        if (!is_upper(s[i]))
            return verdict(v, ID_FORMAT, "format: bank code character %zu %s must be a capital letter",
                           i + 1, show(s[i], c));
    if (s[4] != '0')
        return verdict(v, ID_FORMAT, "format: 5th character must be '0' (reserved), got %s",
                       show(s[4], c));
    for (size_t i = 5; i < 11; i++)
        if (!is_alnum(s[i]))
            return verdict(v, ID_FORMAT, "format: branch code character %zu %s must be a digit or capital letter",
                           i + 1, show(s[i], c));
    return valid(v);
}

/* --- dispatch ---------------------------------------------------------- */

static const char *const kind_names[] = {"gstin", "pan", "udyam", "ifsc"};

int id_kind_parse(const char *name, enum id_kind *out)
{
    for (int k = 0; k < 4; k++) {
        if (strcmp(name, kind_names[k]) == 0) {
            *out = (enum id_kind)k;
            return 0;
        }
    }
    return -1;
}

const char *id_kind_name(enum id_kind kind)
{
    return kind_names[kind];
}

bool id_validate(enum id_kind kind, const struct refdata *ref, const char *s, size_t n,
                 struct id_verdict *v)
{
    switch (kind) {
    case ID_GSTIN: return gstin_validate(s, n, v);
    case ID_PAN: return pan_validate(s, n, v);
    case ID_UDYAM: return udyam_validate(ref, s, n, v);
    case ID_IFSC: return ifsc_validate(s, n, v);
    }
    return false;
}

const char *id_fault_code(enum id_fault f)
{
    static const char *const codes[] = {
        "ok", "empty", "length", "format", "state", "holder_type", "serial",
        "embedded_pan", "entity", "default_z", "checksum", "unsupported_type",
    };
    return (size_t)f < sizeof codes / sizeof codes[0] ? codes[f] : "?";
}
