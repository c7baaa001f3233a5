/* ident.h: validation of Indian identifiers — GSTIN, PAN, Udyam
 * registration number (URN) and IFSC — with a specific reason for every
 * invalid verdict. Rules and sources: ../docs/identifiers.md.
 *
 * Input is s[0..n) and need not be NUL-terminated. Validation is strict:
 * no trimming, no case folding; callers decide what to normalise. */
#ifndef SAMANVAY_IDENT_H
#define SAMANVAY_IDENT_H

#include <stdbool.h>
#include <stddef.h>

struct refdata;

enum id_kind { ID_GSTIN, ID_PAN, ID_UDYAM, ID_IFSC };

/* What is wrong, as a stable code (for quarantine reason codes and tests). */
enum id_fault {
    ID_OK = 0,
    ID_EMPTY,
    ID_LENGTH,
    ID_FORMAT,         /* a character of the wrong class at a position */
    ID_STATE,          /* GST state code or Udyam state letters unknown */
    ID_HOLDER,         /* PAN 4th character not a holder type */
    ID_SERIAL,         /* PAN serial 0000 */
    ID_EMBEDDED_PAN,   /* GSTIN characters 3-12 are not a valid PAN */
    ID_ENTITY,         /* GSTIN 13th character */
    ID_DEFAULT_Z,      /* GSTIN 14th character not Z */
    ID_CHECKSUM,
    ID_UNSUPPORTED,    /* a special GST registration (TDS, TCS, UN body, NRI, OIDAR, government) */
};

#define ID_REASON_MAX 160

struct id_verdict {
    enum id_fault fault;
    char reason[ID_REASON_MAX]; /* "" when valid */
};

/* Each returns true when valid; v may be NULL. */
bool gstin_validate(const char *s, size_t n, struct id_verdict *v);
bool pan_validate(const char *s, size_t n, struct id_verdict *v);
bool ifsc_validate(const char *s, size_t n, struct id_verdict *v);
/* Udyam state letters are checked against data/states.csv. */
bool udyam_validate(const struct refdata *ref, const char *s, size_t n, struct id_verdict *v);

bool id_validate(enum id_kind kind, const struct refdata *ref, const char *s, size_t n,
                 struct id_verdict *v);
/* "gstin" | "pan" | "udyam" | "ifsc" */
int id_kind_parse(const char *name, enum id_kind *out);
const char *id_kind_name(enum id_kind kind);
const char *id_fault_code(enum id_fault f); /* "checksum", "length", ... */

/* The GSTIN check character for the first 14 characters (0-9, A-Z). */
char gstin_check_char(const char *first14);
/* Whether a two-digit GST state code is one GSTINs may carry. */
bool gstin_state_code_ok(int code);

#endif
