#include "CLineEdit.h"
int cle_version(void) { return 1; }
