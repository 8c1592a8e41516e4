#include "CReadStat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int crs_values_add_column(crs_values *values, int is_text, size_t reserve) {
    if (values->column_count == values->column_capacity) {
        int capacity = values->column_capacity < 16 ? 16 : values->column_capacity * 2;
        crs_column *grown = realloc(values->columns, (size_t)capacity * sizeof(crs_column));
        if (grown == NULL) return -1;
        values->columns = grown;
        values->column_capacity = capacity;
    }
    crs_column *column = &values->columns[values->column_count];
    memset(column, 0, sizeof *column);
    column->is_text = is_text;
    values->column_count++;
    if (!is_text && reserve > 0) {
        column->values = malloc(reserve * sizeof(double));
        column->missing = malloc(reserve);
        if (column->values == NULL || column->missing == NULL) return -1;
        column->capacity = reserve;
    }
    return 0;
}

static int grow(crs_column *column) {
    size_t capacity = column->capacity < 1024 ? 1024 : column->capacity * 2;
    double *values = realloc(column->values, capacity * sizeof(double));
    if (values == NULL) return -1;
    column->values = values;
    unsigned char *missing = realloc(column->missing, capacity);
    if (missing == NULL) return -1;
    column->missing = missing;
    column->capacity = capacity;
    return 0;
}

static int stop(crs_values *values, int failure, long row) {
    values->failure = failure;
    values->failed_row = row;
    return READSTAT_HANDLER_ABORT;
}

int crs_value_handler(int obs_index, readstat_variable_t *variable, readstat_value_t value, void *ctx) {
    crs_values *values = ctx;
    int index = readstat_variable_get_index(variable);
    if (index < 0 || index >= values->column_count) return stop(values, CRS_VALUES_UNDECLARED_COLUMN, obs_index);
    if ((++values->values_read & 0xFFFF) == 0 && values->poll != NULL && values->poll(values->values_read, values->context))
        return stop(values, CRS_VALUES_STOPPED, obs_index);
    crs_column *column = &values->columns[index];
    if (obs_index < 0 || (size_t)obs_index != column->count) return stop(values, CRS_VALUES_OUT_OF_ORDER, obs_index);
    if (obs_index >= values->maximum_rows) return stop(values, CRS_VALUES_TOO_MANY_ROWS, obs_index);
    if (column->is_text) {
        column->count++;
        return values->text(obs_index, index, variable, value, values->context);
    }
    if (column->count == column->capacity && grow(column) != 0) return stop(values, CRS_VALUES_OUT_OF_MEMORY, obs_index);
    double number = readstat_double_value(value);
    /* readstat_value_is_missing leaves out the values an SPSS column declares missing: each kind is asked. */
    int missing = readstat_value_type_class(value) != READSTAT_TYPE_CLASS_NUMERIC
        || readstat_value_is_system_missing(value) || readstat_value_is_tagged_missing(value)
        || !isfinite(number)
        || (readstat_variable_get_missing_ranges_count(variable) > 0 && readstat_value_is_defined_missing(value, variable));
    column->values[column->count] = missing ? 0 : number;
    column->missing[column->count] = missing ? 1 : 0;
    column->count++;
    return READSTAT_HANDLER_OK;
}

void crs_values_free(crs_values *values) {
    if (values == NULL) return;
    for (int i = 0; i < values->column_count; i++) {
        free(values->columns[i].values);
        free(values->columns[i].missing);
    }
    free(values->columns);
    values->columns = NULL;
    values->column_count = 0;
    values->column_capacity = 0;
}
