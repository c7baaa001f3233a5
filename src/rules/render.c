#include "rules/render.h"

#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "rules/num.h"

static const char *const months_en[12] = {"January", "February", "March", "April", "May", "June",
                                          "July", "August", "September", "October", "November",
                                          "December"};
static const char *const months_hi[12] = {"जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून",
                                          "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"};

/* Vocabulary values shown in Hindi texts. */
static const struct {
    const char *en, *hi;
} words_hi[] = {
    {"micro", "सूक्ष्म"}, {"small", "लघु"}, {"medium", "मध्यम"}, {"large", "बड़ा"},
    {"female", "महिला"}, {"male", "पुरुष"}, {"transgender", "ट्रांसजेंडर"},
    {"general", "सामान्य"}, {"obc", "अन्य पिछड़ा वर्ग"}, {"sc", "अनुसूचित जाति"},
    {"st", "अनुसूचित जनजाति"}, {"manufacturing", "विनिर्माण"}, {"services", "सेवा"},
    {"trading", "व्यापार"}, {"rural", "ग्रामीण"}, {"urban", "शहरी"}, {"proposed", "प्रस्तावित"},
    {"existing", "मौजूदा"},
    /* constitutions */
    {"proprietorship", "स्वामित्व (प्रोपराइटरशिप)"}, {"partnership", "साझेदारी फ़र्म"},
    {"llp", "सीमित देयता भागीदारी (एलएलपी)"}, {"private_company", "प्राइवेट लिमिटेड कंपनी"},
    {"public_company", "पब्लिक लिमिटेड कंपनी"}, {"cooperative", "सहकारी समिति"},
    {"shg", "स्वयं सहायता समूह"}, {"trust", "ट्रस्ट"}, {"society", "सोसाइटी"},
    {"huf", "हिंदू अविभाजित परिवार"},
    /* purposes */
    {"new_unit", "नई इकाई"}, {"machinery", "मशीनरी"}, {"working_capital", "कार्यशील पूंजी"},
    {"export", "निर्यात"}, {"certification", "प्रमाणन"}, {"skilling", "कौशल प्रशिक्षण"},
    {"marketing", "विपणन"}, {"technology", "प्रौद्योगिकी"}, {"infrastructure", "बुनियादी ढांचा"},
    /* education, ZED levels, cluster schemes */
    {"none", "कोई औपचारिक शिक्षा नहीं"}, {"below_8", "आठवीं से कम"}, {"graduate", "स्नातक"},
    {"postgraduate", "स्नातकोत्तर"}, {"bronze", "कांस्य"}, {"silver", "रजत"}, {"gold", "स्वर्ण"},
};

/* English display forms of vocabulary values that are not words. */
static const struct {
    const char *id, *en;
} words_en[] = {
    {"private_company", "private limited company"}, {"public_company", "public limited company"},
    {"llp", "limited liability partnership"}, {"shg", "self-help group"},
    {"huf", "Hindu undivided family"}, {"new_unit", "a new unit"},
    {"working_capital", "working capital"}, {"below_8", "below class 8"},
    {"mse_cdp", "MSE-CDP"}, {"sfurti", "SFURTI"},
};

int render_date(struct buf *out, int32_t date, bool hindi)
{
    int y, m, d;

    date_to_ymd(date, &y, &m, &d);
    if (m < 1 || m > 12)
        return -1;
    /* Index each array on its own: GCC 12's object-size check misreads
     * (c ? a : b)[i] as out of bounds under -fsanitize. */
    return buf_printf(out, "%d %s %d", d, hindi ? months_hi[m - 1] : months_en[m - 1], y);
}

/* A plain number: Indian digit grouping, decimals only as needed. */
static int render_plain(struct buf *out, int64_t n)
{
    char s[MONEY_STR_MAX], frac[8];
    uint64_t m = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    uint64_t whole = m / NUM_SCALE, rest = m % NUM_SCALE;
    int len;

    money_format_inr((int64_t)(whole * 100), s);
    if (buf_puts(out, n < 0 ? "-" : "") != 0 || buf_puts(out, s + strlen("₹")) != 0)
        return -1;
    if (rest == 0)
        return 0;
    len = snprintf(frac, sizeof frac, "%04llu", (unsigned long long)rest);
    while (len > 0 && frac[len - 1] == '0')
        frac[--len] = '\0';
    return buf_printf(out, ".%s", frac);
}

static int render_number(struct buf *out, int64_t n, int unit)
{
    char s[MONEY_STR_MAX];
    int64_t paise, pct;

    if (unit == UNIT_FRACTION) {
        /* n × 100 %, with up to two decimals */
        pct = n * 100; /* in NUM_SCALE units of a percent */
        if (pct % NUM_SCALE == 0)
            return buf_printf(out, "%lld%%", (long long)(pct / NUM_SCALE));
        return buf_printf(out, "%.2f%%", (double)pct / NUM_SCALE);
    }
    if (unit == UNIT_PLAIN)
        return render_plain(out, n);
    if (num_to_paise(n, &paise) != NUM_OK)
        return buf_puts(out, "?");
    money_format_inr(paise, s);
    if (unit == UNIT_MONEY)
        return buf_puts(out, s);
    /* Plain numbers keep the Indian grouping without the rupee sign. */
    {
        const char *sign = strstr(s, "₹");
        if (sign == NULL)
            return buf_puts(out, s);
        if (buf_append(out, s, (size_t)(sign - s)) != 0)
            return -1;
        return buf_puts(out, sign + strlen("₹"));
    }
}

static int render_string(struct buf *out, const char *s, bool hindi)
{
    if (hindi) {
        for (size_t i = 0; i < sizeof words_hi / sizeof words_hi[0]; i++)
            if (strcmp(words_hi[i].en, s) == 0)
                return buf_puts(out, words_hi[i].hi);
    } else {
        for (size_t i = 0; i < sizeof words_en / sizeof words_en[0]; i++)
            if (strcmp(words_en[i].id, s) == 0)
                return buf_puts(out, words_en[i].en);
    }
    return buf_puts(out, s);
}

int render_value(struct buf *out, const struct value *v, int unit, bool hindi)
{
    switch (v->tag) {
    case V_UNKNOWN: return buf_puts(out, hindi ? "अज्ञात" : "unknown");
    case V_NONE: return buf_puts(out, hindi ? "कोई नहीं" : "none");
    case V_BOOL: return buf_puts(out, v->u.b ? (hindi ? "हाँ" : "yes") : (hindi ? "नहीं" : "no"));
    case V_NUM: return render_number(out, v->u.n, unit);
    case V_STR: return render_string(out, v->u.s, hindi);
    case V_DATE: return render_date(out, v->u.d, hindi);
    case V_SET:
        for (size_t i = 0; i < v->u.set->n; i++)
            if ((i && buf_puts(out, ", ") != 0) || render_string(out, v->u.set->items[i], hindi) != 0)
                return -1;
        return 0;
    }
    return 0;
}

int render_text(struct buf *out, const struct text *t, struct vm_state *st, bool hindi)
{
    for (size_t i = 0; i < t->n; i++) {
        const struct text_part *p = &t->parts[i];
        struct value v;
        struct err e;
        if (p->literal != NULL) {
            if (buf_puts(out, p->literal) != 0)
                return -1;
            continue;
        }
        if (vm_run(p->expr, st, &v, &e) != 0) {
            if (buf_puts(out, "?") != 0)
                return -1;
            continue;
        }
        if (render_value(out, &v, p->expr->unit, hindi) != 0)
            return -1;
    }
    return 0;
}
