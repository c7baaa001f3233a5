/* lexer.h: tokens of the rule language (docs/rules.md §2). */
#ifndef SAMANVAY_LEXER_H
#define SAMANVAY_LEXER_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum tok {
    TK_EOF = 0,
    TK_NUMBER,      /* value in num fixed point; unit in tok.unit */
    TK_STRING,      /* text in [text_start, +text_len), escapes resolved by the parser */
    TK_DATE,        /* YYYY-MM-DD */
    TK_IDENT,       /* a name or a dotted path: enterprise.turnover */
    TK_LPAREN, TK_RPAREN, TK_LBRACE, TK_RBRACE, TK_COMMA,
    TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH,
    TK_EQ, TK_NE, TK_LT, TK_LE, TK_GT, TK_GE,
    /* keywords */
    TK_AND, TK_OR, TK_NOT, TK_IN, TK_IF, TK_THEN, TK_ELSE, TK_TRUE, TK_FALSE,
};

struct token {
    enum tok kind;
    size_t start, len;      /* byte offsets into the source */
    int64_t num;            /* TK_NUMBER */
    int unit;               /* TK_NUMBER: enum vunit */
    int32_t date;           /* TK_DATE */
    size_t text_start, text_len; /* TK_STRING: the text between the quotes */
};

struct lexer {
    const char *src;
    size_t len, pos;
};

void lexer_init(struct lexer *lx, const char *src, size_t len);
/* The next token; on a lexical error returns -1 with e set and *at the offset. */
int lexer_next(struct lexer *lx, struct token *t, size_t *at, struct err *e);
const char *tok_name(enum tok k);

#endif
