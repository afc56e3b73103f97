#ifndef AUTHFLOW_START_H
#define AUTHFLOW_START_H

#include <stdbool.h>

/// Whether standard input was hidden from the Swift runtime's start-up (it was a terminal and
/// `SWIFT_BACKTRACE` chose no `interactive` setting), so its crash backtracer is not interactive.
/// Standard input is the terminal again before `main` runs.
bool authflow_start_hid_terminal(void);

#endif
