#ifndef CLINEEDIT_H
#define CLINEEDIT_H
/* Placeholder; the libedit shims live here. */
int cle_version(void);
#endif
