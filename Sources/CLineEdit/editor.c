/*
 * The line editor proper, on libedit's native (histedit.h) API rather than its
 * readline emulation (<editline/readline.h>). The emulation's readline()
 * returns NULL both for end of file and for an interrupted read, cannot tell
 * us which happened, and leaves signal handling to libedit (see
 * interrupts.c). The native API lets us supply the character reader
 * (EL_GETCFN), bind our own functions to Tab and Ctrl-C (EL_ADDFN/EL_BIND),
 * and read the line buffer during completion (el_line).
 */
#include "CLineEdit.h"

#include <errno.h>
#include <histedit.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "internal.h"

#define CONTROL_C 3

struct cle_editor {
    EditLine *el;
    History *history;
    char *program_name;
    char *prompt;
    char *line;
    int interrupted;
    cle_completion_fn completion_fn;
    void *completion_context;
};

/*
 * libedit decodes input and measures display width with the C library's
 * multibyte functions, which follow LC_CTYPE. Swift programs never call
 * setlocale, so without this every non-ASCII byte would be dropped as an
 * invalid character. The user's locale wins; a plain "C" locale is upgraded to
 * C.UTF-8 because surv's input is UTF-8 by definition. Only LC_CTYPE changes,
 * so number formatting is unaffected.
 */
static void ensure_utf8_ctype(void) {
    const char *chosen = setlocale(LC_CTYPE, "");
    if (chosen == NULL || MB_CUR_MAX == 1) {
        if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "C.utf8");
    }
}

static cle_editor *editor_of(EditLine *el) {
    cle_editor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    return editor;
}

static char *prompt_of(EditLine *el) {
    cle_editor *editor = editor_of(el);
    return (editor && editor->prompt) ? editor->prompt : (char *)"";
}

/*
 * Character reader (EL_GETCFN). libedit's built-in one blocks in read(2) and,
 * with EL_SIGNAL off, never learns of a Ctrl-C (SA_RESTART restarts the read).
 * Ours waits in poll(2) on the terminal and on the signal self-pipe. A pending
 * SIGINT is reported as the character Ctrl-C, which is bound to
 * `surv-interrupt` below, so a signal and a literal ^C byte behave the same.
 * Returns 1 with a character, 0 at end of file, -1 on error (libedit's
 * contract).
 */
static int read_character(EditLine *el, wchar_t *out) {
    char bytes[MB_LEN_MAX];
    size_t pending = 0;
    int wake_fd = cle_internal_wake_fd();
    for (;;) {
        if (cle_interrupt_requested()) {
            cle_interrupt_clear();
            cle_internal_drain_wake_pipe();
            *out = CONTROL_C;
            return 1;
        }
        if (cle_internal_take_resize()) {
            /* Without EL_SIGNAL libedit does not track the window size by
               itself. Only re-read it: EL_REFRESH here would redraw the
               prompt at the current cursor column (libedit assumes column 0),
               duplicating it; the next key redraws with the new width. */
            el_resize(el);
        }
        if (cle_internal_take_stop()) {
            el_set(el, EL_PREP_TERM, 0); /* cooked mode for the shell */
            cle_internal_stop_now();     /* suspended here until `fg` */
            el_set(el, EL_PREP_TERM, 1); /* raw mode again */
            el_set(el, EL_REFRESH);      /* the shell moved the cursor to a new line: redraw */
            continue;
        }
        struct pollfd fds[2];
        fds[0].fd = STDIN_FILENO;
        fds[0].events = POLLIN;
        fds[0].revents = 0;
        fds[1].fd = wake_fd;
        fds[1].events = POLLIN;
        fds[1].revents = 0;
        int ready = poll(fds, wake_fd >= 0 ? 2 : 1, -1);
        if (ready < 0) {
            if (errno == EINTR) continue;
            *out = 0;
            return -1;
        }
        if (wake_fd >= 0 && (fds[1].revents & POLLIN)) cle_internal_drain_wake_pipe();
        if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;

        ssize_t got = read(STDIN_FILENO, bytes + pending, 1);
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            *out = 0;
            return -1;
        }
        if (got == 0) {
            *out = 0;
            return 0;
        }
        pending += 1;
        mbstate_t state;
        memset(&state, 0, sizeof state);
        size_t used = mbrtowc(out, bytes, pending, &state);
        if (used == (size_t)-2) {
            if (pending < sizeof bytes) continue; /* incomplete sequence: read on */
            pending = 0;                          /* overlong garbage: drop it */
            continue;
        }
        if (used == (size_t)-1) { /* invalid byte sequence: drop it */
            pending = 0;
            continue;
        }
        return 1;
    }
}

/*
 * Ctrl-C at the prompt: discard the line. A bound function cannot make
 * el_gets return "interrupted", so we record the fact, move to the end of the
 * line, show "^C" like a shell does, and push a newline into libedit's input
 * queue: libedit's own newline handling then moves the terminal cursor below
 * a possibly wrapped line before el_gets returns. The caller throws the text
 * away.
 */
static unsigned char interrupt_line(EditLine *el, int ch) {
    (void)ch;
    cle_editor *editor = editor_of(el);
    if (editor) editor->interrupted = 1;
    const LineInfoW *info = el_wline(el);
    if (info) el_cursor(el, (int)(info->lastchar - info->cursor));
    el_insertstr(el, "^C");
    el_push(el, "\n");
    return CC_REFRESH;
}

