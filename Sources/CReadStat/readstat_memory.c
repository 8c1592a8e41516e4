#include "CReadStat.h"

#include <stdlib.h>
#include <string.h>

/* The file as ReadStat sees it: a lent buffer and a read position. */
typedef struct memory_file {
    const unsigned char *bytes;
    size_t length;
    size_t position;
} memory_file;

static int memory_open(const char *path, void *io_ctx) {
    (void)path;
    memory_file *file = io_ctx;
    file->position = 0;
    return 0; /* any non-negative descriptor: ReadStat only checks for -1 */
}

static int memory_close(void *io_ctx) {
    (void)io_ctx;
    return 0;
}

static readstat_off_t memory_seek(readstat_off_t offset, readstat_io_flags_t whence, void *io_ctx) {
    memory_file *file = io_ctx;
    readstat_off_t base;
    switch (whence) {
    case READSTAT_SEEK_SET: base = 0; break;
    case READSTAT_SEEK_CUR: base = (readstat_off_t)file->position; break;
    case READSTAT_SEEK_END: base = (readstat_off_t)file->length; break;
    default: return -1;
    }
    /* Offsets come from the file's own header: refuse any that would overflow or leave the buffer. */
    if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0) return -1;
    readstat_off_t target = base + offset;
    if ((uint64_t)target > (uint64_t)file->length) return -1;
    file->position = (size_t)target;
    return target;
}

static ssize_t memory_read(void *buffer, size_t count, void *io_ctx) {
    memory_file *file = io_ctx;
    size_t available = file->length - file->position;
    size_t taken = count < available ? count : available;
    if (taken > 0) memcpy(buffer, file->bytes + file->position, taken);
    file->position += taken;
    return (ssize_t)taken;
}

static readstat_error_t memory_update(long file_size, readstat_progress_handler progress_handler,
                                      void *user_ctx, void *io_ctx) {
    memory_file *file = io_ctx;
    if (progress_handler == NULL || file_size <= 0) return READSTAT_OK;
    double progress = (double)file->position / (double)file_size;
    return progress_handler(progress, user_ctx) == READSTAT_HANDLER_OK ? READSTAT_OK : READSTAT_ERROR_USER_ABORT;
}

readstat_error_t crs_parse(readstat_parser_t *parser, crs_format format,
                           const void *bytes, size_t length, void *context) {
    if (parser == NULL) return READSTAT_ERROR_MALLOC;
    static const unsigned char empty = 0;
    memory_file file = { bytes != NULL ? bytes : &empty, bytes != NULL ? length : 0, 0 };
    readstat_set_open_handler(parser, memory_open);
    readstat_set_close_handler(parser, memory_close);
    readstat_set_seek_handler(parser, memory_seek);
    readstat_set_read_handler(parser, memory_read);
    readstat_set_update_handler(parser, memory_update);
    /* The parser keeps a pointer to `file` only for this call; it is reset before returning. */
    readstat_set_io_ctx(parser, &file);
    readstat_error_t result;
    const char *path = "memory";
    switch (format) {
    case CRS_FORMAT_DTA: result = readstat_parse_dta(parser, path, context); break;
    case CRS_FORMAT_SAV: result = readstat_parse_sav(parser, path, context); break;
    case CRS_FORMAT_POR: result = readstat_parse_por(parser, path, context); break;
    case CRS_FORMAT_SAS7BDAT: result = readstat_parse_sas7bdat(parser, path, context); break;
    case CRS_FORMAT_XPORT: result = readstat_parse_xport(parser, path, context); break;
    default: result = READSTAT_ERROR_PARSE; break;
    }
    readstat_set_io_ctx(parser, NULL);
    return result;
}

ssize_t crs_buffer_write(const void *data, size_t length, void *context) {
    crs_buffer *buffer = context;
    if (buffer == NULL || buffer->failed) return -1;
    if (length > buffer->limit || buffer->length > buffer->limit - length) {
        buffer->failed = 1;
        return -1;
    }
    size_t needed = buffer->length + length;
    if (needed > buffer->capacity) {
        size_t capacity = buffer->capacity < 65536 ? 65536 : buffer->capacity;
        while (capacity < needed) capacity = capacity > SIZE_MAX / 2 ? needed : capacity * 2;
        unsigned char *grown = realloc(buffer->data, capacity);
        if (grown == NULL) {
            buffer->failed = 1;
            return -1;
        }
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    if (length > 0) memcpy(buffer->data + buffer->length, data, length);
    buffer->length += length;
    return (ssize_t)length;
}

void crs_buffer_free(crs_buffer *buffer) {
    if (buffer == NULL) return;
    free(buffer->data);
    buffer->data = NULL;
    buffer->length = 0;
    buffer->capacity = 0;
}
