#include "rules/lexer.h"

#include <string.h>

#include "core/date.h"
#include "rules/num.h"
#include "rules/value.h"

void lexer_init(struct lexer *lx, const char *src, size_t len)
{
    lx->src = src;
    lx->len = len;
    lx->pos = 0;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

static const struct {
    const char *word;
    enum tok kind;
} keywords[] = {
    {"and", TK_AND},   {"or", TK_OR},     {"not", TK_NOT},   {"in", TK_IN},       {"if", TK_IF},
    {"then", TK_THEN}, {"else", TK_ELSE}, {"true", TK_TRUE}, {"false", TK_FALSE},
};

static const struct {
    const char *word;
    int64_t factor;         /* rupees */
} units[] = {
    {"thousand", 1000}, {"lakhs", 100000}, {"lakh", 100000}, {"crores", 10000000},
    {"crore", 10000000}, {"cr", 10000000},
};

static char peek(const struct lexer *lx, size_t ahead)
{
    return lx->pos + ahead < lx->len ? lx->src[lx->pos + ahead] : '\0';
}

static void skip_space(struct lexer *lx)
{
    while (lx->pos < lx->len) {
        char c = lx->src[lx->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        lx->pos++;
    }
}

static bool looks_like_date(const struct lexer *lx)
{
    static const char shape[] = "dddd-dd-dd";

    for (size_t i = 0; i < 10; i++) {
        char c = peek(lx, i);
        if (shape[i] == 'd' ? !is_digit(c) : c != '-')
            return false;
    }
    return !is_alnum(peek(lx, 10));
}

static int lex_date(struct lexer *lx, struct token *t, size_t *at, struct err *e)
{
    if (date_parse(lx->src + lx->pos, 10, &t->date, e) != 0) {
        *at = lx->pos;
        return -1;
    }
    t->kind = TK_DATE;
    lx->pos += 10;
    return 0;
}

/* Digits [. digits] as fixed point with `places` extra decimal places
 * available (4 for a plain number; fewer survive a percent). */
static int lex_decimal(struct lexer *lx, int64_t *out, int *frac_digits, size_t *at, struct err *e)
{
    int64_t v = 0;
    int frac = 0;

    while (is_digit(peek(lx, 0))) {
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, peek(lx, 0) - '0', &v)) {
            *at = lx->pos;
            return err_set(e, "number too large");
        }
        lx->pos++;
    }
    if (peek(lx, 0) == '.' && is_digit(peek(lx, 1))) {
        lx->pos++;
        while (is_digit(peek(lx, 0))) {
            if (frac == 9) {
                *at = lx->pos;
                return err_set(e, "too many decimal places");
            }
            if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, peek(lx, 0) - '0', &v)) {
                *at = lx->pos;
                return err_set(e, "number too large");
            }
            frac++;
            lx->pos++;
        }
    }
    *out = v;
    *frac_digits = frac;
    return 0;
}

/* v × 10^-frac × factor as fixed point; exact or an error. */
static int scale(int64_t v, int frac, int64_t factor_num, int64_t factor_den, int64_t *out)
{
    __int128 x = (__int128)v * NUM_SCALE * factor_num;
    __int128 den = factor_den;

    for (int i = 0; i < frac; i++)
        den *= 10;
    if (x % den != 0)
        return -1;
    x /= den;
    if (x > INT64_MAX || x < INT64_MIN)
        return -1;
    *out = (int64_t)x;
    return 0;
}

static bool word_at(const struct lexer *lx, size_t from, const char *w)
{
    size_t n = strlen(w);

    return from + n <= lx->len && memcmp(lx->src + from, w, n) == 0
           && (from + n == lx->len || !is_alnum(lx->src[from + n]));
}

static int lex_number(struct lexer *lx, struct token *t, bool rupee, size_t *at, struct err *e)
{
    size_t start = lx->pos, after;
    int64_t v = 0;
    int frac = 0;

    if (lex_decimal(lx, &v, &frac, at, e) != 0)
        return -1;
    t->kind = TK_NUMBER;
    t->unit = rupee ? UNIT_MONEY : UNIT_PLAIN;
    if (peek(lx, 0) == '%') {
        lx->pos++;
        if (rupee || scale(v, frac, 1, 100, &t->num) != 0) {
            *at = start;
            return err_set(e, "a percentage must be exact to 0.01%% and carry no ₹");
        }
        t->unit = UNIT_FRACTION;
        return 0;
    }
    after = lx->pos;
    while (after < lx->len && (lx->src[after] == ' ' || lx->src[after] == '\t'))
        after++;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (word_at(lx, after, units[i].word)) {
            lx->pos = after + strlen(units[i].word);
            t->unit = UNIT_MONEY;
            if (scale(v, frac, units[i].factor, 1, &t->num) != 0) {
                *at = start;
                return err_set(e, "amount is too large or finer than 0.0001 rupee");
            }
            return 0;
        }
    }
    if (scale(v, frac, 1, 1, &t->num) != 0) {
        *at = start;
        return err_set(e, "number too large or with more than 4 decimal places");
    }
    return 0;
}

