/* normalize.c: fold names to lower-case ASCII words, whatever their
 * script, case, punctuation or legal suffix (docs/linkage.md, "Names").
 *
 * Stages, each skipped when it has nothing to do:
 *   1. Devanagari runs: Hindi schwa deletion (a virama written where a
 *      Hindi speaker drops the inherent vowel), then ICU with our rules
 *      (DEVA_RULES) to plain ASCII spelled the way Indian lists spell.
 *   2. utf8proc: NFKC, case folding, marks stripped ("ŚRĪ" -> "sri",
 *      full-width letters to ASCII).
 *   3. Any other script: ICU "Any-Latin; Latin-ASCII", opened on first use.
 *   4. ASCII: words of letters and digits, "&" read as "and", spelling
 *      variants of "shri" made one, and for business names the noise
 *      words of noise_words[] removed.
 * An all-ASCII name goes straight to stage 4. */
#include "link/normalize.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <utf8proc.h>

#include "core/alloc.h"

/* Longest name accepted, in bytes; buffers below are sized from it so a
 * normalizer never allocates after normalizer_new. */
#define NAME_IN_MAX 2048
#define DEVA_CP_MAX (2 * NAME_IN_MAX)    /* a run plus the viramas we insert */
#define U16_MAX (16 * NAME_IN_MAX)       /* ICU output grows: क -> "k", ख -> "kh" */
#define TEXT_MAX (16 * NAME_IN_MAX)
#define WORDS_MAX 256

/* Devanagari-Latin gives ISO 15919 ("śarmā", "sacina"); these rules make
 * it the spelling Indian lists use (sharma, sachin, krishna, pankaj). */
static const char DEVA_RULES[] =
    "::Devanagari-Latin;\n"
    "::NFC;\n"
    "ch > chh;\n"               /* छ */
    "c > ch;\n"                 /* च */
    "\u015B > sh;\n"            /* श ś */
    "\u1E63 > sh;\n"            /* ष ṣ */
    "\u1E45 } [kg] > n;\n"      /* ङ before k/g: pankaj, not pangkaj */
    "\u1E45 > ng;\n"            /* ङ elsewhere: singh */
    "\u00F1 > n;\n"
    "\u1E47 > n;\n"
    "\u1E41 > n;\n"             /* anusvara ṁ */
    "m\u0310 > ;\n"             /* chandrabindu: nasal vowel, unwritten in Latin */
    "j\u00F1 > gy;\n"           /* ज्ञ: gyan */
    "r\u0325 > ri;\n"           /* ऋ: krishna */
    "\\' > ;\n"                 /* ICU's vowel separator (sā'ī) */
    "::Latin-ASCII;\n";

struct normalizer {
    UTransliterator *deva;
    UTransliterator *other;   /* NULL until a name in another script */
    uint32_t cps[DEVA_CP_MAX];
    UChar u16[U16_MAX];
    char text[TEXT_MAX];                 /* after stage 1 */
    utf8proc_int32_t ucs[TEXT_MAX];      /* stage 2, reencoded in place */
    char ascii[TEXT_MAX];                /* after stage 3 */
};

static UTransliterator *translit_open(const UChar *id, const char *rules, struct err *e)
{
    UChar rules16[1024];
    int32_t rules_len = 0;
    UErrorCode status = U_ZERO_ERROR;
    UParseError where;
    UTransliterator *t;

    if (rules) {
        u_strFromUTF8(rules16, (int32_t)(sizeof rules16 / sizeof rules16[0]), &rules_len, rules,
                      -1, &status);
        if (U_FAILURE(status)) {
            err_set(e, "transliteration rules: %s", u_errorName(status));
            return NULL;
        }
    }
    t = utrans_openU(id, -1, UTRANS_FORWARD, rules ? rules16 : NULL, rules_len, &where, &status);
    if (U_FAILURE(status)) {
        err_set(e, "ICU transliterator: %s (rule line %d)", u_errorName(status), (int)where.line);
        return NULL;
    }
    return t;
}

