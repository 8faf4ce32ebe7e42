#ifndef CICU_CHARSET_H
#define CICU_CHARSET_H
/*
 * Charset conversion and detection through ICU (ucnv, ucsdet). ICU-free on purpose: only
 * stdint types cross into Swift, so Foundation-importing modules can use it (STYLE.md 1-2).
 */
#include <stdint.h>

/// Converts `src` in charset `name` to UTF-8 into `dst`. Invalid input is replaced by U+FFFD
/// and counted in `*substitutions`. Returns the UTF-8 length written, -1 when ICU does not know
/// the charset, or -2 - needed when `dst` is too small (call again with at least `needed` bytes).
int32_t cicu_charset_to_utf8(const char *name, const uint8_t *src, int32_t srcLength,
                             uint8_t *dst, int32_t dstCapacity, int32_t *substitutions);

/// Writes ICU's canonical name for a charset label into `buf`; returns 1 if known, 0 if not.
int32_t cicu_charset_canonical(const char *name, char *buf, int32_t capacity);

/// Guesses the charset of unlabeled bytes with ICU's detector. Writes the name into `buf` and
/// returns the confidence (0-100), or -1 when the detector has no answer.
int32_t cicu_charset_detect(const uint8_t *src, int32_t srcLength, char *buf, int32_t capacity);

#endif
