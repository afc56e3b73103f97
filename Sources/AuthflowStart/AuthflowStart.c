// What authflow does before the Swift runtime starts, in one process (no second start).
//
// The runtime's crash backtracer is interactive when standard input and output are terminals: after
// a crash report it waits for a key (30 s), with the terminal perhaps still in the TUI's modes. It
// decides that once, when the runtime starts (a constructor of libswiftCore, or of the executable
// when the runtime is linked in statically), from `SWIFT_BACKTRACE` and `isatty(0)`. An
// executable's `.preinit_array` runs before any constructor, so here standard input is moved aside
// (to /dev/null) when it is a terminal and `SWIFT_BACKTRACE` names no `interactive` setting of its
// own, and `authflow_start_finish`, the first thing `main` does, puts the terminal back. The
// runtime then sees no terminal on standard input and makes its report non-interactive (its "full"
// preset, on standard error), just as `SWIFT_BACKTRACE=interactive=no` would. Only
// async-signal-safe, allocation-free calls are used there: the C library is not initialised yet in
// a pre-initialiser (`environ` is not set, so the environment is read from the `envp` argument).
//
// A release build links the Swift runtime statically (`--static-swift-stdlib`: less memory and a
// faster start, docs/performance.md). Its constructors are then this executable's, and one of ours
// would run before them: so standard input is given back from `main`, not from a constructor.

#include "AuthflowStart.h"

#if defined(__linux__)

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

// Volatile: set by the pre-initialiser, which an optimiser cannot see runs at all. (When the
// restore was a constructor, clang evaluated it at compile time with the initial -1 and dropped it.)
static volatile int savedInput = -1;
static volatile bool hidTerminal = false;

/// Whether the user chose how the backtracer behaves: `SWIFT_BACKTRACE` mentions `interactive`,
/// or switches it off (`enable=no`), in which case nothing is changed.
static bool userChoseBacktraceSetting(char **envp) {
    static const char name[] = "SWIFT_BACKTRACE=";
    if (envp == NULL) return false;
    for (char **entry = envp; *entry != NULL; entry++) {
        if (strncmp(*entry, name, sizeof(name) - 1) != 0) continue;
        const char *value = *entry + sizeof(name) - 1;
        return strstr(value, "interactive") != NULL || strstr(value, "enable=no") != NULL;
    }
    return false;
}

static void authflowPreinit(int argc, char **argv, char **envp) {
    (void)argc;
    (void)argv;
    if (!isatty(STDIN_FILENO) || userChoseBacktraceSetting(envp)) return;
    int saved = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 10);
    if (saved < 0) return;
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null < 0) {
        close(saved);
        return;
    }
    if (dup2(null, STDIN_FILENO) < 0) {
        close(null);
        close(saved);
        return;
    }
    close(null);
    savedInput = saved;
    hidTerminal = true;
}

void authflow_start_finish(void) {
    if (savedInput < 0) return;
    // dup2 clears close-on-exec on the new descriptor: standard input is inherited as before.
    int tries = 0;
    while (dup2(savedInput, STDIN_FILENO) < 0 && errno == EINTR && ++tries < 100) {
    }
    close(savedInput);
    savedInput = -1;
}

__attribute__((section(".preinit_array"), used)) static void (*const authflowPreinitEntry)(
    int, char **, char **) = authflowPreinit;

bool authflow_start_hid_terminal(void) { return hidTerminal; }

#else

// Elsewhere the runtime's backtracer is not interactive by default.
bool authflow_start_hid_terminal(void) { return false; }

void authflow_start_finish(void) {}

#endif