struct normalizer *normalizer_new(struct err *e)
{
    struct normalizer *n = mem_calloc(1, sizeof *n);

    if (!n) {
        err_set(e, "out of memory");
        return NULL;
    }
    n->deva = translit_open(u"samanvay-devanagari", DEVA_RULES, e);
    if (!n->deva) {
        mem_free(n);
        return NULL;
    }
    return n;
}

void normalizer_free(struct normalizer *n)
{
    if (!n)
        return;
    utrans_close(n->deva);
    if (n->other)
        utrans_close(n->other);
    mem_free(n);
}

/* --- stage 1: Devanagari ----------------------------------------------- */

static bool deva_block(uint32_t c)
{
    return c >= 0x0900 && c <= 0x097F;
}

static bool deva_consonant(uint32_t c)
{
    return (c >= 0x0915 && c <= 0x0939) || (c >= 0x0958 && c <= 0x095F)
           || (c >= 0x0978 && c <= 0x097F);
}

static bool deva_vowel_sign(uint32_t c)
{
    return (c >= 0x093A && c <= 0x094C && c != 0x093C && c != 0x093D) || c == 0x094E
           || c == 0x094F || (c >= 0x0955 && c <= 0x0957) || c == 0x0962 || c == 0x0963;
}

static bool deva_vowel(uint32_t c)
{
    return (c >= 0x0904 && c <= 0x0914) || c == 0x0960 || c == 0x0961
           || (c >= 0x0972 && c <= 0x0977);
}

/* Part of a word: letters and signs, and the joiners that shape conjuncts. */
static bool deva_letter(uint32_t c)
{
    return (deva_block(c) && c != 0x0964 && c != 0x0965 && !(c >= 0x0966 && c <= 0x096F)
            && c != 0x0970)
           || c == 0x200C || c == 0x200D;
}

#define VIRAMA 0x094D
#define NUKTA 0x093C
#define ANUSVARA 0x0902
#define CHANDRABINDU 0x0901

/* One sound of a written word: consonant, explicit vowel, the inherent
 * vowel (schwa) a bare consonant carries, or a nasal/visarga coda. */
struct seg {
    char kind;        /* 'C', 'V', 'S', 'N' */
    bool cluster;     /* C: joined by a virama to the consonant before */
    bool dropped;     /* S: deleted */
    uint32_t cp;      /* C: the consonant */
    size_t at;        /* S: index in the word where its virama goes */
};

static bool seg_vowel(const struct seg *s)
{
    return s->kind == 'V' || (s->kind == 'S' && !s->dropped);
}

static bool keeps_schwa(uint32_t c)
{
    return c == 0x0930 || c == 0x092F || c == 0x0935; /* र य व */
}

/* Hindi drops the inherent vowel at the end of a word (राम = ram) and
 * between a vowel-consonant and a consonant-vowel (कमला = kamla,
 * सिमरन = simran), scanning from the right so two neighbouring schwas are
 * not both lost. A word-final schwa after a cluster ending in र, य or व is
 * kept (राजेंद्र = rajendra, आदित्य = aditya); other final clusters are
 * English loans (ट्रेडर्स = traders) and lose it. */
static void schwa_delete(struct seg *s, size_t n)
{
    size_t vowels = 0;

    for (size_t i = 0; i < n; i++)
        vowels += s[i].kind == 'V' || s[i].kind == 'S';
    if (vowels >= 2 && n >= 2 && s[n - 1].kind == 'S' && s[n - 2].kind == 'C') {
        uint32_t c = s[n - 2].cp;
        bool keep = s[n - 2].cluster && keeps_schwa(c);
        s[n - 1].dropped = !keep;
    }
    for (size_t i = n >= 3 ? n - 3 : 0; i >= 2; i--) {
        if (s[i].kind == 'S' && s[i - 1].kind == 'C' && !s[i - 1].cluster && seg_vowel(&s[i - 2])
            && s[i + 1].kind == 'C' && seg_vowel(&s[i + 2]))
            s[i].dropped = true;
    }
}

