/* gen_names.c: word lists and name patterns. The Devanagari forms are the
 * spellings commonly seen in Hindi business signage and lists; they are
 * plain transliterations, not translations (Traders = ट्रेडर्स). */
#include "gen/gen_names.h"

#include <stdbool.h>
#include <string.h>

#define N REGION_NORTH
#define W REGION_WEST
#define S REGION_SOUTH
#define E REGION_EAST
#define ALL REGION_ALL

struct word {
    const char *latin;
    const char *deva;
    int mask;           /* regions (names) or activities (business words) */
};

static const struct word given_male[] = {
    {"Ram", "राम", N | W | E}, {"Shyam", "श्याम", N | W | E}, {"Ramesh", "रमेश", ALL},
    {"Suresh", "सुरेश", ALL}, {"Mahesh", "महेश", ALL}, {"Rajesh", "राजेश", ALL},
    {"Mukesh", "मुकेश", N | W}, {"Dinesh", "दिनेश", ALL}, {"Ganesh", "गणेश", W | S},
    {"Rakesh", "राकेश", N | W | E}, {"Anil", "अनिल", ALL}, {"Sunil", "सुनील", ALL},
    {"Vijay", "विजय", ALL}, {"Ajay", "अजय", N | W | E}, {"Sanjay", "संजय", ALL},
    {"Manoj", "मनोज", ALL}, {"Ashok", "अशोक", ALL}, {"Vinod", "विनोद", N | W | S},
    {"Pramod", "प्रमोद", N | W | E}, {"Santosh", "संतोष", ALL}, {"Prakash", "प्रकाश", ALL},
    {"Deepak", "दीपक", N | W | E}, {"Amit", "अमित", N | W | E}, {"Rohit", "रोहित", N | W},
    {"Rahul", "राहुल", ALL}, {"Vikas", "विकास", N | W}, {"Anand", "आनंद", ALL},
    {"Arun", "अरुण", ALL}, {"Gopal", "गोपाल", ALL}, {"Mohan", "मोहन", ALL},
    {"Raju", "राजू", ALL}, {"Ravi", "रवि", ALL}, {"Sachin", "सचिन", N | W},
    {"Nitin", "नितिन", N | W}, {"Pankaj", "पंकज", N | E}, {"Alok", "आलोक", N | E},
    {"Vivek", "विवेक", ALL}, {"Harish", "हरीश", N | S}, {"Naresh", "नरेश", N | W},
    {"Kamal", "कमल", N | E}, {"Jagdish", "जगदीश", N | W}, {"Satish", "सतीश", ALL},
    {"Yogesh", "योगेश", N | W}, {"Murugan", "मुरुगन", S}, {"Senthil", "सेंथिल", S},
    {"Venkatesh", "वेंकटेश", S}, {"Srinivas", "श्रीनिवास", S}, {"Karthik", "कार्तिक", S},
    {"Subramanian", "सुब्रमण्यम", S}, {"Biswajit", "बिस्वजीत", E}, {"Debashis", "देबाशीष", E},
    {"Subhash", "सुभाष", N | E}, {"Mohammed", "मोहम्मद", ALL}, {"Imran", "इमरान", ALL},
    {"Salim", "सलीम", ALL}, {"Irfan", "इरफ़ान", ALL}, {"Gurpreet", "गुरप्रीत", N},
    {"Bhupinder", "भूपिंदर", N}, {"Joseph", "जोसेफ", S}, {"Thomas", "थॉमस", S},
    {"Rajendra", "राजेंद्र", ALL}, {"Dilip", "दिलीप", W | E},
};

