#ifndef CLINEEDIT_H
#define CLINEEDIT_H

/*
 * C shims over Debian's libedit (histedit API) for the LineEditing Swift module.
 *
 * Swift cannot call C variadic functions (el_set, el_get, history, ioctl) and
 * cannot install an async-signal-safe handler itself, so everything of that
 * kind lives here behind plain, non-variadic functions.
 */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Interrupts -------------------------------------------------------- */

/*
 * Installs the SIGINT and SIGWINCH handlers (idempotent). SIGINT only sets a
 * flag (the process never exits on Ctrl-C) and wakes the line reader through a
 * self-pipe, so whichever thread the kernel delivers the signal to, a prompt
 * that is waiting for a key notices it. Returns 0 on success, -1 on failure.
 */
int cle_interrupts_install(void);
/* 1 if SIGINT arrived since the last cle_interrupt_clear(). */
int cle_interrupt_requested(void);
/* Forgets any pending SIGINT. */
void cle_interrupt_clear(void);

/* ---- Terminal ---------------------------------------------------------- */

/* 1 if the file descriptor is a terminal. */
int cle_is_terminal(int fd);
/* Width of the terminal on standard output, or 80 when unknown. */
int cle_terminal_columns(void);
/* Writes to standard output (the FILE* libedit uses) and flushes. */
void cle_write_output(const char *text);
/* Writes to standard error and flushes. */
void cle_write_error(const char *text);

/* ---- Editor ------------------------------------------------------------ */

typedef struct cle_editor cle_editor;

/*
 * Called when Tab is pressed. `buffer` holds the whole line (UTF-8, `length`
 * bytes, not NUL-terminated); `cursor` is the cursor's byte offset in it.
 * The callback edits the line through cle_editor_replace_before_cursor and
 * returns one of the CLE_COMPLETION_* codes.
 */
typedef int (*cle_completion_fn)(void *context, cle_editor *editor,
                                 const char *buffer, int length, int cursor);

enum {
    CLE_COMPLETION_REFRESH = 0,   /* the line changed: redraw it */
    CLE_COMPLETION_REDISPLAY = 1, /* something was printed below: redraw prompt and line */
    CLE_COMPLETION_BEEP = 2       /* nothing to complete */
};

enum {
    CLE_READ_LINE = 0,
    CLE_READ_INTERRUPTED = 1,
    CLE_READ_END_OF_FILE = 2
};

/*
 * Creates an editor on standard input/output with an in-memory history of at
 * most `max_history` entries. The terminal is not touched until the first
 * cle_editor_read.
 */
cle_editor *cle_editor_create(const char *program_name, int max_history);
void cle_editor_destroy(cle_editor *editor);

void cle_editor_set_completion(cle_editor *editor, cle_completion_fn fn, void *context);

/* Adds one entry to the in-memory history (consecutive duplicates are dropped). */
void cle_editor_history_add(cle_editor *editor, const char *line);

/*
 * Shows `prompt` and edits one line. Returns CLE_READ_LINE with the line in
 * *line (UTF-8, NUL-terminated, without the trailing newline; owned by the
 * editor and valid until the next call), or CLE_READ_INTERRUPTED, or
 * CLE_READ_END_OF_FILE.
 */
int cle_editor_read(cle_editor *editor, const char *prompt, const char **line);

/*
 * For completion callbacks only: deletes `scalars_before_cursor` Unicode
 * scalars before the cursor and inserts `text` (UTF-8) in their place.
 * Returns 0 on success, -1 on failure.
 */
int cle_editor_replace_before_cursor(cle_editor *editor, int scalars_before_cursor,
                                     const char *text);

#ifdef __cplusplus
}
#endif

#endif