static unsigned char complete_word(EditLine *el, int ch) {
    (void)ch;
    cle_editor *editor = editor_of(el);
    if (editor == NULL || editor->completion_fn == NULL) return CC_ERROR;
    const LineInfo *info = el_line(el);
    if (info == NULL) return CC_ERROR;
    int result = editor->completion_fn(editor->completion_context, editor, info->buffer,
                                       (int)(info->lastchar - info->buffer),
                                       (int)(info->cursor - info->buffer));
    switch (result) {
    case CLE_COMPLETION_REFRESH: return CC_REFRESH;
    case CLE_COMPLETION_REDISPLAY: return CC_REDISPLAY;
    default: return CC_REFRESH_BEEP;
    }
}

cle_editor *cle_editor_create(const char *program_name, int max_history) {
    cle_editor *editor = calloc(1, sizeof *editor);
    if (editor == NULL) return NULL;
    editor->program_name = strdup(program_name ? program_name : "surv");
    editor->history = history_init();
    if (editor->program_name == NULL || editor->history == NULL) {
        cle_editor_destroy(editor);
        return NULL;
    }
    HistEvent event;
    history(editor->history, &event, H_SETSIZE, max_history > 0 ? max_history : 1);
    history(editor->history, &event, H_SETUNIQUE, 1);
    return editor;
}

void cle_editor_destroy(cle_editor *editor) {
    if (editor == NULL) return;
    if (editor->el) el_end(editor->el);
    if (editor->history) history_end(editor->history);
    free(editor->program_name);
    free(editor->prompt);
    free(editor->line);
    free(editor);
}

void cle_editor_set_completion(cle_editor *editor, cle_completion_fn fn, void *context) {
    editor->completion_fn = fn;
    editor->completion_context = context;
}

void cle_editor_history_add(cle_editor *editor, const char *line) {
    HistEvent event;
    history(editor->history, &event, H_ENTER, line);
}

static int ensure_editline(cle_editor *editor) {
    if (editor->el) return 0;
    ensure_utf8_ctype();
    EditLine *el = el_init(editor->program_name, stdin, stdout, stderr);
    if (el == NULL) return -1;
    editor->el = el;
    el_set(el, EL_CLIENTDATA, editor);
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_SIGNAL, 0); /* see interrupts.c */
    el_set(el, EL_HIST, history, editor->history);
    el_set(el, EL_PROMPT, prompt_of);
    el_set(el, EL_GETCFN, read_character);
    /* The user's ~/.editrc (or $EDITRC) first, so that `bind -v` there
       still gets our Tab and Ctrl-C bindings in the map it selects. */
    el_source(el, NULL);
    el_set(el, EL_ADDFN, "surv-complete", "Complete the word before the cursor", complete_word);
    el_set(el, EL_ADDFN, "surv-interrupt", "Discard the line being edited", interrupt_line);
    el_set(el, EL_BIND, "^I", "surv-complete", NULL);
    el_set(el, EL_BIND, "^C", "surv-interrupt", NULL);
    return 0;
}

int cle_editor_read(cle_editor *editor, const char *prompt, const char **line) {
    *line = NULL;
    if (cle_interrupts_install() != 0) return CLE_READ_END_OF_FILE;
    if (ensure_editline(editor) != 0) return CLE_READ_END_OF_FILE;
    char *copy = strdup(prompt ? prompt : "");
    if (copy == NULL) return CLE_READ_END_OF_FILE;
    free(editor->prompt);
    editor->prompt = copy;

    /* A Ctrl-C typed while the previous command was running belongs to that
       command, not to this prompt. */
    cle_interrupt_clear();
    cle_internal_drain_wake_pipe();
    editor->interrupted = 0;

    int count = 0;
    cle_internal_catch_stop(1);
    const char *text = el_gets(editor->el, &count);
    cle_internal_catch_stop(0);
    if (editor->interrupted) {
        editor->interrupted = 0;
        return CLE_READ_INTERRUPTED;
    }
    if (text == NULL || count <= 0) {
        /* Ctrl-D leaves the cursor after the prompt; end the line so whatever
           is printed next starts in column 0. */
        fputc('\n', stdout);
        fflush(stdout);
        return CLE_READ_END_OF_FILE;
    }
    size_t length = strlen(text);
    while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r')) length -= 1;
    char *result = malloc(length + 1);
    if (result == NULL) return CLE_READ_END_OF_FILE;
    memcpy(result, text, length);
    result[length] = '\0';
    free(editor->line);
    editor->line = result;
    *line = result;
    return CLE_READ_LINE;
}

int cle_editor_replace_before_cursor(cle_editor *editor, int scalars_before_cursor, const char *text) {
    if (editor == NULL || editor->el == NULL || scalars_before_cursor < 0) return -1;
    const LineInfoW *info = el_wline(editor->el);
    if (info == NULL || info->cursor - info->buffer < scalars_before_cursor) return -1;
    if (scalars_before_cursor > 0) el_deletestr(editor->el, scalars_before_cursor);
    if (text != NULL && text[0] != '\0') return el_insertstr(editor->el, text) == 0 ? 0 : -1;
    return 0;
}