static const struct word given_female[] = {
    {"Sita", "सीता", N | E}, {"Gita", "गीता", N | W | E}, {"Sunita", "सुनीता", ALL},
    {"Anita", "अनीता", ALL}, {"Kavita", "कविता", ALL}, {"Savita", "सविता", N | W},
    {"Rekha", "रेखा", ALL}, {"Meena", "मीना", ALL}, {"Neha", "नेहा", N | W},
    {"Pooja", "पूजा", ALL}, {"Priya", "प्रिया", ALL}, {"Anjali", "अंजलि", ALL},
    {"Sarita", "सरिता", N | E}, {"Lakshmi", "लक्ष्मी", S}, {"Radha", "राधा", ALL},
    {"Asha", "आशा", ALL}, {"Usha", "उषा", ALL}, {"Nisha", "निशा", N | W},
    {"Manju", "मंजू", N | S}, {"Kamla", "कमला", N | W}, {"Shanti", "शांति", ALL},
    {"Suman", "सुमन", N | E}, {"Rani", "रानी", N | E}, {"Pushpa", "पुष्पा", ALL},
    {"Saroj", "सरोज", N | E}, {"Deepa", "दीपा", ALL}, {"Shobha", "शोभा", W | S},
    {"Jyoti", "ज्योति", ALL}, {"Preeti", "प्रीति", N | W}, {"Seema", "सीमा", N | W},
    {"Reena", "रीना", N | E}, {"Fatima", "फ़ातिमा", ALL}, {"Ayesha", "आयशा", ALL},
    {"Shabana", "शबाना", ALL}, {"Simran", "सिमरन", N}, {"Harpreet", "हरप्रीत", N},
    {"Mary", "मैरी", S}, {"Lata", "लता", ALL}, {"Mamta", "ममता", N | E},
    {"Divya", "दिव्या", ALL}, {"Swati", "स्वाति", N | W}, {"Poonam", "पूनम", N},
    {"Sangeeta", "संगीता", ALL}, {"Vandana", "वंदना", N | W}, {"Padma", "पद्मा", S},
    {"Meenakshi", "मीनाक्षी", S}, {"Selvi", "सेल्वी", S}, {"Rupa", "रूपा", E},
    {"Mousumi", "मौसमी", E},
};

/* Surnames; GENDER_ONLY marks the few that follow one gender (Kumar, Devi, Kaur). */
#define MALE_ONLY 16
#define FEMALE_ONLY 32

static const struct word surnames[] = {
    {"Sharma", "शर्मा", N | W}, {"Verma", "वर्मा", N}, {"Gupta", "गुप्ता", N | E},
    {"Singh", "सिंह", N | E}, {"Kumar", "कुमार", N | E | MALE_ONLY},
    {"Devi", "देवी", N | E | FEMALE_ONLY}, {"Kaur", "कौर", N | FEMALE_ONLY},
    {"Yadav", "यादव", N}, {"Patel", "पटेल", W}, {"Shah", "शाह", W}, {"Jain", "जैन", N | W},
    {"Agarwal", "अग्रवाल", N | E}, {"Mishra", "मिश्रा", N}, {"Pandey", "पांडेय", N},
    {"Tiwari", "तिवारी", N}, {"Chauhan", "चौहान", N | W}, {"Reddy", "रेड्डी", S},
    {"Rao", "राव", S}, {"Naidu", "नायडू", S}, {"Nair", "नायर", S}, {"Menon", "मेनन", S},
    {"Pillai", "पिल्लै", S}, {"Iyer", "अय्यर", S}, {"Das", "दास", E}, {"Ghosh", "घोष", E},
    {"Bose", "बोस", E}, {"Mukherjee", "मुखर्जी", E}, {"Banerjee", "बनर्जी", E},
    {"Patil", "पाटिल", W}, {"Jadhav", "जाधव", W}, {"Pawar", "पवार", W},
    {"Deshmukh", "देशमुख", W}, {"Kulkarni", "कुलकर्णी", W}, {"Joshi", "जोशी", N | W},
    {"Desai", "देसाई", W}, {"Mehta", "मेहता", N | W}, {"Thakur", "ठाकुर", N | E},
    {"Rathore", "राठौर", N}, {"Meena", "मीणा", N}, {"Chaudhary", "चौधरी", N},
    {"Saini", "सैनी", N}, {"Prajapati", "प्रजापति", N | W}, {"Vishwakarma", "विश्वकर्मा", N},
    {"Kushwaha", "कुशवाहा", N}, {"Maurya", "मौर्य", N}, {"Paswan", "पासवान", N | E},
    {"Mandal", "मंडल", E}, {"Sahu", "साहू", N | E}, {"Naik", "नाइक", W | S},
    {"Gowda", "गौड़ा", S}, {"Shetty", "शेट्टी", S}, {"Khan", "ख़ान", ALL},
    {"Ansari", "अंसारी", N | E}, {"Qureshi", "क़ुरैशी", N}, {"Sheikh", "शेख़", ALL},
    {"Gill", "गिल", N}, {"Sandhu", "संधू", N}, {"Dhillon", "ढिल्लों", N},
    {"Fernandes", "फ़र्नांडिस", W | S}, {"Mathew", "मैथ्यू", S}, {"Bhat", "भट", N | S},
    {"Munda", "मुंडा", E}, {"Oraon", "उरांव", E}, {"Baghel", "बघेल", N},
    {"Mahato", "महतो", E}, {"Murmu", "मुर्मू", E}, {"Mohanty", "मोहंती", E},
    {"Swain", "स्वाईं", E}, {"Borah", "बोरा", E}, {"Kalita", "कलिता", E},
    {"Gogoi", "गोगोई", E},
};

