/* gen_geo.h: where synthetic enterprises are: each state's share of
 * registrations and its postal (PIN) code range. Districts come from
 * data/districts.csv through refdata; this adds only what the reference
 * data does not carry. */
#ifndef SAMANVAY_GEN_GEO_H
#define SAMANVAY_GEN_GEO_H

struct gen_geo {
    const char *key;     /* states.csv state_key */
    double weight;       /* illustrative share of Udyam registrations, percent */
    int pin_lo, pin_hi;  /* first three PIN digits used in the state */
};

/* The entry for a state key, or NULL when the state has none. */
const struct gen_geo *gen_geo_find(const char *key);

#endif
