/* gen_nic.h: what synthetic enterprises make or do: common MSME NIC-2008
 * sub-classes per activity, cluster products, and the PM Vishwakarma
 * trades they map to.
 *
 * Only the first two digits (the division) are checked against
 * data/nic2008.csv; the sub-class digits follow NIC-2008 where known but
 * were not verified against the MoSPI PDF (docs/generator.md). */
#ifndef SAMANVAY_GEN_NIC_H
#define SAMANVAY_GEN_NIC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/refdata.h"
#include "gen/gen_vocab.h"

struct gen_nic {
    const char *code;            /* 5 digits */
    enum gen_activity activity;
    double weight;               /* relative frequency within the activity */
    int pmv_trade;               /* PM Vishwakarma trade number (1-18), 0 if none */
    const char *word;            /* business word that suits it ("Medical Store"), or NULL */
};

struct gen_product {
    const char *key;             /* cluster id suffix, "CHIKAN" */
    const char *name;            /* "Chikan Embroidery" */
    const char *nic;
    bool traditional;            /* SFURTI-type craft */
    const char *word;            /* business word for members' names */
};

#define GEN_PMV_TRADES 18
#define GEN_TRADE_NAME_MAX 64

const struct gen_nic *gen_nic_table(size_t *n);
const struct gen_product *gen_products(size_t *n);

/* Every code's division exists in refdata and has the activity's sector;
 * the generator refuses to run otherwise. */
int gen_nic_check(const struct refdata *ref, struct err *e);

/* The NIC sector an activity's codes must have. */
enum nic_sector gen_nic_sector(enum gen_activity a);

/* English trade names 1..18 from data/pm_vishwakarma_trades.csv
 * (names[0] unused). */
int gen_trades_load(char names[GEN_PMV_TRADES + 1][GEN_TRADE_NAME_MAX], struct err *e);

#endif
