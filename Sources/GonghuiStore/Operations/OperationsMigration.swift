import Foundation

extension Migrations {
    /// v27: what the operator's commands keep in the database: the blind-index translation a key
    /// rotation builds (old index → new index; kept until the rotation finishes, so a second run
    /// resumes it), and the day a closed hardship archive was de-identified under the retention
    /// rules (PIPL art. 19).
    static let operations = Migration(version: 27, name: "operations", up: [
        "CREATE TABLE key_rotation_map (old_hash TEXT PRIMARY KEY, new_hash TEXT NOT NULL)",
        "ALTER TABLE hardship_archives ADD COLUMN deidentified_on TEXT",
    ], down: [
        "ALTER TABLE hardship_archives DROP COLUMN deidentified_on",
        "DROP TABLE key_rotation_map",
    ])
}
