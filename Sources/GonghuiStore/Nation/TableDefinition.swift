import Foundation
import SQLKit

/// One distributed table as the migrations made it on the coordinator: its columns, checks,
/// indexes and triggers, read from the catalog so the layout never restates the migrations.
struct TableDefinition: Sendable {
    struct Column: Sendable {
        let name: String
        let type: String
        let notNull: Bool
        let defaultExpression: String?
        let identity: Bool
        let collation: String?
    }

    let name: String
    let columns: [Column]
    /// `CHECK (…)` constraints, as `pg_get_constraintdef` writes them.
    let checks: [String]
    /// (index name, `CREATE … INDEX name ON public.table …`), the primary key's included.
    let indexes: [(String, String)]
    /// `CREATE TRIGGER … ON public.table …`.
    let triggers: [String]

    static func read(_ table: String, on sql: any SQLDatabase) async throws -> TableDefinition {
        let relation = "public.\(table)"
        let columns = try await sql.raw("""
            SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
                   pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity::text AS ident,
                   CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN co.collname::text END AS coll
            FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            WHERE a.attrelid = \(bind: relation)::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
            """).all().map {
            Column(name: try $0.decode(column: "name", as: String.self), type: try $0.decode(column: "type", as: String.self),
                   notNull: try $0.decode(column: "not_null", as: Bool.self), defaultExpression: try $0.decode(column: "def", as: String?.self),
                   identity: !(try $0.decode(column: "ident", as: String.self)).isEmpty, collation: try $0.decode(column: "coll", as: String?.self))
        }
        let checks = try await sql.raw("""
            SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = \(bind: relation)::regclass AND contype = 'c' ORDER BY conname
            """).all().map { try $0.decode(column: "def", as: String.self) }
        let indexes = try await sql.raw("""
            SELECT c.relname::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = \(bind: relation)::regclass ORDER BY c.relname
            """).all().map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "def", as: String.self)) }
        let triggers = try await sql.raw("""
            SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = \(bind: relation)::regclass AND NOT tgisinternal ORDER BY tgname
            """).all().map { try $0.decode(column: "def", as: String.self) }
        return TableDefinition(name: table, columns: columns, checks: checks, indexes: indexes, triggers: triggers)
    }

    private func columnList(defaults: Bool) -> String {
        (columns.map { c in
            var s = "\(ident(c.name)) \(c.type)"
            if let coll = c.collation { s += " COLLATE \(ident(coll))" }
            if c.notNull { s += " NOT NULL" }
            if defaults {
                if c.identity { s += " DEFAULT nextval(\(literal(sequence)))" } else if let d = c.defaultExpression { s += " DEFAULT \(d)" }
            }
            return s
        } + checks).joined(separator: ", ")
    }

    /// The coordinator's sequence for the id the migrations made an identity column.
    var sequence: String { "\(name)_nation_id_seq" }

    /// An index of this table re-aimed at `table`, with its name suffixed.
    private func index(_ def: (String, String), on table: String, suffix: String) -> String {
        let (indexName, text) = def
        return text.replacingOccurrences(of: "INDEX \(indexName) ON public.\(name) ", with: "INDEX IF NOT EXISTS \(indexName)_\(suffix) ON public.\(table) ")
    }

    /// The shard's statements for one province, with `{{t}}` for the province's table name and
    /// `{{s}}` for the index suffix: the same columns and indexes, no defaults (the coordinator
    /// fills them), no foreign keys (rows they point to may live elsewhere).
    var shardTemplate: String {
        ([ "CREATE TABLE IF NOT EXISTS public.{{t}} (\(columnList(defaults: false)))" ]
            + indexes.map { index($0, on: "{{t}}", suffix: "{{s}}") }).joined(separator: ";\n")
    }

    static func shardDDL(template: String, table: String, code: String) -> [String] {
        template.replacingOccurrences(of: "{{t}}", with: NationLayout.partition(table, code: code))
            .replacingOccurrences(of: "{{s}}", with: code.lowercased())
            .components(separatedBy: ";\n")
    }

    func shardDDL(code: String) -> [String] { Self.shardDDL(template: shardTemplate, table: name, code: code) }

    /// Replaces the coordinator's table by one partitioned by province: a local default
    /// partition, a foreign partition for each placed province that exists, the rows copied over
    /// (so routed to their shards) before the triggers return, and a guard against changing a
    /// row's province in place.
    func convert(on sql: any SQLDatabase) async throws {
        let old = "\(name)__single"
        // Foreign keys cannot point into a table spread over servers; nor can its rows point out.
        let referencing = try await sql.raw("""
            SELECT conrelid::regclass::text AS t, conname::text AS c FROM pg_constraint WHERE confrelid = \(bind: "public.\(name)")::regclass AND contype = 'f'
            """).all()
        for r in referencing {
            try await sql.raw(sqlText("ALTER TABLE \(try r.decode(column: "t", as: String.self)) DROP CONSTRAINT \(ident(try r.decode(column: "c", as: String.self)))")).run()
        }
        try await sql.raw(sqlText("ALTER TABLE public.\(name) RENAME TO \(old)")).run()
        if columns.contains(where: \.identity) { try await sql.raw(sqlText("CREATE SEQUENCE IF NOT EXISTS \(sequence)")).run() }
        try await sql.raw(sqlText("CREATE TABLE public.\(name) (\(columnList(defaults: true))) PARTITION BY LIST (province_id)")).run()
        if let id = columns.first(where: \.identity) {
            // Owned by the column, so `pg_get_serial_sequence` finds it as it found the identity's.
            try await sql.raw(sqlText("ALTER SEQUENCE \(sequence) OWNED BY public.\(name).\(ident(id.name))")).run()
        }
        let local = NationLayout.local(name)
        try await sql.raw(sqlText("CREATE TABLE public.\(local) PARTITION OF public.\(name) DEFAULT")).run()
        for def in indexes {
            // Index names are per schema: the old table still holds its own until it is dropped.
            try await sql.raw(sqlText(index(def, on: local, suffix: "local"))).run()
        }
        let placed = try await sql.raw("SELECT code, shard, province_id FROM nation_provinces WHERE province_id IS NOT NULL ORDER BY code").all()
        for p in placed {
            let code = try p.decode(column: "code", as: String.self)
            let partition = NationLayout.partition(name, code: code)
            try await sql.raw(sqlText("""
                CREATE FOREIGN TABLE public.\(partition) PARTITION OF public.\(name) FOR VALUES IN (\(try p.decode(column: "province_id", as: Int64.self)))
                SERVER \(NationLayout.server(try p.decode(column: "shard", as: Int.self))) OPTIONS (table_name \(literal(partition)))
                """)).run()
        }
        let names = columns.map { ident($0.name) }.joined(separator: ", ")
        try await sql.raw(sqlText("INSERT INTO public.\(name) (\(names)) SELECT \(names) FROM \(old)")).run()
        if let id = columns.first(where: \.identity) {
            try await sql.raw(sqlText("SELECT setval(\(literal(sequence)), GREATEST((SELECT MAX(\(ident(id.name))) FROM \(old)), 0) + 1, false)")).run()
        }
        try await sql.raw(sqlText("DROP TABLE \(old)")).run()
        for trigger in triggers { try await sql.raw(sqlText(trigger)).run() }
        try await sql.raw(sqlText(Self.keepProvinceFunction)).run()
        try await sql.raw(sqlText("""
            CREATE TRIGGER nation_keep_province BEFORE UPDATE OF province_id ON public.\(name) FOR EACH ROW EXECUTE FUNCTION nation_keep_province()
            """)).run()
    }

    /// postgres_fdw sends an UPDATE of the partition key to the row's old shard, where the row
    /// would stay under the wrong province; such an update is refused here, and the application
    /// moves a row between provinces by copy and delete (`MemberWriter.moveProvince`).
    static let keepProvinceFunction = """
        CREATE OR REPLACE FUNCTION nation_keep_province() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF NEW.province_id IS DISTINCT FROM OLD.province_id THEN
                RAISE EXCEPTION 'nation: a row of % cannot change province in place (copy it to the new province and delete the old row)', TG_TABLE_NAME
                    USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END
        $body$
        """
}
