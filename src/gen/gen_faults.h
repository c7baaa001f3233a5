/* gen_faults.h: the malformed values injected errors use. Each one fails
 * exactly one validation of docs/data-feeds.md and nothing earlier: an
 * impossible date is still YYYY-MM-DD shaped, a GSTIN with a wrong check
 * character is otherwise valid, a stray quote sits inside an unquoted
 * field (never at its start, where it would open a quoted field that
 * swallows the next lines). */
#ifndef SAMANVAY_GEN_FAULTS_H
#define SAMANVAY_GEN_FAULTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/rng.h"

/* "2023-02-30": a real year with a month-day that does not exist. */
void gen_fault_date(struct rng *r, int year, char out[11]);
/* A month that does not exist: "2024-13". */
void gen_fault_month(struct rng *r, int year, char out[8]);
/* An amount no parser accepts: misplaced digit grouping, two decimal
 * points, or words ("approx 5 lakh"). */
void gen_fault_amount(struct rng *r, int64_t paise, char *out, size_t cap);
/* A count that is not a non-negative whole number: "x12", "12.5", "-3". */
void gen_fault_number(struct rng *r, uint64_t v, char *out, size_t cap);
/* Replace a valid GSTIN's check character with a wrong one. */
void gen_fault_gstin_check(struct rng *r, char gstin[16]);
/* A PAN holder-type letter outside P C H F A T B L J G K (and not the
 * disputed E). */
char gen_fault_pan_holder(struct rng *r);
/* The IFSC's reserved fifth character '0' typed as the letter 'O'. */
void gen_fault_ifsc(char ifsc[12]);
/* A Udyam number with one serial digit lost (18 characters). */
void gen_fault_udyam(const char *udyam, char out[20]);
/* A district that exists in no state. */
const char *gen_fault_district(struct rng *r);
/* name with a '"' before its second word; out has room for strlen+2. */
void gen_fault_quote(const char *name, char *out, size_t cap);

#endif
