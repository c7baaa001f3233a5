/* gen_nic.c: NIC codes and cluster products. Weights are illustrative
 * (assumption): food, garments, fabricated metal and furniture lead
 * manufacturing; kirana and other retail lead trading; transport, food
 * service, repair and personal services lead services, as in the NSS 73rd
 * round's description of unincorporated enterprises. */
#include "gen/gen_nic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/embedded.h"

#define MFG ACT_MANUFACTURING
#define SVC ACT_SERVICES
#define TRD ACT_TRADING

static const struct gen_nic nic[] = {
    /* manufacturing */
    {"10612", MFG, 3, 0, "Mills"}, {"10611", MFG, 3, 0, "Mills"},
    {"10712", MFG, 3, 0, "Bakery"}, {"10501", MFG, 2, 0, "Dairy"},
    {"10799", MFG, 3, 0, "Foods"}, {"13121", MFG, 3, 0, "Textiles"},
    {"13992", MFG, 2, 0, "Handicrafts"}, {"14101", MFG, 8, 17, "Garments"},
    {"15201", MFG, 2, 10, "Footwear"}, {"16101", MFG, 1, 0, "Works"},
    {"16221", MFG, 2, 1, "Furniture"}, {"17021", MFG, 1, 0, "Industries"},
    {"18111", MFG, 2, 0, "Printers"}, {"20231", MFG, 1, 0, "Industries"},
    {"22201", MFG, 3, 0, "Plastics"}, {"23921", MFG, 3, 0, "Udyog"},
    {"23931", MFG, 2, 8, "Pottery"}, {"23951", MFG, 1, 0, "Udyog"},
    {"24319", MFG, 1, 0, "Works"}, {"25111", MFG, 2, 0, "Fabricators"},
    {"25910", MFG, 1, 0, "Engineering"}, {"25920", MFG, 4, 0, "Engineering"},
    {"25931", MFG, 2, 4, "Works"}, {"25999", MFG, 2, 0, "Industries"},
    {"27102", MFG, 1, 0, "Engineering"}, {"28191", MFG, 1, 0, "Engineering"},
    {"29301", MFG, 1, 0, "Engineering"}, {"31001", MFG, 3, 1, "Furniture"},
    {"32111", MFG, 2, 7, "Jewellers"}, {"32401", MFG, 1, 13, "Handicrafts"},
    {"32909", MFG, 1, 12, "Handicrafts"}, {"33121", MFG, 1, 0, "Engineering"},
    /* trading: NIC-2008 section G, divisions 45-47 */
    {"45300", TRD, 3, 0, "Motors"}, {"45401", TRD, 1, 0, "Motors"},
    {"46301", TRD, 4, 0, "Traders"}, {"46411", TRD, 2, 0, "Textiles"},
    {"46497", TRD, 2, 0, "Agencies"}, {"46632", TRD, 2, 0, "Hardware"},
    {"47110", TRD, 20, 0, "Kirana Store"}, {"47211", TRD, 5, 0, "Traders"},
    {"47219", TRD, 4, 0, "Stores"}, {"47521", TRD, 4, 0, "Hardware"},
    {"47711", TRD, 5, 0, "Garments"}, {"47721", TRD, 4, 0, "Medical Store"},
    {"47733", TRD, 2, 0, "Jewellers"}, {"47411", TRD, 3, 0, "Electricals"},
    {"47300", TRD, 1, 0, "Agencies"}, {"47912", TRD, 1, 0, "Enterprises"},
    /* services: NIC-2008 sections H-U */
    {"49231", SVC, 5, 0, "Transport"}, {"49221", SVC, 3, 0, "Tours and Travels"},
    {"52101", SVC, 1, 0, "Services"}, {"55101", SVC, 2, 0, "Services"},
    {"56101", SVC, 6, 0, "Caterers"}, {"56210", SVC, 2, 0, "Caterers"},
    {"62011", SVC, 2, 0, "Solutions"}, {"63111", SVC, 1, 0, "Computers"},
    {"69201", SVC, 2, 0, "Services"}, {"71100", SVC, 1, 0, "Solutions"},
    {"73100", SVC, 1, 0, "Agencies"}, {"74201", SVC, 2, 0, "Studio"},
    {"77300", SVC, 1, 0, "Services"}, {"81210", SVC, 1, 0, "Services"},
    {"82191", SVC, 3, 0, "Computers"}, {"85491", SVC, 4, 0, "Academy"},
    {"86201", SVC, 2, 0, "Clinic"}, {"95120", SVC, 4, 0, "Mobile Care"},
    {"95210", SVC, 3, 0, "Electricals"}, {"95230", SVC, 1, 10, "Footwear"},
    {"96010", SVC, 2, 16, "Dry Cleaners"}, {"96020", SVC, 5, 14, "Hair Salon"},
    {"79110", SVC, 2, 0, "Tours and Travels"}, {"93290", SVC, 1, 0, "Services"},
};

/* Cluster products: traditional crafts (SFURTI-type) and industrial
 * clusters (MSE-CDP-type). Illustrative (assumption), modelled on the kinds
 * of clusters both schemes list. */