#define MFG (1 << ACT_MANUFACTURING)
#define SVC (1 << ACT_SERVICES)
#define TRD (1 << ACT_TRADING)
#define GENERIC 8   /* fits any business of its activities ("Traders", "Industries") */

static const struct word business[] = {
    {"Traders", "ट्रेडर्स", TRD | GENERIC},
    {"Enterprises", "एंटरप्राइजेज", MFG | SVC | TRD | GENERIC},
    {"Industries", "इंडस्ट्रीज", MFG | GENERIC}, {"Works", "वर्क्स", MFG | GENERIC},
    {"Udyog", "उद्योग", MFG | GENERIC}, {"Stores", "स्टोर्स", TRD | GENERIC},
    {"General Store", "जनरल स्टोर", TRD}, {"Agencies", "एजेंसीज", TRD | SVC | GENERIC},
    {"Brothers", "ब्रदर्स", MFG | SVC | TRD | GENERIC}, {"& Sons", "एंड संस", MFG | TRD | GENERIC},
    {"Textiles", "टेक्सटाइल्स", MFG | TRD}, {"Engineering", "इंजीनियरिंग", MFG | SVC},
    {"Foods", "फूड्स", MFG}, {"Garments", "गारमेंट्स", MFG | TRD},
    {"Handicrafts", "हैंडीक्राफ्ट्स", MFG}, {"Furniture", "फर्नीचर", MFG | TRD},
    {"Electricals", "इलेक्ट्रिकल्स", TRD | SVC}, {"Motors", "मोटर्स", TRD | SVC},
    {"Steel", "स्टील", MFG | TRD}, {"Plastics", "प्लास्टिक्स", MFG},
    {"Printers", "प्रिंटर्स", MFG | SVC}, {"Solutions", "सॉल्यूशंस", SVC | GENERIC},
    {"Services", "सर्विसेज", SVC | GENERIC}, {"Pharma", "फार्मा", MFG | TRD},
    {"Dairy", "डेयरी", MFG}, {"Bakery", "बेकरी", MFG}, {"Jewellers", "ज्वैलर्स", TRD | MFG},
    {"Tailors", "टेलर्स", MFG}, {"Kirana Store", "किराना स्टोर", TRD},
    {"Hardware", "हार्डवेयर", TRD}, {"Medical Store", "मेडिकल स्टोर", TRD},
    {"Agro", "एग्रो", MFG | TRD}, {"Exports", "एक्सपोर्ट्स", MFG | TRD},
    {"Fabricators", "फैब्रिकेटर्स", MFG}, {"Mills", "मिल्स", MFG},
    {"Transport", "ट्रांसपोर्ट", SVC}, {"Caterers", "केटरर्स", SVC},
    {"Tours and Travels", "टूर्स एंड ट्रेवल्स", SVC}, {"Computers", "कंप्यूटर्स", SVC | TRD},
    {"Beauty Parlour", "ब्यूटी पार्लर", SVC}, {"Mobile Care", "मोबाइल केयर", SVC},
    {"Clinic", "क्लिनिक", SVC}, {"Academy", "अकादमी", SVC}, {"Studio", "स्टूडियो", SVC},
    {"Hair Salon", "हेयर सैलून", SVC}, {"Dry Cleaners", "ड्राई क्लीनर्स", SVC},
    {"Pottery", "पॉटरी", MFG}, {"Footwear", "फुटवियर", MFG | TRD},
};

