#ifndef CREADSTAT_H
#define CREADSTAT_H

/*
 * Stata, SPSS and SAS files through Debian's ReadStat (libreadstat-dev).
 *
 * ReadStat opens files by path with its own I/O. surv reads every file through
 * its own access rules first (a replayed notebook may only read inside its
 * folder, and a FIFO or device is refused), so the parser is given those bytes
 * instead: the I/O handlers here read from a buffer the caller owns and lends
 * for the length of one call. Nothing here allocates on the caller's behalf
 * except the output buffer of a writer, which crs_buffer_free releases.
 *
 * The rest of ReadStat's API (callbacks, value accessors, the writer) is used
 * from Swift directly; readstat.h is part of this module.
 */

#include <stddef.h>
#include <stdint.h>
#include <readstat.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum crs_format {
    CRS_FORMAT_DTA,
    CRS_FORMAT_SAV,
    CRS_FORMAT_POR,
    CRS_FORMAT_SAS7BDAT,
    CRS_FORMAT_XPORT
} crs_format;

/*
 * Parses `length` bytes of a file in `format` with the handlers already set on
 * `parser`, which receive `context`. The bytes are only read, and only during
 * the call; reading past their end reports end of file, so a truncated file or
 * a header that claims more data than there is ends in a ReadStat error, never
 * a read outside the buffer.
 */
readstat_error_t crs_parse(readstat_parser_t *parser, crs_format format,
                           const void *bytes, size_t length, void *context);

/* ---- Writing ----------------------------------------------------------- */

/*
 * A growing buffer that a ReadStat writer fills (crs_buffer_write is its data
 * writer, the buffer its context). Writing stops with an error once `limit`
 * bytes would be exceeded or memory runs out; `failed` says so.
 */
typedef struct crs_buffer {
    unsigned char *data;
    size_t length;
    size_t capacity;
    size_t limit;
    int failed;
} crs_buffer;

ssize_t crs_buffer_write(const void *data, size_t length, void *buffer);

/* Releases the buffer's memory and empties it (a buffer never written is fine). */
void crs_buffer_free(crs_buffer *buffer);

#ifdef __cplusplus
}
#endif

#endif
