#include "cicu_charset.h"
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

/* Counts each replaced sequence, then substitutes U+FFFD like ICU's default callback. */
static void count_and_substitute(const void *context, UConverterToUnicodeArgs *args,
                                 const char *codeUnits, int32_t length,
                                 UConverterCallbackReason reason, UErrorCode *err) {
    if (reason <= UCNV_IRREGULAR && context != NULL) {
        (*(int32_t *)context)++;
    }
    if (reason <= UCNV_IRREGULAR) {
        static const UChar replacement[1] = {0xFFFD};
        *err = U_ZERO_ERROR;
        ucnv_cbToUWriteUChars(args, replacement, 1, 0, err);
    }
    (void)codeUnits;
    (void)length;
}

int32_t cicu_charset_to_utf8(const char *name, const uint8_t *src, int32_t srcLength,
                             uint8_t *dst, int32_t dstCapacity, int32_t *substitutions) {
    UErrorCode status = U_ZERO_ERROR;
    if (substitutions != NULL) *substitutions = 0;
    if (src == NULL || srcLength <= 0) return 0;
    if (srcLength > (INT32_MAX - 16) / 2) return -1;
    UConverter *conv = ucnv_open(name, &status);
    if (U_FAILURE(status) || conv == NULL) return -1;
    ucnv_setToUCallBack(conv, count_and_substitute, substitutions, NULL, NULL, &status);
    if (U_FAILURE(status)) { ucnv_close(conv); return -1; }

    /* One input byte yields at most two UTF-16 units in every ICU table. */
    int32_t ucap = srcLength * 2 + 16;
    UChar *ubuf = (UChar *)malloc(sizeof(UChar) * (size_t)ucap);
    if (ubuf == NULL) { ucnv_close(conv); return -1; }
    UChar *target = ubuf;
    const char *source = (const char *)src;
    ucnv_toUnicode(conv, &target, ubuf + ucap, &source, source + srcLength, NULL, 1, &status);
    ucnv_close(conv);
    if (U_FAILURE(status)) { free(ubuf); return -1; }
    int32_t ulen = (int32_t)(target - ubuf);

    int32_t written = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8WithSub((char *)dst, dstCapacity, &written, ubuf, ulen, 0xFFFD, NULL, &status);
    free(ubuf);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -2 - written;
    if (U_FAILURE(status)) return -1;
    return written;
}

int32_t cicu_charset_canonical(const char *name, char *buf, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *conv = ucnv_open(name, &status);
    if (U_FAILURE(status) || conv == NULL) return 0;
    const char *canonical = ucnv_getName(conv, &status);
    int32_t ok = 0;
    if (U_SUCCESS(status) && canonical != NULL && buf != NULL && capacity > 0) {
        strncpy(buf, canonical, (size_t)capacity - 1);
        buf[capacity - 1] = 0;
        ok = 1;
    }
    ucnv_close(conv);
    return ok;
}

int32_t cicu_charset_detect(const uint8_t *src, int32_t srcLength, char *buf, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    if (src == NULL || srcLength <= 0) return -1;
    UCharsetDetector *det = ucsdet_open(&status);
    if (U_FAILURE(status)) return -1;
    ucsdet_setText(det, (const char *)src, srcLength, &status);
    const UCharsetMatch *match = ucsdet_detect(det, &status);
    int32_t confidence = -1;
    if (U_SUCCESS(status) && match != NULL) {
        const char *name = ucsdet_getName(match, &status);
        int32_t c = ucsdet_getConfidence(match, &status);
        if (U_SUCCESS(status) && name != NULL && buf != NULL && capacity > 0) {
            strncpy(buf, name, (size_t)capacity - 1);
            buf[capacity - 1] = 0;
            confidence = c;
        }
    }
    ucsdet_close(det);
    return confidence;
}
