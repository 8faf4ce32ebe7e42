#include "cicu_text.h"
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uchar.h>

static uint8_t word_class(int32_t status) {
    if (status >= UBRK_WORD_IDEO && status < UBRK_WORD_IDEO_LIMIT) return CICU_WORD_IDEO;
    if (status >= UBRK_WORD_KANA && status < UBRK_WORD_KANA_LIMIT) return CICU_WORD_KANA;
    if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT) return CICU_WORD_LETTER;
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) return CICU_WORD_NUMBER;
    return CICU_WORD_NONE;
}

struct cicu_word_breaker {
    UBreakIterator *iterator;
    UText *text;
};

cicu_word_breaker *cicu_word_breaker_open(void) {
    UErrorCode status = U_ZERO_ERROR;
    cicu_word_breaker *breaker = calloc(1, sizeof(cicu_word_breaker));
    if (breaker == 0) return 0;
    breaker->iterator = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
    if (U_FAILURE(status)) { free(breaker); return 0; }
    return breaker;
}

void cicu_word_breaker_close(cicu_word_breaker *breaker) {
    if (breaker == 0) return;
    ubrk_close(breaker->iterator);
    if (breaker->text != 0) utext_close(breaker->text);
    free(breaker);
}

int32_t cicu_word_breaker_segments(cicu_word_breaker *breaker, const char *utf8, int32_t length,
                                   int32_t *starts, int32_t *ends, uint8_t *kinds, int32_t capacity) {
    if (length <= 0) return 0;
    if (breaker == 0 || utf8 == 0 || starts == 0 || ends == 0 || kinds == 0) return -1;
    UErrorCode status = U_ZERO_ERROR;
    /* Reuses the UText struct; the iterator keeps its own shallow clone, re-set below. */
    UText *text = utext_openUTF8(breaker->text, utf8, length, &status);
    if (U_FAILURE(status)) return -1;
    breaker->text = text;
    ubrk_setUText(breaker->iterator, text, &status);
    if (U_FAILURE(status)) return -1;
    UBreakIterator *bi = breaker->iterator;
    int32_t count = 0;
    int32_t start = ubrk_first(bi);
    for (int32_t end = ubrk_next(bi); end != UBRK_DONE; start = end, end = ubrk_next(bi)) {
        if (count >= capacity) break;
        starts[count] = start;
        ends[count] = end;
        kinds[count] = word_class(ubrk_getRuleStatus(bi));
        count++;
    }
    return count;
}

int32_t cicu_word_segments(const char *utf8, int32_t length,
                           int32_t *starts, int32_t *ends, uint8_t *kinds, int32_t capacity) {
    /* One-shot use of the reusable breaker below: one segmentation loop, not two. */
    if (length <= 0) return 0;
    cicu_word_breaker *breaker = cicu_word_breaker_open();
    if (breaker == 0) return -1;
    int32_t count = cicu_word_breaker_segments(breaker, utf8, length, starts, ends, kinds, capacity);
    cicu_word_breaker_close(breaker);
    return count;
}

/* Runs one normaliser from src into `buffer` when the result fits its `capacity` UChars, else into
 * a malloc'ed buffer; *outLen receives the length. The caller frees the result unless it is `buffer`. */
static UChar *normalize_into(const UNormalizer2 *norm, const UChar *src, int32_t len,
                             UChar *buffer, int32_t capacity, int32_t *outLen) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = unorm2_normalize(norm, src, len, buffer, capacity, &status);
    /* An exact fit (U_STRING_NOT_TERMINATED_WARNING) is fine: lengths are passed, never NULs. */
    if (U_SUCCESS(status)) { *outLen = n; return buffer; }
    if (status != U_BUFFER_OVERFLOW_ERROR) return 0;
    int32_t cap = n + 1;
    UChar *dst = malloc(sizeof(UChar) * (size_t)cap);
    if (dst == 0) return 0;
    status = U_ZERO_ERROR;
    n = unorm2_normalize(norm, src, len, dst, cap, &status);
    if (U_FAILURE(status)) { free(dst); return 0; }
    *outLen = n;
    return dst;
}

/* Short tokens (nearly all) fold without touching the heap. */
enum { FOLD_STACK = 128 };

int32_t cicu_fold(const char *utf8, int32_t length, int32_t variant, char *out, int32_t capacity) {
    if (length < 0 || (length > 0 && utf8 == 0)) return -1;
    if (length == 0) return 0;
    UChar u16_stack[FOLD_STACK], normalized_stack[FOLD_STACK], folded_stack[FOLD_STACK], composed_stack[FOLD_STACK];
    UErrorCode status = U_ZERO_ERROR;
    int32_t u16len = 0;
    u_strFromUTF8(NULL, 0, &u16len, utf8, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return -1;
    status = U_ZERO_ERROR;
    UChar *u16 = u16len + 1 <= FOLD_STACK ? u16_stack : malloc(sizeof(UChar) * (size_t)(u16len + 1));
    if (u16 == 0) return -1;
    u_strFromUTF8(u16, u16len + 1, NULL, utf8, length, &status);
    if (U_FAILURE(status)) { if (u16 != u16_stack) free(u16); return -1; }

    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&status);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) { if (u16 != u16_stack) free(u16); return -1; }
    int32_t nlen = 0;
    UChar *normalized = normalize_into(nfkc, u16, u16len, normalized_stack, FOLD_STACK, &nlen);
    if (u16 != u16_stack) free(u16);
    if (normalized == 0) return -1;

    uint32_t options = U_FOLD_CASE_DEFAULT;
    if (variant == CICU_FOLD_TURKIC) {
        options = U_FOLD_CASE_EXCLUDE_SPECIAL_I;
    } else {
        /* Default folding maps U+0130 to "i\u0307", which then never matches "i". */
        for (int32_t i = 0; i < nlen; i++) if (normalized[i] == 0x0130) normalized[i] = 0x0069;
    }
    int32_t fcap = nlen * 3 + 16;
    UChar *folded = fcap <= FOLD_STACK ? folded_stack : malloc(sizeof(UChar) * (size_t)fcap);
    if (folded == 0) { if (normalized != normalized_stack) free(normalized); return -1; }
    int32_t flen = u_strFoldCase(folded, fcap, normalized, nlen, options, &status);
    if (normalized != normalized_stack) free(normalized);
    if (U_FAILURE(status)) { if (folded != folded_stack) free(folded); return -1; }

    /* Folding can leave decomposed or non-NFC sequences behind; recompose. */
    int32_t clen = 0;
    UChar *composed = normalize_into(nfc, folded, flen, composed_stack, FOLD_STACK, &clen);
    if (folded != folded_stack) free(folded);
    if (composed == 0) return -1;

    int32_t needed = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(out, capacity, &needed, composed, clen, &status);
    if (composed != composed_stack) free(composed);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return needed;
    if (U_FAILURE(status)) return -1;
    return needed;
}
