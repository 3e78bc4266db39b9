// Declarations only (include/GonghuiSQLite.h); the definitions are SQLiteNIO's embedded SQLite.
#include "GonghuiSQLite.h"
