#ifndef CLINEEDIT_INTERNAL_H
#define CLINEEDIT_INTERNAL_H
/* Shared between interrupts.c and editor.c; not part of the module's API. */
int cle_internal_wake_fd(void);
void cle_internal_drain_wake_pipe(void);
int cle_internal_take_resize(void);
void cle_internal_catch_stop(int on);
int cle_internal_take_stop(void);
void cle_internal_stop_now(void);
#endif
