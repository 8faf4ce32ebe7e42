#ifndef CICU_CORE_H
#define CICU_CORE_H
/*
 * ICU-free public header: only C standard types cross into Swift. Each area of the shim
 * (charsets, text segmentation, ...) has its own header beside this one.
 */
#include <stdint.h>

/// Writes the ICU version ("72.1") into buf (NUL-terminated). Used by `switchyard --version`
/// and by tests to prove the system ICU is linked, not Foundation's copy.
void cicu_version(char *buf, int32_t capacity);

#endif
