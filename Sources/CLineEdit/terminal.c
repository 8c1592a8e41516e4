#include "CLineEdit.h"

#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

int cle_is_terminal(int fd) { return isatty(fd) ? 1 : 0; }

int cle_terminal_columns(void) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
}

/* Swift 6 treats C's `stdout`/`stderr` globals as unsafe shared state, so
   writes that must interleave correctly with libedit's own output go through
   here (same FILE*, same buffer). */
void cle_write_output(const char *text) {
    fputs(text, stdout);
    fflush(stdout);
}

void cle_write_error(const char *text) {
    fputs(text, stderr);
    fflush(stderr);
}
