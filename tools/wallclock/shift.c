/*
 * Shifts the wall clock (and only it) of a process and of every process it starts, by the number
 * of seconds in $SPO_WALLCLOCK_SHIFT: CI runs the date-sensitive tests at hostile instants with it.
 *
 * Why not Debian's faketime: libfaketime 0.9.10 also fakes CLOCK_MONOTONIC, and then Python 3.11's
 * timed waits (sem_clockwait on the monotonic clock) hang for the length of the shift
 * (https://github.com/wolfcw/libfaketime/issues/390, #469); with FAKETIME_DONT_FAKE_MONOTONIC=1
 * its clock_nanosleep wrapper makes every time.sleep() fail with EINVAL. Shifting CLOCK_REALTIME
 * alone leaves timers, waits and sleeps to the kernel, as they should be.
 *
 * Build: gcc -shared -fPIC -O2 -o libwallclock_shift.so shift.c -ldl
 * Use:   tools/wallclock/run-at '2026-12-05 02:00:00 +0700' command ...
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static long long shift_seconds(void) {
    static long long shift;
    static int read_it;
    if (!read_it) {
        const char *text = getenv("SPO_WALLCLOCK_SHIFT");
        shift = text ? strtoll(text, NULL, 10) : 0;
        read_it = 1;
    }
    return shift;
}

static int is_wall_clock(clockid_t clock) {
    return clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE;
}

int clock_gettime(clockid_t clock, struct timespec *now) {
    static int (*real)(clockid_t, struct timespec *);
    if (!real) real = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
    int result = real(clock, now);
    if (result == 0 && is_wall_clock(clock)) now->tv_sec += shift_seconds();
    return result;
}

int gettimeofday(struct timeval *restrict now, void *restrict zone) {
    static int (*real)(struct timeval *restrict, void *restrict);
    if (!real) real = (int (*)(struct timeval *restrict, void *restrict))dlsym(RTLD_NEXT, "gettimeofday");
    int result = real(now, zone);
    if (result == 0) now->tv_sec += shift_seconds();
    return result;
}

time_t time(time_t *out) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (out) *out = now.tv_sec;
    return now.tv_sec;
}