static const struct gen_product products[] = {
    {"CHIKAN", "Chikan Embroidery", "13992", true, "Handicrafts"},
    {"HANDLOOM", "Handloom Weaving", "13121", true, "Textiles"},
    {"POTTERY", "Terracotta and Pottery", "23931", true, "Pottery"},
    {"BAMBOO", "Bamboo Craft", "16292", true, "Handicrafts"},
    {"COIR", "Coir Products", "13941", true, "Udyog"},
    {"HONEY", "Honey Processing", "10799", true, "Foods"},
    {"KHADI", "Khadi Spinning", "13111", true, "Textiles"},
    {"BRASS", "Brassware", "25999", true, "Handicrafts"},
    {"CARPET", "Hand-knotted Carpets", "13931", true, "Handicrafts"},
    {"TOYS", "Wooden Toys", "32401", true, "Handicrafts"},
    {"JUTE", "Jute Products", "13133", true, "Udyog"},
    {"AGARBATTI", "Agarbatti", "32904", true, "Udyog"},
    {"FOUNDRY", "Foundry", "24319", false, "Works"},
    {"ENGG", "General Engineering", "25920", false, "Engineering"},
    {"AUTOCOMP", "Auto Components", "29301", false, "Engineering"},
    {"PLASTIC", "Plastic Products", "22201", false, "Plastics"},
    {"RICEMILL", "Rice Milling", "10612", false, "Mills"},
    {"GARMENT", "Readymade Garments", "14101", false, "Garments"},
    {"PRINTING", "Printing and Packaging", "18111", false, "Printers"},
    {"FURNITURE", "Wooden Furniture", "31001", false, "Furniture"},
    {"BRICK", "Brick Kilns", "23921", false, "Udyog"},
    {"CERAMIC", "Ceramics", "23939", false, "Industries"},
    {"SPORTS", "Sports Goods", "32301", false, "Industries"},
    {"HOSIERY", "Hosiery", "14301", false, "Textiles"},
    {"DALMILL", "Dal Milling", "10613", false, "Mills"},
    {"OILMILL", "Edible Oil Milling", "10402", false, "Mills"},
    {"PHARMA", "Pharmaceutical Formulations", "21002", false, "Pharma"},
};

const struct gen_nic *gen_nic_table(size_t *n)
{
    *n = sizeof nic / sizeof nic[0];
    return nic;
}

const struct gen_product *gen_products(size_t *n)
{
    *n = sizeof products / sizeof products[0];
    return products;
}

enum nic_sector gen_nic_sector(enum gen_activity a)
{
    return a == ACT_MANUFACTURING ? NIC_MANUFACTURING : a == ACT_TRADING ? NIC_TRADING
                                                                         : NIC_SERVICES;
}

static int check_code(const struct refdata *ref, const char *code, enum gen_activity a,
                      struct err *e)
{
    const struct nic_division *d = refdata_nic_division(ref, code);

    if (strlen(code) != 5 || d == NULL)
        return err_set(e, "NIC %s: division not in data/nic2008.csv", code);
    if (d->sector != gen_nic_sector(a))
        return err_set(e, "NIC %s: division %s is not %s", code, d->code, gen_activity_name(a));
    return 0;
}

int gen_nic_check(const struct refdata *ref, struct err *e)
{
    for (size_t i = 0; i < sizeof nic / sizeof nic[0]; i++)
        if (check_code(ref, nic[i].code, nic[i].activity, e) != 0)
            return -1;
    for (size_t i = 0; i < sizeof products / sizeof products[0]; i++)
        if (check_code(ref, products[i].nic, ACT_MANUFACTURING, e) != 0)
            return -1;
    return 0;
}

int gen_trades_load(char names[GEN_PMV_TRADES + 1][GEN_TRADE_NAME_MAX], struct err *e)
{
    const struct embedded_file *f = embedded_find("data/pm_vishwakarma_trades.csv");
    struct csv_reader *rd;
    struct csv_record rec;
    int col = -1, no_col = -1, rc = 0, seen = 0;
    enum csv_status st;

    if (f == NULL)
        return err_set(e, "data/pm_vishwakarma_trades.csv is not built in");
    rd = csv_reader_new_mem(f->data, f->len, NULL);
    if (rd == NULL)
        return err_set(e, "out of memory");
    while ((st = csv_next(rd, &rec, e)) == CSV_RECORD) {
        if (col < 0) {
            col = csv_header_index(&rec, "trade_name_en");
            no_col = csv_header_index(&rec, "trade_no");
            if (col < 0 || no_col < 0) {
                rc = err_set(e, "data/pm_vishwakarma_trades.csv: missing columns");
                break;
            }
            continue;
        }
        int no = atoi(rec.field[no_col]);
        if (no >= 1 && no <= GEN_PMV_TRADES && (size_t)col < rec.nfields) {
            snprintf(names[no], GEN_TRADE_NAME_MAX, "%s", rec.field[col]);
            seen++;
        }
    }
    if (rc == 0 && seen != GEN_PMV_TRADES)
        rc = err_set(e, "data/pm_vishwakarma_trades.csv: %d of %d trades", seen, GEN_PMV_TRADES);
    csv_reader_free(rd);
    return rc;
}
