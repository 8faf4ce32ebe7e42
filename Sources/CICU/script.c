#include "cicu_script.h"
#include <unicode/uscript.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <string.h>

static int32_t map_script(UScriptCode code) {
    switch (code) {
    case USCRIPT_LATIN: return CICU_SCRIPT_LATIN;
    case USCRIPT_CYRILLIC: return CICU_SCRIPT_CYRILLIC;
    case USCRIPT_GREEK: return CICU_SCRIPT_GREEK;
    case USCRIPT_ARABIC: return CICU_SCRIPT_ARABIC;
    case USCRIPT_HEBREW: return CICU_SCRIPT_HEBREW;
    case USCRIPT_DEVANAGARI: return CICU_SCRIPT_DEVANAGARI;
    case USCRIPT_BENGALI: return CICU_SCRIPT_BENGALI;
    case USCRIPT_GURMUKHI: return CICU_SCRIPT_GURMUKHI;
    case USCRIPT_GUJARATI: return CICU_SCRIPT_GUJARATI;
    case USCRIPT_TAMIL: return CICU_SCRIPT_TAMIL;
    case USCRIPT_TELUGU: return CICU_SCRIPT_TELUGU;
    case USCRIPT_KANNADA: return CICU_SCRIPT_KANNADA;
    case USCRIPT_MALAYALAM: return CICU_SCRIPT_MALAYALAM;
    case USCRIPT_THAI: return CICU_SCRIPT_THAI;
    case USCRIPT_HANGUL: return CICU_SCRIPT_HANGUL;
    case USCRIPT_HIRAGANA: return CICU_SCRIPT_HIRAGANA;
    case USCRIPT_KATAKANA: return CICU_SCRIPT_KATAKANA;
    case USCRIPT_HAN: return CICU_SCRIPT_HAN;
    default: return CICU_SCRIPT_OTHER;
    }
}

int32_t cicu_script_of(uint32_t code_point) {
    if (code_point > 0x10FFFF) return CICU_SCRIPT_OTHER;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript((UChar32)code_point, &status);
    if (U_FAILURE(status)) return CICU_SCRIPT_OTHER;
    return map_script(code);
}

int32_t cicu_script_histogram(const uint8_t *utf8, int32_t length, int32_t limit, int32_t *counts) {
    if (counts == 0) return 0;
    for (int32_t i = 0; i < CICU_SCRIPT_COUNT; i++) counts[i] = 0;
    if (utf8 == 0 || length <= 0) return 0;
    int32_t offset = 0, read = 0, ascii_letters = 0;
    while (offset < length && read < limit) {
        /* ASCII fast path: only letters count, and they are Latin. Most of a Latin-script mail
           is ASCII, so this loop runs without a call per byte. */
        int32_t stop = length - offset < limit - read ? length : offset + (limit - read);
        int32_t start = offset;
        /* Eight ASCII bytes at a time: a byte t = b | 0x20 is a letter when 0x61 <= t <= 0x7A,
           i.e. t + 0x1F sets the high bit and t + 0x05 does not (no carry between bytes, t < 0x80). */
        while (stop - offset >= 8) {
            uint64_t word;
            memcpy(&word, utf8 + offset, 8);
            if (word & 0x8080808080808080ULL) break;
            uint64_t t = word | 0x2020202020202020ULL;
            uint64_t letters = (t + 0x1F1F1F1F1F1F1F1FULL) & ~(t + 0x0505050505050505ULL) & 0x8080808080808080ULL;
            ascii_letters += __builtin_popcountll(letters);
            offset += 8;
        }
        while (offset < stop && utf8[offset] < 0x80) {
            ascii_letters += (uint8_t)((utf8[offset] | 0x20) - 'a') < 26;
            offset++;
        }
        read += offset - start;
        if (offset >= length || read >= limit) break;
        UChar32 c;
        U8_NEXT(utf8, offset, length, c);
        read++;
        if (c < 0) continue;
        if (!u_isalpha(c)) continue;
        UErrorCode status = U_ZERO_ERROR;
        UScriptCode code = uscript_getScript(c, &status);
        if (U_FAILURE(status)) continue;
        counts[map_script(code)]++;
    }
    counts[CICU_SCRIPT_LATIN] += ascii_letters;
    return read;
}