/* Parse the word w[0..n) into sounds; returns their count. */
static size_t deva_segments(const uint32_t *w, size_t n, struct seg *s, size_t cap)
{
    size_t k = 0, i = 0;

    while (i < n && k + 2 <= cap) {
        uint32_t c = w[i++];
        if (deva_consonant(c)) {
            bool cluster = k > 0 && s[k - 1].kind == 'C';
            s[k++] = (struct seg){'C', cluster, false, c, 0};
            if (i < n && w[i] == NUKTA)
                i++;
            if (i < n && w[i] == VIRAMA)
                i++;
            else if (i < n && deva_vowel_sign(w[i]))
                s[k++] = (struct seg){'V', false, false, w[i++], 0};
            else
                s[k++] = (struct seg){'S', false, false, 0, i};
        } else if (deva_vowel(c)) {
            s[k++] = (struct seg){'V', false, false, c, 0};
        } else if (c == ANUSVARA || c == CHANDRABINDU || c == 0x0903) {
            s[k++] = (struct seg){'N', false, false, c, 0};
        }
    }
    return k;
}

/* Rewrite one Devanagari word into out (capacity cap) with the deleted
 * schwas' viramas written; anusvara before ह becomes ङ् (सिंह = singh).
 * Returns the new length, or (size_t)-1 when out is too small. */
static size_t deva_word(const uint32_t *w, size_t n, uint32_t *out, size_t cap)
{
    struct seg segs[2 * 128];
    size_t ns = 0, k = 0, next = 0;

    if (n <= 128) {
        ns = deva_segments(w, n, segs, sizeof segs / sizeof segs[0]);
        schwa_delete(segs, ns);
    }
    for (size_t i = 0; i <= n; i++) {
        while (next < ns && (segs[next].kind != 'S' || !segs[next].dropped))
            next++;
        if (next < ns && segs[next].at == i) {
            if (k >= cap)
                return (size_t)-1;
            out[k++] = VIRAMA;
            next++;
        }
        if (i == n)
            break;
        if (k + 2 > cap)
            return (size_t)-1;
        if (w[i] == ANUSVARA && i + 1 < n && w[i + 1] == 0x0939) {
            out[k++] = 0x0919;
            out[k++] = VIRAMA;
        } else {
            out[k++] = w[i];
        }
    }
    return k;
}

static int append(char *dst, size_t *len, size_t cap, const char *src, size_t n, struct err *e)
{
    if (*len + n >= cap)
        return err_set(e, "name too long to normalise");
    memcpy(dst + *len, src, n);
    *len += n;
    return 0;
}

/* Transliterate u16[0..n16) with t and append the UTF-8 to dst. */
static int translit_append(struct normalizer *n, UTransliterator *t, int32_t n16, char *dst,
                           size_t *len, size_t cap, struct err *e)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t limit = n16, out_len = 0;

    utrans_transUChars(t, n->u16, &n16, U16_MAX, 0, &limit, &status);
    if (U_FAILURE(status))
        return err_set(e, "transliteration: %s", u_errorName(status));
    u_strToUTF8(dst + *len, (int32_t)(cap - *len), &out_len, n->u16, n16, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING)
        return err_set(e, "name too long to normalise");
    *len += (size_t)out_len;
    return 0;
}

/* One run of Devanagari code points (words and spaces between them). */
static int deva_run(struct normalizer *n, const uint32_t *run, size_t count, char *dst,
                    size_t *len, size_t cap, struct err *e)
{
    size_t k = 0, i = 0;
    int32_t n16 = 0;
    UErrorCode status = U_ZERO_ERROR;

    while (i < count) {
        size_t start = i;
        while (i < count && deva_letter(run[i]) == deva_letter(run[start]))
            i++;
        size_t wrote = deva_letter(run[start])
                           ? deva_word(run + start, i - start, n->cps + k, DEVA_CP_MAX - k)
                           : (i - start <= DEVA_CP_MAX - k ? i - start : (size_t)-1);
        if (wrote == (size_t)-1)
            return err_set(e, "name too long to normalise");
        if (!deva_letter(run[start]))
            memcpy(n->cps + k, run + start, wrote * sizeof run[0]);
        k += wrote;
    }
    u_strFromUTF32(n->u16, U16_MAX, &n16, (const UChar32 *)n->cps, (int32_t)k, &status);
    if (U_FAILURE(status))
        return err_set(e, "name too long to normalise");
    return translit_append(n, n->deva, n16, dst, len, cap, e);
}