static const struct word prefixes[] = {
    {"Shree", "श्री", 0}, {"Sri", "श्री", 0}, {"New", "न्यू", 0}, {"Jai", "जय", 0},
    {"Maa", "माँ", 0}, {"Om", "ओम", 0}, {"Royal", "रॉयल", 0}, {"Bharat", "भारत", 0},
    {"National", "नेशनल", 0}, {"Navjeevan", "नवजीवन", 0},
};

static const struct word deities[] = {
    {"Ganesh", "गणेश", 0}, {"Laxmi", "लक्ष्मी", 0}, {"Durga", "दुर्गा", 0}, {"Sai", "साईं", 0},
    {"Balaji", "बालाजी", 0}, {"Hanuman", "हनुमान", 0}, {"Krishna", "कृष्णा", 0},
    {"Shiv", "शिव", 0}, {"Ambika", "अंबिका", 0}, {"Saraswati", "सरस्वती", 0},
    {"Murugan", "मुरुगन", 0}, {"Annapurna", "अन्नपूर्णा", 0}, {"Mahalaxmi", "महालक्ष्मी", 0},
    {"Vinayaka", "विनायक", 0}, {"Jagannath", "जगन्नाथ", 0}, {"Gurukripa", "गुरुकृपा", 0},
    {"Khalsa", "खालसा", 0}, {"Bismillah", "बिस्मिल्लाह", 0}, {"Tirupati", "तिरुपति", 0},
    {"Umiya", "उमिया", 0}, {"Kaveri", "कावेरी", 0}, {"Ganga", "गंगा", 0},
    {"Narmada", "नर्मदा", 0}, {"Himalaya", "हिमालय", 0}, {"Sunrise", "सनराइज", 0},
    {"Star", "स्टार", 0}, {"Galaxy", "गैलेक्सी", 0}, {"Diamond", "डायमंड", 0},
};

enum suffix {
    SUF_PVT_LTD, SUF_LTD, SUF_LLP, SUF_COOP, SUF_SHG, SUF_TRUST, SUF_SOCIETY, SUF_HUF,
};

