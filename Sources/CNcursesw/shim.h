#ifndef AUTHFLOW_CNCURSESW_SHIM_H
#define AUTHFLOW_CNCURSESW_SHIM_H

/*
 * SwiftPM drops the -D flags pkg-config reports for ncursesw, so the wide-character API
 * (cchar_t, wget_wch, mvadd_wch, setcchar) is switched on here, before the header.
 */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/*
 * Swift cannot import curses' function-like macros at all, and reading its mutable globals
 * (stdscr, COLS, LINES) is not concurrency-safe in Swift 6. These accessors are the only way
 * Swift reaches them; CursesTerminal calls them from the main actor only.
 */

// MARK: - Globals

static inline WINDOW *authflow_stdscr(void) { return stdscr; }
static inline WINDOW *authflow_curscr(void) { return curscr; }
static inline int authflow_cols(void) { return COLS; }
static inline int authflow_lines(void) { return LINES; }

// MARK: - Character widths

/* glibc declares wcwidth only for _XOPEN_SOURCE, which the system modules are built without. */
extern int wcwidth(wchar_t c);

/// The columns the C library (and so curses) gives a character: 0, 1, 2, or -1 if unprintable.
static inline int authflow_wcwidth(wchar_t c) { return wcwidth(c); }

// MARK: - Results

static inline int authflow_err(void) { return ERR; }
static inline int authflow_ok(void) { return OK; }
static inline int authflow_key_code_yes(void) { return KEY_CODE_YES; }

// MARK: - Attributes and colours

static inline attr_t authflow_a_normal(void) { return A_NORMAL; }
static inline attr_t authflow_a_bold(void) { return A_BOLD; }
static inline attr_t authflow_a_dim(void) { return A_DIM; }
static inline attr_t authflow_a_reverse(void) { return A_REVERSE; }
static inline attr_t authflow_a_underline(void) { return A_UNDERLINE; }
static inline attr_t authflow_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

static inline short authflow_color_black(void) { return COLOR_BLACK; }
static inline short authflow_color_red(void) { return COLOR_RED; }
static inline short authflow_color_green(void) { return COLOR_GREEN; }
static inline short authflow_color_yellow(void) { return COLOR_YELLOW; }
static inline short authflow_color_blue(void) { return COLOR_BLUE; }
static inline short authflow_color_magenta(void) { return COLOR_MAGENTA; }
static inline short authflow_color_cyan(void) { return COLOR_CYAN; }
static inline short authflow_color_white(void) { return COLOR_WHITE; }

// MARK: - Key codes

static inline int authflow_key_down(void) { return KEY_DOWN; }
static inline int authflow_key_up(void) { return KEY_UP; }
static inline int authflow_key_left(void) { return KEY_LEFT; }
static inline int authflow_key_right(void) { return KEY_RIGHT; }
static inline int authflow_key_home(void) { return KEY_HOME; }
static inline int authflow_key_end(void) { return KEY_END; }
static inline int authflow_key_npage(void) { return KEY_NPAGE; }
static inline int authflow_key_ppage(void) { return KEY_PPAGE; }
static inline int authflow_key_backspace(void) { return KEY_BACKSPACE; }
static inline int authflow_key_dc(void) { return KEY_DC; }
static inline int authflow_key_ic(void) { return KEY_IC; }
static inline int authflow_key_enter(void) { return KEY_ENTER; }
static inline int authflow_key_btab(void) { return KEY_BTAB; }
static inline int authflow_key_resize(void) { return KEY_RESIZE; }
static inline int authflow_key_f0(void) { return KEY_F0; }
static inline int authflow_key_mouse(void) { return KEY_MOUSE; }

// MARK: - Mouse

/// Asks for button presses and the wheel (no motion, no click timing); returns whether the
/// terminal reports the mouse.
static inline int authflow_enable_mouse(void) {
    mmask_t old = 0;
    mmask_t wanted = BUTTON1_PRESSED | BUTTON2_PRESSED | BUTTON3_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    wanted |= BUTTON5_PRESSED;
#endif
    mmask_t got = mousemask(wanted, &old);
    mouseinterval(0);
    return got != 0 && has_mouse();
}

/// The mouse event after KEY_MOUSE: 1 a press, 2 the wheel up, 3 the wheel down, 0 anything else.
static inline int authflow_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON4_PRESSED) return 2;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 3;
#endif
    if (event.bstate & (BUTTON1_PRESSED | BUTTON2_PRESSED | BUTTON3_PRESSED)) return 1;
    return 0;
}
static inline int authflow_key_f(int n) { return KEY_F(n); }

// MARK: - Cells

/// Writes one cell on stdscr: up to CCHARW_MAX wide characters (a base and its combining marks).
/// Returns -2 when the characters do not make one cell (setcchar refused them), else what
/// mvwadd_wch returned (ERR in the bottom-right corner even though the cell was written).
static inline int authflow_put_cell(int y, int x, const wchar_t *text, int count,
                                    attr_t attrs, short pair) {
    wchar_t buffer[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) buffer[i] = text[i];
    buffer[n] = L'\0';
    cchar_t cell;
    if (setcchar(&cell, buffer, attrs, pair, NULL) == ERR) return -2;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/// Reads one cell back from a window: its characters (NUL-terminated, so `text` must hold
/// CCHARW_MAX + 1), attributes and colour pair.
static inline int authflow_read_cell(WINDOW *window, int y, int x, wchar_t *text,
                                     attr_t *attrs, short *pair) {
    cchar_t cell;
    if (mvwin_wch(window, y, x, &cell) == ERR) return ERR;
    return getcchar(&cell, text, attrs, pair, NULL);
}

/// The number of wide characters a cell can hold.
static inline int authflow_cell_capacity(void) { return CCHARW_MAX; }

#endif