/* Stage 1 into n->text: Devanagari runs transliterated, the rest copied. */
static int stage_devanagari(struct normalizer *n, const char *in, size_t len, size_t *out_len,
                            struct err *e)
{
    uint32_t run[NAME_IN_MAX];
    size_t i = 0, nrun = 0, o = 0;

    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)in + i,
                                                 (utf8proc_ssize_t)(len - i), &c);
        /* ZWJ/ZWNJ shape conjuncts; they belong to the Devanagari word. */
        bool deva = deva_block((uint32_t)c) || c == 0x200C || c == 0x200D;
        if (deva) {
            run[nrun++] = (uint32_t)c;
        } else {
            if (nrun > 0 && deva_run(n, run, nrun, n->text, &o, TEXT_MAX, e) != 0)
                return -1;
            nrun = 0;
            if (append(n->text, &o, TEXT_MAX, in + i, (size_t)step, e) != 0)
                return -1;
        }
        i += (size_t)step;
    }
    if (nrun > 0 && deva_run(n, run, nrun, n->text, &o, TEXT_MAX, e) != 0)
        return -1;
    n->text[o] = '\0';
    *out_len = o;
    return 0;
}

/* --- stage 2 and 3: Unicode folding, other scripts ----------------------- */

/* NFKC + case fold + marks stripped; the UTF-8 result is written over
 * n->ucs (utf8proc_reencode works in place). */
static int stage_fold(struct normalizer *n, const char *s, size_t len, const char **out,
                      size_t *out_len, struct err *e)
{
    const int options = UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD
                        | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_LUMP;
    utf8proc_ssize_t got = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                              n->ucs, TEXT_MAX / 4, options);

    if (got < 0)
        return err_set(e, "name is not valid UTF-8");
    if (got > TEXT_MAX / 4)
        return err_set(e, "name too long to normalise");
    got = utf8proc_reencode(n->ucs, got, options);
    if (got < 0)
        return err_set(e, "name is not valid UTF-8");
    *out = (const char *)n->ucs;
    *out_len = (size_t)got;
    return 0;
}

static bool all_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

/* Letters of scripts other than Latin and Devanagari (Tamil, Bengali,
 * Cyrillic ...) go through ICU's general transliterator, opened lazily
 * because few names need it. */
static int stage_other(struct normalizer *n, const char *s, size_t len, const char **out,
                       size_t *out_len, struct err *e)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t n16 = 0;
    size_t o = 0;

    if (!n->other) {
        n->other = translit_open(u"Any-Latin; Latin-ASCII; Any-Lower", NULL, e);
        if (!n->other)
            return -1;
    }
    u_strFromUTF8(n->u16, U16_MAX, &n16, s, (int32_t)len, &status);
    if (U_FAILURE(status))
        return err_set(e, "name too long to normalise");
    if (translit_append(n, n->other, n16, n->ascii, &o, TEXT_MAX, e) != 0)
        return -1;
    *out = n->ascii;
    *out_len = o;
    return 0;
}

/* --- stage 4: words -------------------------------------------------------- */

struct words {
    const char *w[WORDS_MAX];
    uint8_t n[WORDS_MAX];
    size_t count;
    char store[TEXT_MAX];
};

/* Words that only address or classify a firm, in the forms lists use
 * (after folding, so "M/s." is "m s" and "एंड संस" is "end sans").
 * LEGAL words go first; GENERIC ones only if something else remains.
 * docs/linkage.md gives the reasons. */