static const struct word suffixes[] = {
    [SUF_PVT_LTD] = {"Private Limited", "प्राइवेट लिमिटेड", 0},
    [SUF_LTD] = {"Limited", "लिमिटेड", 0},
    [SUF_LLP] = {"LLP", "एलएलपी", 0},
    [SUF_COOP] = {"Co-operative Society", "सहकारी समिति", 0},
    [SUF_SHG] = {"Mahila Self Help Group", "महिला स्वयं सहायता समूह", 0},
    [SUF_TRUST] = {"Charitable Trust", "चैरिटेबल ट्रस्ट", 0},
    [SUF_SOCIETY] = {"Welfare Society", "वेलफेयर सोसाइटी", 0},
    [SUF_HUF] = {"HUF", "एचयूएफ", 0},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct table {
    const struct word *w;
    size_t n;
};

static const struct table tables[] = {
    [W_GIVEN_MALE] = {given_male, COUNT(given_male)},
    [W_GIVEN_FEMALE] = {given_female, COUNT(given_female)},
    [W_SURNAME] = {surnames, COUNT(surnames)},
    [W_BUSINESS] = {business, COUNT(business)},
    [W_PREFIX] = {prefixes, COUNT(prefixes)},
    [W_DEITY] = {deities, COUNT(deities)},
    [W_SUFFIX] = {suffixes, COUNT(suffixes)},
};

/* --- regions ---------------------------------------------------------- */

int gen_names_region(const char *key)
{
    static const struct { const char *keys; int region; } map[] = {
        {"UP BR DL HR PB RJ MP UK HP JK CH JH CG LA", N},
        {"MH GJ GA DH", W},
        {"KA TN KL AP TS PY LD", S},
        {"WB OD AS AR ML MN MZ NL SK TR AN", E},
    };

    for (size_t i = 0; i < COUNT(map); i++) {
        for (const char *p = map[i].keys; *p; p += p[2] ? 3 : 2)
            if (p[0] == key[0] && p[1] == key[1])
                return map[i].region;
    }
    return ALL;
}

/* --- drawing ---------------------------------------------------------- */

static void add(struct gen_name *n, enum gen_word_table t, size_t index)
{
    if (n->n < GEN_NAME_MAX_WORDS) {
        n->table[n->n] = (uint8_t)t;
        n->index[n->n] = (uint8_t)index;
        n->n++;
    }
}

static size_t pick_any(struct rng *r, enum gen_word_table t)
{
    return (size_t)rng_below(r, tables[t].n);
}

static bool fits(int mask, int want, int require, int avoid)
{
    return (mask & want) && (mask & require) == require && !(mask & avoid);
}

/* A word whose mask meets `want`, has every `require` bit and none of
 * `avoid`; the first such word if a few draws find none (the lists are
 * small, so rejection is cheap). */
static size_t pick_masked(struct rng *r, enum gen_word_table t, int want, int require, int avoid)
{
    const struct table *tb = &tables[t];

    for (int tries = 0; tries < 32; tries++) {
        size_t i = (size_t)rng_below(r, tb->n);
        if (fits(tb->w[i].mask, want, require, avoid))
            return i;
    }
    for (size_t i = 0; i < tb->n; i++)
        if (fits(tb->w[i].mask, want, require, avoid))
            return i;
    return 0;
}

void gen_names_person(struct rng *r, int region, enum gen_gender g, double region_match,
                      struct gen_name *out)
{
    bool local = rng_chance(r, region_match);
    int want = local ? region : ALL;
    enum gen_word_table given = g == GENDER_FEMALE ? W_GIVEN_FEMALE
                                : g == GENDER_MALE ? W_GIVEN_MALE
                                : rng_chance(r, 0.5) ? W_GIVEN_FEMALE : W_GIVEN_MALE;
    int avoid = given == W_GIVEN_FEMALE ? MALE_ONLY : FEMALE_ONLY;

    out->n = 0;
    add(out, given, pick_masked(r, given, want, 0, 0));
    add(out, W_SURNAME, pick_masked(r, W_SURNAME, want, 0, avoid));
}

/* Names end in a word for the trade (from the NIC code) or a generic one. */
static size_t business_word(struct rng *r, enum gen_activity a, int preferred)
{
    if (preferred >= 0 && rng_chance(r, 0.6))
        return (size_t)preferred;
    return pick_masked(r, W_BUSINESS, 1 << a, GENERIC, 0);
}

/* The common proprietorship and firm styles. */
static void firm_core(struct rng *r, enum gen_activity a, int preferred,
                      const struct gen_name *owner, struct gen_name *out)
{
    static const double styles[] = {0.25, 0.20, 0.15, 0.15, 0.25};

    switch (rng_weighted(r, styles, (int)COUNT(styles))) {
    case 0: /* Shree Ganesh Traders */
        add(out, W_PREFIX, pick_any(r, W_PREFIX));
        add(out, W_DEITY, pick_any(r, W_DEITY));
        break;
    case 1: /* Sharma Enterprises */
        add(out, W_SURNAME, owner->index[1]);
        break;
    case 2: /* Ramesh Traders */
        add(out, owner->table[0], owner->index[0]);
        break;
    case 3: /* Balaji Industries */
        add(out, W_DEITY, pick_any(r, W_DEITY));
        break;
    default: /* Laxmi Steel Works: the trade word, then a generic one */
        add(out, W_DEITY, pick_any(r, W_DEITY));
        if (preferred >= 0 && !(business[preferred].mask & GENERIC)) {
            add(out, W_BUSINESS, (size_t)preferred);
            add(out, W_BUSINESS, pick_masked(r, W_BUSINESS, 1 << a, GENERIC, 0));
            return;
        }
        break;
    }
    add(out, W_BUSINESS, business_word(r, a, preferred));
}

void gen_names_firm(struct rng *r, enum gen_constitution c, enum gen_activity a, int preferred,
                    const struct gen_name *owner, struct gen_name *out)
{
    out->n = 0;
    switch (c) {
    case CON_HUF:
        add(out, owner->table[0], owner->index[0]);
        add(out, W_SURNAME, owner->index[1]);
        add(out, W_SUFFIX, SUF_HUF);
        return;
    case CON_SHG:
        add(out, W_PREFIX, 3); /* Jai */
        add(out, W_DEITY, pick_any(r, W_DEITY));
        add(out, W_SUFFIX, SUF_SHG);
        return;
    case CON_TRUST:
    case CON_SOCIETY:
    case CON_COOPERATIVE:
        add(out, W_DEITY, pick_any(r, W_DEITY));
        add(out, W_SUFFIX, c == CON_TRUST ? SUF_TRUST : c == CON_SOCIETY ? SUF_SOCIETY : SUF_COOP);
        return;
    default:
        break;
    }
    firm_core(r, a, preferred, owner, out);
    if (c == CON_LLP)
        add(out, W_SUFFIX, SUF_LLP);
    else if (c == CON_PRIVATE_COMPANY)
        add(out, W_SUFFIX, SUF_PVT_LTD);
    else if (c == CON_PUBLIC_COMPANY)
        add(out, W_SUFFIX, SUF_LTD);
}

/* --- rendering -------------------------------------------------------- */

size_t gen_name_render(const struct gen_name *n, enum gen_script s, char *out, size_t cap)
{
    size_t len = 0;

    for (int i = 0; i < n->n; i++) {
        const struct word *w = &tables[n->table[i]].w[n->index[i]];
        const char *text = s == SCRIPT_DEVANAGARI ? w->deva : w->latin;
        size_t k = strlen(text);
        if (len + k + 2 > cap)
            break;
        if (i > 0)
            out[len++] = ' ';
        memcpy(out + len, text, k);
        len += k;
    }
    out[len] = '\0';
    return len;
}

char gen_name_initial(const struct gen_name *n, int i)
{
    const char *latin = tables[n->table[i]].w[n->index[i]].latin;
    char c = latin[0] == '&' ? 'S' : latin[0];

    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

int gen_names_business_index(const char *latin)
{
    for (size_t i = 0; i < COUNT(business); i++)
        if (strcmp(business[i].latin, latin) == 0)
            return (int)i;
    return -1;
}

size_t gen_names_count(enum gen_word_table t)
{
    return tables[t].n;
}

void gen_names_word(enum gen_word_table t, size_t i, const char **latin, const char **deva)
{
    *latin = tables[t].w[i].latin;
    *deva = tables[t].w[i].deva;
}

/* --- typing slips ----------------------------------------------------- */

static size_t cp_len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

#define TYPO_MAX_CPS 256

size_t gen_typo(struct rng *r, char *s, size_t n, size_t cap)
{
    size_t at[TYPO_MAX_CPS], k = 0, i, pos, len, next_len;
    char tmp[8];

    for (i = 0; i < n && k < TYPO_MAX_CPS; i += cp_len((unsigned char)s[i]))
        if (s[i] != ' ')
            at[k++] = i;
    if (k < 3)
        return n;
    pos = at[1 + rng_below(r, k - 2)];   /* keep the first letter: people rarely miss it */
    len = cp_len((unsigned char)s[pos]);
    switch (rng_below(r, 3)) {
    case 0: /* swap with the next code point, unless that is a space */
        if (pos + len >= n || s[pos + len] == ' ')
            break;
        next_len = cp_len((unsigned char)s[pos + len]);
        if (pos + len + next_len > n)
            break;
        memcpy(tmp, s + pos, len);
        memmove(s + pos, s + pos + len, next_len);
        memcpy(s + pos + next_len, tmp, len);
        break;
    case 1: /* drop */
        memmove(s + pos, s + pos + len, n - pos - len);
        n -= len;
        break;
    default: /* double */
        if (n + len + 1 > cap)
            break;
        memmove(s + pos + len, s + pos, n - pos);
        n += len;
        break;
    }
    s[n] = '\0';
    return n;
}
