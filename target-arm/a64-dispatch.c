/* The generated decoder's dispatch, compiled against the trans_* handlers
 * of the trans-*.c files. */
#include "target-arm/translate.h"

#include "target-arm/a64-decode-dispatch.inc"
