#include "core/embedded.h"

#include <string.h>

const struct embedded_file *embedded_find(const char *name)
{
    size_t n;
    const struct embedded_file *files = embedded_files(&n);

    for (size_t i = 0; i < n; i++)
        if (strcmp(files[i].name, name) == 0)
            return &files[i];
    return NULL;
}
