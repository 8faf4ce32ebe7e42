#include "cicu_core.h"
#include <unicode/uversion.h>

void cicu_version(char *buf, int32_t capacity) {
    if (buf == 0 || capacity <= 0) return;
    UVersionInfo info;
    u_getVersion(info);
    char tmp[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(info, tmp);
    int32_t i = 0;
    for (; i + 1 < capacity && tmp[i] != 0; i++) buf[i] = tmp[i];
    buf[i] = 0;
}
