// The few SQLite C functions the store calls directly, on connections SQLiteNIO opened.
//
// SQLiteNIO embeds SQLite with every symbol renamed `sqlite_nio_sqlite3_*` and does not
// publish its C module; these are the declarations of those functions as that copy defines
// them (SQLite 3 API), resolved when the program is linked with SQLiteNIO. They are the
// internals of one version, sqlite-nio 1.13.2 (SQLite 3.54.1), pinned exactly in Package.swift.
//
// Each is declared weak: if another SQLiteNIO renames or drops one, the program still links,
// `gh_sqlite_missing_symbol` names it, the store refuses to open with that name instead of
// crashing, and DependencyPinTests fails naming the package, the version and the symbol.
#ifndef GONGHUI_SQLITE_H
#define GONGHUI_SQLITE_H

#include <stdint.h>

#define GH_SQLITE_IMPORT __attribute__((weak))

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;

enum {
    GH_SQLITE_OK = 0,
    GH_SQLITE_ROW = 100,
    GH_SQLITE_DONE = 101,
    GH_SQLITE_INTEGER = 1,
    GH_SQLITE_FLOAT = 2,
    GH_SQLITE_TEXT = 3,
    GH_SQLITE_BLOB = 4,
    GH_SQLITE_NULL = 5,
    GH_SQLITE_PREPARE_PERSISTENT = 0x01,
};

GH_SQLITE_IMPORT int sqlite_nio_sqlite3_prepare_v3(sqlite3 *db, const char *sql, int bytes, unsigned int flags, sqlite3_stmt **statement, const char **tail);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_finalize(sqlite3_stmt *statement);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_reset(sqlite3_stmt *statement);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_clear_bindings(sqlite3_stmt *statement);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_step(sqlite3_stmt *statement);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_bind_parameter_count(sqlite3_stmt *statement);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_bind_null(sqlite3_stmt *statement, int index);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_bind_int64(sqlite3_stmt *statement, int index, int64_t value);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_bind_double(sqlite3_stmt *statement, int index, double value);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_bind_text(sqlite3_stmt *statement, int index, const char *text, int bytes, void (*destructor)(void *));
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_bind_blob(sqlite3_stmt *statement, int index, const void *blob, int bytes, void (*destructor)(void *));
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_column_count(sqlite3_stmt *statement);
GH_SQLITE_IMPORT const char *sqlite_nio_sqlite3_column_name(sqlite3_stmt *statement, int column);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_column_type(sqlite3_stmt *statement, int column);
GH_SQLITE_IMPORT int64_t sqlite_nio_sqlite3_column_int64(sqlite3_stmt *statement, int column);
GH_SQLITE_IMPORT double sqlite_nio_sqlite3_column_double(sqlite3_stmt *statement, int column);
GH_SQLITE_IMPORT const unsigned char *sqlite_nio_sqlite3_column_text(sqlite3_stmt *statement, int column);
GH_SQLITE_IMPORT const void *sqlite_nio_sqlite3_column_blob(sqlite3_stmt *statement, int column);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_column_bytes(sqlite3_stmt *statement, int column);
GH_SQLITE_IMPORT const char *sqlite_nio_sqlite3_errmsg(sqlite3 *db);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_extended_errcode(sqlite3 *db);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_get_autocommit(sqlite3 *db);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_changes(sqlite3 *db);
GH_SQLITE_IMPORT int sqlite_nio_sqlite3_db_config(sqlite3 *db, int op, ...);

/// The first of the functions above that the linked SQLiteNIO does not define, or NULL when
/// every one is there.
const char *gh_sqlite_missing_symbol(void);

/// Turns on the query planner stability guarantee (SQLITE_DBCONFIG_ENABLE_QPSG): a kept
/// statement keeps its plan whatever values are bound, instead of being prepared again when a
/// value bound to a compared parameter changes.
static inline int gh_sqlite_keep_plans(sqlite3 *db) {
    int now = 0;
    return sqlite_nio_sqlite3_db_config(db, 1007, 1, &now);
}

/// Binds text that SQLite copies at once (SQLITE_TRANSIENT): the caller's buffer may go away.
static inline int gh_sqlite_bind_text(sqlite3_stmt *statement, int index, const char *text, int bytes) {
    return sqlite_nio_sqlite3_bind_text(statement, index, text, bytes, (void (*)(void *))-1);
}

static inline int gh_sqlite_bind_blob(sqlite3_stmt *statement, int index, const void *blob, int bytes) {
    return sqlite_nio_sqlite3_bind_blob(statement, index, blob, bytes, (void (*)(void *))-1);
}

#endif
