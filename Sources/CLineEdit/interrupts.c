/*
 * SIGINT/SIGWINCH handling shared by the line editor and long computations.
 *
 * Why not libedit's own signal handling (EL_SIGNAL / readline's
 * rl_catch_signals)? Its handler puts the tty in cooked mode, reinstalls the
 * previous handler and then re-sends the signal with kill(0, signo), i.e. to
 * the whole process group (a pipeline `surv | less` would get a second
 * SIGINT). And its read loop retries a read interrupted by EINTR exactly once,
 * so the first Ctrl-C at a prompt would be swallowed and only the second one
 * would end el_gets(), indistinguishable from end of file. We therefore turn
 * EL_SIGNAL off and install our own handlers: they only set flags and write a
 * byte to a self-pipe, and the editor's character reader (editor.c) poll()s
 * the terminal and that pipe together, so it wakes up whichever thread the
 * kernel chose to run the handler on.
 */
#include "CLineEdit.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static volatile sig_atomic_t interrupt_flag = 0;
static volatile sig_atomic_t resize_flag = 0;
static volatile sig_atomic_t stop_flag = 0;
static struct sigaction stop_previous;
static int stop_caught = 0;
static int wake_pipe[2] = { -1, -1 };
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static int install_result = -1;

static void on_signal(int signo) {
    int saved_errno = errno;
    if (signo == SIGINT) {
        interrupt_flag = 1;
    } else if (signo == SIGWINCH) {
        resize_flag = 1;
    } else if (signo == SIGTSTP) {
        stop_flag = 1;
    }
    if (wake_pipe[1] >= 0) {
        char byte = 0;
        /* A full pipe already means "wake up": ignore EAGAIN. */
        ssize_t ignored = write(wake_pipe[1], &byte, 1);
        (void)ignored;
    }
    errno = saved_errno;
}

static int make_nonblocking_cloexec(int fd) {
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) return -1;
    int fdflags = fcntl(fd, F_GETFD, 0);
    if (fdflags < 0 || fcntl(fd, F_SETFD, fdflags | FD_CLOEXEC) < 0) return -1;
    return 0;
}

static void install(void) {
    if (pipe(wake_pipe) == 0) {
        if (make_nonblocking_cloexec(wake_pipe[0]) != 0 || make_nonblocking_cloexec(wake_pipe[1]) != 0) {
            close(wake_pipe[0]);
            close(wake_pipe[1]);
            wake_pipe[0] = wake_pipe[1] = -1;
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    /* SA_RESTART: a SIGINT during a computation must not make unrelated
       blocking calls (file reads, writes) fail with EINTR. The prompt does
       not depend on EINTR: it is woken through the self-pipe. */
    action.sa_flags = SA_RESTART;
    int ok = sigaction(SIGINT, &action, NULL) == 0;
    ok = ok && sigaction(SIGWINCH, &action, NULL) == 0;
    install_result = ok ? 0 : -1;
}

int cle_interrupts_install(void) {
    pthread_once(&install_once, install);
    return install_result;
}

int cle_interrupt_requested(void) { return interrupt_flag != 0; }

void cle_interrupt_clear(void) { interrupt_flag = 0; }

int cle_internal_wake_fd(void) { return wake_pipe[0]; }

void cle_internal_drain_wake_pipe(void) {
    if (wake_pipe[0] < 0) return;
    char sink[64];
    while (read(wake_pipe[0], sink, sizeof sink) > 0) {}
}

int cle_internal_take_resize(void) {
    if (!resize_flag) return 0;
    resize_flag = 0;
    return 1;
}

/*
 * Ctrl-Z at the prompt. libedit (with EL_SIGNAL off) would be stopped in raw
 * mode, and after `fg` it would read a terminal the shell left in cooked mode:
 * nothing arrives before Enter and every key is echoed twice. So while a
 * prompt is showing we catch SIGTSTP; the reader then restores cooked mode,
 * stops for real, and on continuing goes back to raw mode and redraws the
 * line. Outside the prompt SIGTSTP keeps its default action, so Ctrl-Z still
 * suspends a long computation. A SIGTSTP the parent chose to ignore stays
 * ignored.
 */
void cle_internal_catch_stop(int on) {
    if (on && !stop_caught) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        if (sigaction(SIGTSTP, NULL, &stop_previous) != 0) return;
        if (stop_previous.sa_handler == SIG_IGN) return;
        if (sigaction(SIGTSTP, &action, NULL) == 0) stop_caught = 1;
    } else if (!on && stop_caught) {
        sigaction(SIGTSTP, &stop_previous, NULL);
        stop_caught = 0;
        stop_flag = 0;
    }
}

int cle_internal_take_stop(void) {
    if (!stop_flag) return 0;
    stop_flag = 0;
    return 1;
}

void cle_internal_stop_now(void) {
    struct sigaction ours;
    struct sigaction deflt;
    memset(&deflt, 0, sizeof deflt);
    deflt.sa_handler = SIG_DFL;
    sigemptyset(&deflt.sa_mask);
    if (sigaction(SIGTSTP, &deflt, &ours) != 0) return;
    sigset_t unblock, previous_mask;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &unblock, &previous_mask);
    raise(SIGTSTP); /* the process stops here until continued */
    pthread_sigmask(SIG_SETMASK, &previous_mask, NULL);
    sigaction(SIGTSTP, &ours, NULL);
}
