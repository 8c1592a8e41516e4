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

/* ---- Values ------------------------------------------------------------ */

/*
 * The numbers of a file's numeric columns, gathered in C: a million rows of a
 * dozen columns are twelve million calls of ReadStat's value handler, and each
 * must cost a few nanoseconds. crs_value_handler (set as ReadStat's value
 * handler, with a crs_values as the parse's context) stores numeric values
 * here and hands text values to `text`. The arrays belong to the crs_values
 * and are released by crs_values_free.
 */
typedef struct crs_column {
    int is_text;
    double *values;
    unsigned char *missing; /* 1 = missing: system, tagged or declared missing, or not finite */
    size_t count;
    size_t capacity;
} crs_column;

enum {
    CRS_VALUES_OK = 0,
    CRS_VALUES_OUT_OF_MEMORY,
    CRS_VALUES_UNDECLARED_COLUMN,
    CRS_VALUES_OUT_OF_ORDER,
    CRS_VALUES_TOO_MANY_ROWS,
    CRS_VALUES_STOPPED
};

typedef int (*crs_text_handler)(int row, int column, readstat_variable_t *variable, readstat_value_t value, void *context);
/* Asked every 65,536 values: non-zero stops the parse (Ctrl-C, a limit). */
typedef int (*crs_poll_handler)(long values_read, void *context);

typedef struct crs_values {
    crs_column *columns;
    int column_count;
    int column_capacity;
    long maximum_rows;
    long values_read;
    int failure;            /* a CRS_VALUES_ code once the parse was stopped here */
    long failed_row;
    crs_text_handler text;
    crs_poll_handler poll;
    void *context;          /* handed to `text`, `poll` and ReadStat's other handlers' owner */
} crs_values;

/* Adds the next column; `reserve` rows are allocated up front for a numeric one. 0, or -1 without memory. */
int crs_values_add_column(crs_values *values, int is_text, size_t reserve);

int crs_value_handler(int obs_index, readstat_variable_t *variable, readstat_value_t value, void *ctx);

/* Releases every column's arrays (the crs_values itself belongs to its caller). */
void crs_values_free(crs_values *values);

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