enum noise_level { NOISE_LEGAL = 1, NOISE_GENERIC = 2 };

static const struct noise {
    const char *words;
    enum noise_level level;
} noise_words[] = {
    {"m s", NOISE_LEGAL},      {"messrs", NOISE_LEGAL},   {"mesars", NOISE_LEGAL},
    {"private", NOISE_LEGAL},  {"pvt", NOISE_LEGAL},      {"praivet", NOISE_LEGAL},
    {"limited", NOISE_LEGAL},  {"ltd", NOISE_LEGAL},      {"llp", NOISE_LEGAL},
    {"elaelpi", NOISE_LEGAL}, {"opc", NOISE_LEGAL},      {"huf", NOISE_LEGAL},
    {"echyueph", NOISE_LEGAL}, {"inc", NOISE_LEGAL},      {"incorporated", NOISE_LEGAL},
    {"india pvt", NOISE_LEGAL}, {"india private", NOISE_LEGAL}, {"india limited", NOISE_LEGAL},
    {"india ltd", NOISE_LEGAL}, {"india llp", NOISE_LEGAL},
    {"and sons", NOISE_GENERIC}, {"end sans", NOISE_GENERIC}, {"and co", NOISE_GENERIC},
    {"company", NOISE_GENERIC}, {"co", NOISE_GENERIC},
    {"enterprises", NOISE_GENERIC}, {"enterprise", NOISE_GENERIC},
    {"entarapraijej", NOISE_GENERIC}, {"ent", NOISE_GENERIC}, {"ents", NOISE_GENERIC},
    {"traders", NOISE_GENERIC}, {"trader", NOISE_GENERIC}, {"trading", NOISE_GENERIC},
    {"tredars", NOISE_GENERIC},
};

/* Spelling variants of one word, made one ("Shree", "Sri" and श्री). */
static const char *canonical_word(const char *w, size_t n)
{
    static const char *const shri[] = {"shri", "shree", "sri", "sree", "shrii", "shre"};

    for (size_t i = 0; i < sizeof shri / sizeof shri[0]; i++)
        if (strlen(shri[i]) == n && memcmp(shri[i], w, n) == 0)
            return "shri";
    return NULL;
}

static bool ascii_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int words_add(struct words *ws, size_t *used, const char *w, size_t len, struct err *e)
{
    const char *canon = canonical_word(w, len);

    if (canon) {
        w = canon;
        len = strlen(canon);
    }
    if (ws->count >= WORDS_MAX || len > 255)
        return err_set(e, "name has too many words");
    memcpy(ws->store + *used, w, len);
    ws->w[ws->count] = ws->store + *used;
    ws->n[ws->count++] = (uint8_t)len;
    *used += len;
    return 0;
}

/* Split ASCII text into lower-case words. An apostrophe joins
 * ("D'Souza" = dsouza); "&" is the word "and"; ee is i and oo is u. */
static int words_split(const char *s, size_t len, struct words *ws, struct err *e)
{
    size_t used = 0, i = 0;
    char word[256];

    ws->count = 0;
    while (i < len) {
        size_t k = 0;
        if (s[i] == '&') {
            if (words_add(ws, &used, "and", 3, e) != 0)
                return -1;
            i++;
            continue;
        }
        while (i < len && (ascii_alnum(s[i]) || (s[i] == '\'' && k > 0))) {
            if (s[i] != '\'') {
                if (k >= sizeof word)
                    return err_set(e, "name has a word over 255 letters");
                char c = s[i];
                c = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
                /* Indian romanisation writes long i and u either way:
                 * Deepak/Dipak, Pooja/Puja (ee = i, oo = u). */
                if (k > 0 && c == word[k - 1] && (c == 'e' || c == 'o'))
                    word[k - 1] = c == 'e' ? 'i' : 'u';
                else
                    word[k++] = c;
            }
            i++;
        }
        if (k > 0 && words_add(ws, &used, word, k, e) != 0)
            return -1;
        if (k == 0)
            i++;
    }
    return 0;
}