static int lex_string(struct lexer *lx, struct token *t, size_t *at, struct err *e)
{
    size_t start = lx->pos++;

    while (lx->pos < lx->len && lx->src[lx->pos] != '"') {
        if (lx->src[lx->pos] == '\\') {
            char n = peek(lx, 1);
            if (n != '"' && n != '\\') {
                *at = lx->pos;
                return err_set(e, "unknown escape; only \\\" and \\\\ are allowed");
            }
            lx->pos++;
        }
        lx->pos++;
    }
    if (lx->pos >= lx->len) {
        *at = start;
        return err_set(e, "unterminated string");
    }
    lx->pos++;
    t->kind = TK_STRING;
    t->start = start;
    t->len = lx->pos - start;
    t->text_start = start + 1;
    t->text_len = t->len - 2;
    return 0;
}

static void lex_ident(struct lexer *lx, struct token *t)
{
    size_t start = lx->pos;

    for (;;) {
        while (is_alnum(peek(lx, 0)))
            lx->pos++;
        if (peek(lx, 0) == '.' && is_alpha(peek(lx, 1)))
            lx->pos++;
        else
            break;
    }
    t->kind = TK_IDENT;
    t->len = lx->pos - start;
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (strlen(keywords[i].word) == t->len && memcmp(keywords[i].word, lx->src + start, t->len) == 0)
            t->kind = keywords[i].kind;
}

static int lex_operator(struct lexer *lx, struct token *t, size_t *at, struct err *e)
{
    char c = peek(lx, 0), n = peek(lx, 1);

    lx->pos++;
    switch (c) {
    case '(': t->kind = TK_LPAREN; return 0;
    case ')': t->kind = TK_RPAREN; return 0;
    case '{': t->kind = TK_LBRACE; return 0;
    case '}': t->kind = TK_RBRACE; return 0;
    case ',': t->kind = TK_COMMA; return 0;
    case '+': t->kind = TK_PLUS; return 0;
    case '-': t->kind = TK_MINUS; return 0;
    case '*': t->kind = TK_STAR; return 0;
    case '/': t->kind = TK_SLASH; return 0;
    case '<': t->kind = n == '=' ? (lx->pos++, TK_LE) : TK_LT; return 0;
    case '>': t->kind = n == '=' ? (lx->pos++, TK_GE) : TK_GT; return 0;
    case '=':
        if (n == '=') {
            lx->pos++;
            t->kind = TK_EQ;
            return 0;
        }
        *at = lx->pos - 1;
        return err_set(e, "'=' is not an operator; compare with '=='");
    case '!':
        if (n == '=') {
            lx->pos++;
            t->kind = TK_NE;
            return 0;
        }
        break;
    default: break;
    }
    *at = lx->pos - 1;
    if ((unsigned char)c >= 0x80)
        return err_set(e, "unexpected character (non-ASCII text belongs inside a \"string\")");
    return err_set(e, "unexpected character '%c'", c);
}

int lexer_next(struct lexer *lx, struct token *t, size_t *at, struct err *e)
{
    static const char rupee[] = "\xE2\x82\xB9"; /* ₹ */

    memset(t, 0, sizeof *t);
    skip_space(lx);
    t->start = lx->pos;
    if (lx->pos >= lx->len) {
        t->kind = TK_EOF;
        return 0;
    }
    if (lx->len - lx->pos >= 3 && memcmp(lx->src + lx->pos, rupee, 3) == 0) {
        lx->pos += 3;
        skip_space(lx);
        if (!is_digit(peek(lx, 0))) {
            *at = t->start;
            return err_set(e, "₹ must be followed by an amount");
        }
        if (lex_number(lx, t, true, at, e) != 0)
            return -1;
    } else if (is_digit(peek(lx, 0))) {
        if (looks_like_date(lx) ? lex_date(lx, t, at, e) : lex_number(lx, t, false, at, e))
            return -1;
    } else if (peek(lx, 0) == '"') {
        return lex_string(lx, t, at, e);
    } else if (is_alpha(peek(lx, 0))) {
        lex_ident(lx, t);
    } else if (lex_operator(lx, t, at, e) != 0) {
        return -1;
    }
    t->len = lx->pos - t->start;
    return 0;
}

const char *tok_name(enum tok k)
{
    static const char *const names[] = {
        "end of expression", "number", "string", "date", "name", "'('", "')'", "'{'", "'}'", "','",
        "'+'", "'-'", "'*'", "'/'", "'=='", "'!='", "'<'", "'<='", "'>'", "'>='", "'and'", "'or'",
        "'not'", "'in'", "'if'", "'then'", "'else'", "'true'", "'false'",
    };
    return (size_t)k < sizeof names / sizeof names[0] ? names[k] : "?";
}
