#ifndef CICU_TEXT_H
#define CICU_TEXT_H
/*
 * ICU-free header for text segmentation and normalisation. Text crosses as UTF-8 byte buffers
 * (Swift's native string storage), so offsets returned here are UTF-8 byte offsets.
 */
#include <stdint.h>

/// Word-break rule status classes (ICU's UWordBreak ranges, folded to one value each).
enum {
    CICU_WORD_NONE = 0,      /* spaces, punctuation, symbols, emoji */
    CICU_WORD_NUMBER = 1,    /* digits, with ICU's in-number separators */
    CICU_WORD_LETTER = 2,    /* letters (alphabetic scripts) */
    CICU_WORD_KANA = 3,      /* Hiragana/Katakana */
    CICU_WORD_IDEO = 4       /* ideographs */
};

/// Splits `utf8[0..<length]` at ICU word boundaries (root locale).
/// Writes segment i as [starts[i], ends[i]) in UTF-8 byte offsets with its class in kinds[i].
/// `capacity` must be at least `length` (a segment holds at least one byte).
/// Returns the number of segments, or -1 when ICU fails.
int32_t cicu_word_segments(const char *utf8, int32_t length,
                           int32_t *starts, int32_t *ends, uint8_t *kinds, int32_t capacity);

/// A word-break iterator kept open across calls, so that one text's many segments pay for
/// opening ICU's iterator once. Not thread-safe: one owner at a time.
typedef struct cicu_word_breaker cicu_word_breaker;

/// Opens a word breaker (root locale); NULL when ICU fails.
cicu_word_breaker *cicu_word_breaker_open(void);

/// Closes a breaker from `cicu_word_breaker_open` (NULL is fine).
void cicu_word_breaker_close(cicu_word_breaker *breaker);

/// `cicu_word_segments` with an open breaker; same contract and results.
int32_t cicu_word_breaker_segments(cicu_word_breaker *breaker, const char *utf8, int32_t length,
                                   int32_t *starts, int32_t *ends, uint8_t *kinds, int32_t capacity);

/// Case-folding variants.
enum {
    /// Unicode full case folding (ß -> ss), except that dotted capital I (U+0130) folds to plain
    /// "i" rather than "i" + U+0307, so "İstanbul" and "istanbul" meet.
    CICU_FOLD_DEFAULT = 0,
    /// Turkic folding: I -> ı (dotless), İ -> i.
    CICU_FOLD_TURKIC = 1
};

/// NFKC-normalises, case-folds and re-composes (NFC) `utf8[0..<length]` into `out`.
/// Returns the UTF-8 length of the result (which may exceed `capacity`: call again with a bigger
/// buffer), or -1 when ICU fails.
int32_t cicu_fold(const char *utf8, int32_t length, int32_t variant, char *out, int32_t capacity);

#endif
