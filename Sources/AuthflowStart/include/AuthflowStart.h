#ifndef AUTHFLOW_START_H
#define AUTHFLOW_START_H

#include <stdbool.h>

/// Whether standard input was hidden from the Swift runtime's start-up (it was a terminal and
/// `SWIFT_BACKTRACE` chose no `interactive` setting), so its crash backtracer is not interactive.
/// Standard input is the terminal again once `authflow_start_finish` ran.
bool authflow_start_hid_terminal(void);

/// Gives standard input back to the process when it was hidden from the runtime's start-up. The
/// first thing `main` does: every constructor has run, the runtime's included (a release build
/// links the runtime statically, so its constructors are the executable's).
void authflow_start_finish(void);

#endif
