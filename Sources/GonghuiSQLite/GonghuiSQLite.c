// The functions themselves are SQLiteNIO's embedded SQLite (include/GonghuiSQLite.h).
#include "GonghuiSQLite.h"

#include <stddef.h>

const char *gh_sqlite_missing_symbol(void) {
    // A weak declaration the linker found no definition for has the address NULL.
    const struct { const char *name; const void *address; } functions[] = {
        {"sqlite_nio_sqlite3_prepare_v3", (const void *)sqlite_nio_sqlite3_prepare_v3},
        {"sqlite_nio_sqlite3_finalize", (const void *)sqlite_nio_sqlite3_finalize},
        {"sqlite_nio_sqlite3_reset", (const void *)sqlite_nio_sqlite3_reset},
        {"sqlite_nio_sqlite3_clear_bindings", (const void *)sqlite_nio_sqlite3_clear_bindings},
        {"sqlite_nio_sqlite3_step", (const void *)sqlite_nio_sqlite3_step},
        {"sqlite_nio_sqlite3_bind_parameter_count", (const void *)sqlite_nio_sqlite3_bind_parameter_count},
        {"sqlite_nio_sqlite3_bind_null", (const void *)sqlite_nio_sqlite3_bind_null},
        {"sqlite_nio_sqlite3_bind_int64", (const void *)sqlite_nio_sqlite3_bind_int64},
        {"sqlite_nio_sqlite3_bind_double", (const void *)sqlite_nio_sqlite3_bind_double},
        {"sqlite_nio_sqlite3_bind_text", (const void *)sqlite_nio_sqlite3_bind_text},
        {"sqlite_nio_sqlite3_bind_blob", (const void *)sqlite_nio_sqlite3_bind_blob},
        {"sqlite_nio_sqlite3_column_count", (const void *)sqlite_nio_sqlite3_column_count},
        {"sqlite_nio_sqlite3_column_name", (const void *)sqlite_nio_sqlite3_column_name},
        {"sqlite_nio_sqlite3_column_type", (const void *)sqlite_nio_sqlite3_column_type},
        {"sqlite_nio_sqlite3_column_int64", (const void *)sqlite_nio_sqlite3_column_int64},
        {"sqlite_nio_sqlite3_column_double", (const void *)sqlite_nio_sqlite3_column_double},
        {"sqlite_nio_sqlite3_column_text", (const void *)sqlite_nio_sqlite3_column_text},
        {"sqlite_nio_sqlite3_column_blob", (const void *)sqlite_nio_sqlite3_column_blob},
        {"sqlite_nio_sqlite3_column_bytes", (const void *)sqlite_nio_sqlite3_column_bytes},
        {"sqlite_nio_sqlite3_errmsg", (const void *)sqlite_nio_sqlite3_errmsg},
        {"sqlite_nio_sqlite3_extended_errcode", (const void *)sqlite_nio_sqlite3_extended_errcode},
        {"sqlite_nio_sqlite3_get_autocommit", (const void *)sqlite_nio_sqlite3_get_autocommit},
        {"sqlite_nio_sqlite3_changes", (const void *)sqlite_nio_sqlite3_changes},
        {"sqlite_nio_sqlite3_db_config", (const void *)sqlite_nio_sqlite3_db_config},
    };
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        if (functions[i].address == NULL) return functions[i].name;
    }
    return NULL;
}
