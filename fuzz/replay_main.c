/* replay_main.c: runs a fuzz target over every file in the directories
 * given, without libFuzzer, so `make check` (under ASan+UBSan) replays the
 * seed corpus and every crash input ever found. Prints one TAP line per
 * directory. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data;
    long n;

    if (f == NULL)
        return -1;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return -1;
    }
    data = malloc((size_t)n + 1);
    if (data == NULL || fread(data, 1, (size_t)n, f) != (size_t)n) {
        free(data);
        fclose(f);
        return -1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(data, (size_t)n);
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    int test = 0, bad = 0;

    for (int i = 1; i < argc; i++) {
        DIR *d = opendir(argv[i]);
        struct dirent *ent;
        int files = 0;
        if (d == NULL) {
            printf("not ok %d - corpus %s missing\n", ++test, argv[i]);
            bad = 1;
            continue;
        }
        while ((ent = readdir(d)) != NULL) {
            char path[4096];
            struct stat st;
            snprintf(path, sizeof path, "%s/%s", argv[i], ent->d_name);
            if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
                continue;
            if (replay_file(path) != 0) {
                printf("not ok %d - cannot read %s\n", ++test, path);
                bad = 1;
            }
            files++;
        }
        closedir(d);
        printf("%s %d - replayed %d inputs from %s\n", files > 0 ? "ok" : "not ok", ++test, files,
               argv[i]);
        bad |= files == 0;
    }
    printf("1..%d\n", test);
    return bad;
}