/* Number of words of `phrase` matching ws at position at, or 0. */
static size_t phrase_match(const struct words *ws, size_t at, const char *phrase)
{
    size_t matched = 0;

    while (*phrase) {
        const char *end = strchr(phrase, ' ');
        size_t len = end ? (size_t)(end - phrase) : strlen(phrase);
        if (at + matched >= ws->count || ws->n[at + matched] != len
            || memcmp(ws->w[at + matched], phrase, len) != 0)
            return 0;
        matched++;
        phrase += len + (end != NULL);
    }
    return matched;
}

/* Mark the words of noise phrases up to `level`; returns how many stay. */
static size_t noise_mark(const struct words *ws, enum noise_level level, bool *drop)
{
    size_t kept = ws->count;

    memset(drop, 0, ws->count * sizeof drop[0]);
    for (size_t i = 0; i < ws->count;) {
        size_t m = 0;
        for (size_t k = 0; k < sizeof noise_words / sizeof noise_words[0] && m == 0; k++)
            if (noise_words[k].level <= level)
                m = phrase_match(ws, i, noise_words[k].words);
        /* "co" opens "co-operative": that is a name, not a suffix. */
        if (m == 1 && ws->n[i] == 2 && memcmp(ws->w[i], "co", 2) == 0 && i + 1 < ws->count
            && ws->n[i + 1] == 9 && memcmp(ws->w[i + 1], "operative", 9) == 0)
            m = 0;
        if (m == 0) {
            i++;
            continue;
        }
        for (size_t k = 0; k < m; k++)
            drop[i + k] = true;
        kept -= m;
        i += m;
    }
    return kept;
}

static int words_write(const struct words *ws, const bool *drop, char *out, size_t cap,
                       struct err *e)
{
    size_t len = 0;

    for (size_t i = 0; i < ws->count; i++) {
        if (drop && drop[i])
            continue;
        size_t need = ws->n[i] + (len > 0);
        if (len + need >= cap)
            return err_set(e, "output buffer too small for the normalised name");
        if (len > 0)
            out[len++] = ' ';
        memcpy(out + len, ws->w[i], ws->n[i]);
        len += ws->n[i];
    }
    if (cap == 0)
        return err_set(e, "output buffer too small for the normalised name");
    out[len] = '\0';
    return (int)len;
}

static int stage_words(const char *s, size_t len, enum name_kind kind, char *out, size_t cap,
                       struct err *e)
{
    struct words ws;
    bool drop[WORDS_MAX];

    if (words_split(s, len, &ws, e) != 0)
        return -1;
    if (kind == NAME_BUSINESS) {
        /* A name made only of noise keeps it: "Traders Pvt Ltd" is
         * "traders", "Limited" stays "limited". */
        if (noise_mark(&ws, NOISE_GENERIC, drop) > 0 || noise_mark(&ws, NOISE_LEGAL, drop) > 0)
            return words_write(&ws, drop, out, cap, e);
    }
    return words_write(&ws, NULL, out, cap, e);
}

int normalizer_name(struct normalizer *n, const char *in, size_t len, enum name_kind kind,
                    char *out, size_t cap, struct err *e)
{
    const char *s = in;
    size_t slen = len;

    if (len > NAME_IN_MAX)
        return err_set(e, "name longer than %d bytes", NAME_IN_MAX);
    if (!all_ascii(in, len)) {
        utf8proc_int32_t c;
        bool deva = false;
        for (size_t i = 0; i < len;) {
            utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)in + i,
                                                     (utf8proc_ssize_t)(len - i), &c);
            if (step < 0)
                return err_set(e, "name is not valid UTF-8 (byte %zu)", i + 1);
            deva = deva || deva_block((uint32_t)c);
            i += (size_t)step;
        }
        if (deva) {
            if (stage_devanagari(n, in, len, &slen, e) != 0)
                return -1;
            s = n->text;
        }
        if (stage_fold(n, s, slen, &s, &slen, e) != 0)
            return -1;
        if (!all_ascii(s, slen) && stage_other(n, s, slen, &s, &slen, e) != 0)
            return -1;
    }
    return stage_words(s, slen, kind, out, cap, e);
}

