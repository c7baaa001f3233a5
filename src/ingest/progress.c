#include "ingest/progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

double progress_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(struct progress *p, const char *label, uint64_t total, bool force_off)
{
    p->enabled = !force_off && isatty(STDERR_FILENO);
    p->label = label;
    p->total = total;
    p->started = progress_now();
    p->drawn = 0;
}

static void draw(struct progress *p, uint64_t done, uint64_t rows, double now)
{
    char bar[31];
    double frac = p->total ? (double)done / (double)p->total : 0;
    double elapsed = now - p->started;
    double rate = elapsed > 0 ? (double)rows / elapsed : 0;
    int filled;

    if (frac > 1)
        frac = 1;
    filled = (int)(frac * 30);
    for (int i = 0; i < 30; i++)
        bar[i] = i < filled ? '#' : '-';
    bar[30] = '\0';
    fprintf(stderr, "\r%-10s [%s] %3d%%  %llu rows  %.0f rows/s  ", p->label, bar, (int)(frac * 100),
            (unsigned long long)rows, rate);
    if (frac > 0 && frac < 1)
        fprintf(stderr, "ETA %.0fs ", elapsed * (1 - frac) / frac);
    fflush(stderr);
}

void progress_update(struct progress *p, uint64_t done, uint64_t rows)
{
    double now;

    if (!p->enabled)
        return;
    now = progress_now();
    if (now - p->drawn < 0.2)
        return;
    p->drawn = now;
    draw(p, done, rows, now);
}

void progress_finish(struct progress *p, uint64_t rows)
{
    if (!p->enabled)
        return;
    draw(p, p->total, rows, progress_now());
    fputc('\n', stderr);
}
