// Linux event primitives with plain (non-packed) structs for Swift.
#ifndef OPENCHAT_CLINUX_SHIM_H
#define OPENCHAT_CLINUX_SHIM_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <errno.h>
#include <stdio.h>

/// One readiness event: the registered token and the epoll event bits.
typedef struct {
    uint64_t token;
    uint32_t events;
} oclinux_event;

static inline int oclinux_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t token) {
    struct epoll_event ev;
    ev.events = events;
    ev.data.u64 = token;
    return epoll_ctl(epfd, op, fd, &ev);
}

/// Waits like epoll_wait and copies up to `max` events (max <= 1024) into `out`.
static inline int oclinux_epoll_wait(int epfd, oclinux_event *out, int max, int timeout_ms) {
    struct epoll_event evs[1024];
    if (max > 1024) max = 1024;
    int n = epoll_wait(epfd, evs, max, timeout_ms);
    for (int i = 0; i < n; i++) {
        out[i].token = evs[i].data.u64;
        out[i].events = evs[i].events;
    }
    return n;
}

static inline uint64_t oclinux_monotonic_nanoseconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static inline int oclinux_errno(void) { return errno; }

/// Raises the soft open-file limit to the hard limit; returns the new soft limit.
static inline long oclinux_raise_nofile(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return -1;
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    getrlimit(RLIMIT_NOFILE, &rl);
    return (long)rl.rlim_cur;
}

static inline void oclinux_ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }


/// Makes stdout line-buffered (Swift 6 cannot touch the C global `stdout` itself).
static inline void oclinux_line_buffer_stdout(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
}

#endif
