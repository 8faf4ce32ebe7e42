#ifndef CICU_SCRIPT_H
#define CICU_SCRIPT_H
/*
 * ICU-free script detection for language identification: ICU's UScriptCode values are mapped
 * onto this small, stable set so that no ICU type crosses into Swift.
 */
#include <stdint.h>

/// Writing systems that decide or narrow the language before any n-gram scoring.
enum {
    CICU_SCRIPT_OTHER = 0,
    CICU_SCRIPT_LATIN,
    CICU_SCRIPT_CYRILLIC,
    CICU_SCRIPT_GREEK,
    CICU_SCRIPT_ARABIC,
    CICU_SCRIPT_HEBREW,
    CICU_SCRIPT_DEVANAGARI,
    CICU_SCRIPT_BENGALI,
    CICU_SCRIPT_GURMUKHI,
    CICU_SCRIPT_GUJARATI,
    CICU_SCRIPT_TAMIL,
    CICU_SCRIPT_TELUGU,
    CICU_SCRIPT_KANNADA,
    CICU_SCRIPT_MALAYALAM,
    CICU_SCRIPT_THAI,
    CICU_SCRIPT_HANGUL,
    CICU_SCRIPT_HIRAGANA,
    CICU_SCRIPT_KATAKANA,
    CICU_SCRIPT_HAN,
    CICU_SCRIPT_COUNT
};

/// The script of one code point (ICU `uscript_getScript`), as a CICU_SCRIPT_* value. Common and
/// inherited characters (digits, punctuation, combining marks) and unmapped scripts give OTHER.
int32_t cicu_script_of(uint32_t code_point);

/// Counts the letters of each CICU_SCRIPT_* value in a UTF-8 buffer, reading at most `limit`
/// code points (bounded work on huge bodies). `counts` must hold CICU_SCRIPT_COUNT entries.
/// Returns the number of code points read. Malformed UTF-8 sequences are skipped.
int32_t cicu_script_histogram(const uint8_t *utf8, int32_t length, int32_t limit, int32_t *counts);

#endif