/* --- phonetic skeleton ------------------------------------------------------ */

static bool vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* The sound at w[*i] as one letter (0: silent), advancing *i past it.
 * Two-letter outputs (x = ks) set *second. */
static char sound(const char *w, size_t n, size_t *i, char *second)
{
    char c = w[*i], next = *i + 1 < n ? w[*i + 1] : '\0';

    *second = 0;
    (*i)++;
    if (next == 'h' && strchr("cspkgjtdbrw", c)) {
        (*i)++;
        if (c == 'c' && *i < n && w[*i] == 'h')
            (*i)++;                          /* chh = ch */
        return c == 'p' ? 'f' : c == 'w' ? 'v' : c;
    }
    switch (c) {
    case 'c':
        if (next == 'k') {
            (*i)++;
            return 'k';
        }
        return next == 'e' || next == 'i' || next == 'y' ? 's' : 'k';
    case 'q':
        return 'k';
    case 'x':
        *second = 's';
        return 'k';
    case 'j':
    case 'z':
        /* Final j/z is s: Hindi writes English plurals with ज
         * (इंडस्ट्रीज = industries, सर्विसेज = services). */
        return *i == n && *i > 1 ? 's' : 'j';
    case 'w':
        return *i == n && *i >= 2 && vowel(w[*i - 2]) ? 0 : 'v';
    case 'h':
        return *i == 1 ? 'h' : *i < n && vowel(w[*i - 2]) ? 'h' : 0;
    case 'y':
        /* After the first letter y is a vowel or a glide Latin spellings
         * add or drop at will: reddy/reddi, naidu/naydu, studio/studiyo. */
        return *i == 1 ? 'y' : 0;
    case 'v':
        /* rao/rav, mathew/maithyu: a final v after a vowel is a vowel. */
        return *i == n && *i >= 2 && vowel(w[*i - 2]) ? 0 : 'v';
    default:
        return c;
    }
}

/* Skeleton of one word: 'a' for an initial vowel, then the consonant
 * sounds; a letter doubled in writing counts once. */
static size_t phonetic_word(const char *w, size_t n, char *out)
{
    size_t i = 0, k = 0;
    bool vowel_between = false;

    /* An initial vowel is kept only as "a vowel": Latin and Devanagari
     * spellings disagree on it (iyer/ayyar, electricals/ilektrikals). */
    if (vowel(w[0])) {
        out[k++] = 'a';
        i = 1;
    }
    while (i < n) {
        if (vowel(w[i])) {
            vowel_between = true;
            i++;
            continue;
        }
        char second, c = sound(w, n, &i, &second);
        if (c == 0)
            continue;
        if (k == 0 || out[k - 1] != c || vowel_between)
            out[k++] = c;
        if (second)
            out[k++] = second;
        vowel_between = false;
    }
    return k;
}

int name_phonetic(const char *folded, char *out, size_t cap)
{
    size_t len = 0, i = 0, n = strlen(folded);

    while (i < n) {
        while (i < n && folded[i] == ' ')
            i++;
        size_t start = i;
        while (i < n && folded[i] != ' ')
            i++;
        if (i == start)
            break;
        /* A word's skeleton is at most twice its length (x = ks). */
        char word[512];
        size_t n_word = i - start <= sizeof word / 2 ? i - start : sizeof word / 2;
        size_t k = phonetic_word(folded + start, n_word, word);
        if (len + (len > 0) + k >= cap)
            return -1;
        if (len > 0)
            out[len++] = ' ';
        memcpy(out + len, word, k);
        len += k;
    }
    if (cap == 0)
        return -1;
    out[len] = '\0';
    return (int)len;
}
