/* gen_geo.c: state shares and PIN ranges.
 *
 * Shares are illustrative (assumption): they follow the order of the
 * state-wise Udyam counts the Ministry publishes (Maharashtra first, then
 * Tamil Nadu, Uttar Pradesh, Gujarat, Rajasthan, Karnataka ...) with small
 * north-eastern states and island UTs small but present, so every state
 * appears in a large run. PIN ranges are the postal circles' first three
 * digits (India Post: 11 Delhi, 12-13 Haryana, 14-16 Punjab, 20-28 Uttar
 * Pradesh and Uttarakhand, 30-34 Rajasthan, 36-39 Gujarat, 40-44
 * Maharashtra, 45-49 Madhya Pradesh and Chhattisgarh, 50-53 Telangana and
 * Andhra Pradesh, 56-59 Karnataka, 60-64 Tamil Nadu, 67-69 Kerala, 70-74
 * West Bengal, 75-77 Odisha, 78 Assam, 79 the north-east, 80-85 Bihar and
 * Jharkhand). */
#include "gen/gen_geo.h"

#include <stddef.h>
#include <string.h>

static const struct gen_geo geo[] = {
    {"MH", 16.0, 400, 445}, {"TN", 9.5, 600, 643}, {"UP", 9.0, 201, 285},
    {"GJ", 7.0, 360, 396}, {"RJ", 6.0, 301, 345}, {"KA", 5.5, 560, 591},
    {"BR", 5.0, 800, 855}, {"MP", 4.5, 450, 488}, {"WB", 4.0, 700, 743},
    {"TS", 3.5, 500, 509}, {"AP", 3.0, 515, 535}, {"KL", 3.0, 670, 695},
    {"HR", 3.0, 121, 136}, {"PB", 2.5, 140, 159}, {"DL", 2.5, 110, 110},
    {"OD", 2.5, 751, 770}, {"JH", 1.5, 814, 835}, {"AS", 1.5, 781, 788},
    {"CG", 1.3, 490, 497}, {"JK", 1.0, 180, 193}, {"UK", 0.8, 244, 263},
    {"HP", 0.6, 171, 177}, {"GA", 0.3, 403, 403}, {"MN", 0.3, 795, 795},
    {"CH", 0.2, 160, 160}, {"PY", 0.2, 605, 605}, {"TR", 0.2, 799, 799},
    {"ML", 0.1, 793, 794}, {"NL", 0.1, 797, 798}, {"DH", 0.06, 396, 396},
    {"MZ", 0.05, 796, 796}, {"AR", 0.05, 790, 792}, {"SK", 0.04, 737, 737},
    {"AN", 0.04, 744, 744}, {"LA", 0.02, 194, 194}, {"LD", 0.005, 682, 682},
};

const struct gen_geo *gen_geo_find(const char *key)
{
    for (size_t i = 0; i < sizeof geo / sizeof geo[0]; i++)
        if (strcmp(geo[i].key, key) == 0)
            return &geo[i];
    return NULL;
}
