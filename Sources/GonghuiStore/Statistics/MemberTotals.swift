import Foundation

/// The maintained roll-up behind the annual statistics (会员数实时汇总): for every union, its
/// members in good standing today, by gender, migrant status and employment type.
///
/// A membership counts in `org_member_totals` while its period is open (`valid_to IS NULL`) with
/// status 在会. Each period carries its member's gender, migrant status, employment type and
/// joining date (`copiedAttributes`, copied by a trigger on `members` when one is edited), and
/// triggers on `member_periods` (a period opened, closed, moved, deleted, its copy changed) keep
/// the row of the period's union exact in the same transaction as the change, so the table is
/// never behind the registry. A figure as of a past date is then today's total minus what
/// changed after the date (periods opened after it, periods closed after it), read from the
/// covering indexes `member_periods_changes` and `member_periods_org`: the cost of a report grows
/// with the number of unions and with the changes since the date, not with the number of members.
enum MemberTotals {
    /// The figure columns, in order.
    static let columns = ["members", "women_members", "migrant_members", "fixed_term_members", "open_ended_members",
                          "dispatched_members", "flexible_members", "new_forms_members"]

    /// One member, the row `m` of `members` (or a trigger's `NEW`/`OLD`), counted in each column.
    static func counts(of m: String) -> [String] {
        ["1", "CASE WHEN \(m).gender = 'female' THEN 1 ELSE 0 END", "CASE WHEN \(m).is_migrant THEN 1 ELSE 0 END"]
            + ["fixed_term", "open_ended", "dispatched", "flexible", "new_forms"].map { "CASE WHEN \(m).employment_type = '\($0)' THEN 1 ELSE 0 END" }
    }

    static var columnList: String { columns.joined(separator: ", ") }

    /// Adds `values` (one per column, selected from `source`) to the row of union `orgID`.
    static func upsert(_ values: [String], orgID: String, provinceID: String, source: String) -> String {
        """
        INSERT INTO org_member_totals (org_id, province_id, \(columnList))
        SELECT \(orgID), \(provinceID), \(values.joined(separator: ", "))
        \(source)
        \(addOnConflict(table: "org_member_totals", key: "org_id", columns: columns))
        """
    }

    /// The end of an upsert into a roll-up table: a row already there for `key` gets the new
    /// row's figures added to its own.
    static func addOnConflict(table: String, key: String, columns: [String]) -> String {
        "ON CONFLICT (\(key)) DO UPDATE SET " + columns.map { "\($0) = \(table).\($0) + excluded.\($0)" }.joined(separator: ", ")
    }

    /// Adds `sign` (+1 or −1) times one member `m` to a union's row: `source` is the FROM/WHERE
    /// part naming the member `m`.
    static func upsert(sign: String, orgID: String, provinceID: String, source: String) -> String {
        upsert(counts(of: "m").map { "\(sign) * (\($0))" }, orgID: orgID, provinceID: provinceID, source: source)
    }

    /// A member's attributes changed: the union of their open, in-good-standing period moves the
    /// member from the old attributes to the new ones.
    static var attributesChanged: String {
        upsert(zip(counts(of: "NEW"), counts(of: "OLD")).map { "(\($0)) - (\($1))" }, orgID: "p.org_id", provinceID: "p.province_id",
               source: "FROM member_periods p WHERE p.member_id = NEW.id AND p.valid_to IS NULL AND p.status = 'active'")
    }

    /// Where a trigger or the rebuild reads a member's attributes: from the member's row (as
    /// migration 5 had it), or from the copy each period carries (migration 6 on).
    enum AttributeSource { case member, period }

    /// Recomputes every row from the periods (after a bulk load that ran without the triggers).
    static var rebuild: [String] { rebuild(from: .period) }

    /// The rebuild for some provinces only (a nation's province loaded in bulk): their unions'
    /// rows, from their periods, leaving the other provinces' rows alone.
    static func rebuild(provinces ids: [Int64]) -> [String] {
        let list = ids.map(String.init).joined(separator: ", ")
        return rebuild.map {
            $0.replacingOccurrences(of: "DELETE FROM org_member_totals", with: "DELETE FROM org_member_totals WHERE province_id IN (\(list))")
                .replacingOccurrences(of: "WHERE p.valid_to IS NULL AND p.status = 'active'", with: "WHERE p.valid_to IS NULL AND p.status = 'active' AND p.province_id IN (\(list))")
        }
    }

    static func rebuild(from source: AttributeSource) -> [String] {
        switch source {
        case .member:
            return [
                "DELETE FROM org_member_totals",
                """
                INSERT INTO org_member_totals (org_id, province_id, \(columnList))
                SELECT p.org_id, MIN(p.province_id), \(counts(of: "m").map { "SUM(\($0))" }.joined(separator: ", "))
                FROM member_periods p JOIN members m ON m.id = p.member_id
                WHERE p.valid_to IS NULL AND p.status = 'active'
                GROUP BY p.org_id
                """,
            ]
        case .period:
            // Read in union order from `member_periods_org` alone; the province (the same for
            // every open period of a union) comes from the union's row, once per union.
            return [
                "DELETE FROM org_member_totals",
                """
                INSERT INTO org_member_totals (org_id, province_id, \(columnList))
                SELECT g.org_id, COALESCE(o.province_id, o.id), \(columns.map { "g.\($0)" }.joined(separator: ", "))
                FROM (SELECT p.org_id, \(zip(counts(of: "p"), columns).map { "SUM(\($0)) AS \($1)" }.joined(separator: ", "))
                      FROM member_periods p WHERE p.valid_to IS NULL AND p.status = 'active' GROUP BY p.org_id) g
                JOIN orgs o ON o.id = g.org_id
                """,
            ]
        }
    }

    static let attributes = "gender, is_migrant, employment_type"

    /// Adds `sign` times the period `row` (a trigger's `NEW` or `OLD`) to its union's row, when
    /// the period counts (open, in good standing).
    static func upsert(sign: String, period row: String, from source: AttributeSource) -> String {
        switch source {
        case .member:
            return upsert(sign: sign, orgID: "\(row).org_id", provinceID: "\(row).province_id",
                          source: "FROM members m WHERE m.id = \(row).member_id AND \(counted(row))")
        case .period:
            // `WHERE`: SQLite reads `ON CONFLICT` after a bare `SELECT` as a join constraint.
            return upsert(counts(of: row).map { "\(sign) * (\($0))" }, orgID: "\(row).org_id", provinceID: "\(row).province_id",
                          source: "WHERE \(counted(row))")
        }
    }

    /// The columns of a period whose change moves it between unions' rows or figures.
    static func periodColumns(_ source: AttributeSource) -> String {
        "member_id, org_id, status, valid_to" + (source == .period ? ", " + attributes : "")
    }

    /// Whether the period `row` counts: open and in good standing.
    static func counted(_ row: String) -> String { "\(row).status = 'active' AND \(row).valid_to IS NULL" }

    static func sqliteTriggers(from source: AttributeSource) -> [String] {
        let oldCounted = counted("OLD"), newCounted = counted("NEW")
        var triggers = [
            """
            CREATE TRIGGER member_totals_period_insert AFTER INSERT ON member_periods WHEN \(newCounted) BEGIN
            \(upsert(sign: "1", period: "NEW", from: source));
            END
            """,
            """
            CREATE TRIGGER member_totals_period_update AFTER UPDATE OF \(periodColumns(source)) ON member_periods
            WHEN (\(oldCounted)) OR (\(newCounted)) BEGIN
            \(upsert(sign: "-1", period: "OLD", from: source));
            \(upsert(sign: "1", period: "NEW", from: source));
            END
            """,
            """
            CREATE TRIGGER member_totals_period_delete AFTER DELETE ON member_periods WHEN \(oldCounted) BEGIN
            \(upsert(sign: "-1", period: "OLD", from: source));
            END
            """,
        ]
        if source == .member {
            triggers.append("""
                CREATE TRIGGER member_totals_member_update AFTER UPDATE OF \(attributes) ON members
                WHEN OLD.gender IS NOT NEW.gender OR OLD.is_migrant IS NOT NEW.is_migrant OR OLD.employment_type IS NOT NEW.employment_type BEGIN
                \(attributesChanged);
                END
                """)
        }
        return triggers
    }

    static func postgresTriggers(from source: AttributeSource) -> [String] {
        var triggers = [
            """
            CREATE OR REPLACE FUNCTION member_totals_period() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
              IF TG_OP <> 'INSERT' THEN
                \(upsert(sign: "-1", period: "OLD", from: source));
              END IF;
              IF TG_OP <> 'DELETE' THEN
                \(upsert(sign: "1", period: "NEW", from: source));
              END IF;
              RETURN NULL;
            END
            $body$
            """,
            """
            CREATE TRIGGER member_totals_period AFTER INSERT OR DELETE OR UPDATE OF \(periodColumns(source)) ON member_periods
            FOR EACH ROW EXECUTE FUNCTION member_totals_period()
            """,
        ]
        if source == .member {
            triggers += [
                """
                CREATE FUNCTION member_totals_member() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                  \(attributesChanged);
                  RETURN NULL;
                END
                $body$
                """,
                """
                CREATE TRIGGER member_totals_member AFTER UPDATE OF \(attributes) ON members FOR EACH ROW
                WHEN (OLD.gender IS DISTINCT FROM NEW.gender OR OLD.is_migrant IS DISTINCT FROM NEW.is_migrant OR OLD.employment_type IS DISTINCT FROM NEW.employment_type)
                EXECUTE FUNCTION member_totals_member()
                """,
            ]
        }
        return triggers
    }

    static let sqliteTriggerNames = ["member_totals_period_insert", "member_totals_period_update", "member_totals_period_delete"]

    /// The member's attributes that each of their periods carries (`member_periods.gender` …):
    /// what the statistics count a period by, read without a look-up of the member.
    static let copiedAttributes = ["gender", "is_migrant", "employment_type", "joined_on"]

    static var copyChanged: (sqlite: String, postgres: String) {
        (copiedAttributes.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR "),
         copiedAttributes.map { "OLD.\($0) IS DISTINCT FROM NEW.\($0)" }.joined(separator: " OR "))
    }

    static var copyToPeriods: String {
        "UPDATE member_periods SET " + copiedAttributes.map { "\($0) = NEW.\($0)" }.joined(separator: ", ") + " WHERE member_id = NEW.id"
    }
}

extension Migrations {
    /// The roll-up of current members per union (`MemberTotals`), filled from the periods already
    /// recorded, and the index that finds the periods changed after a date.
    static let memberTotals = Migration(version: 5, name: "member_totals", up: [
        """
        CREATE TABLE org_member_totals (
            org_id BIGINT PRIMARY KEY REFERENCES orgs(id),
            province_id BIGINT NOT NULL,
            \(MemberTotals.columns.map { "\($0) BIGINT NOT NULL DEFAULT 0" }.joined(separator: ",\n    "))
        )
        """,
        "CREATE INDEX org_member_totals_province ON org_member_totals(province_id)",
        "CREATE INDEX member_periods_changes ON member_periods(province_id, valid_to, valid_from)",
    ] + MemberTotals.rebuild(from: .member).dropFirst(), down: [
        "DROP INDEX member_periods_changes",
        "DROP TABLE org_member_totals",
    ], engineUp: [
        .sqlite: MemberTotals.sqliteTriggers(from: .member),
        .postgres: MemberTotals.postgresTriggers(from: .member),
    ], engineDown: [
        .sqlite: (MemberTotals.sqliteTriggerNames + ["member_totals_member_update"]).map { "DROP TRIGGER \($0)" },
        .postgres: ["DROP TRIGGER member_totals_period ON member_periods", "DROP TRIGGER member_totals_member ON members",
                    "DROP FUNCTION member_totals_period()", "DROP FUNCTION member_totals_member()"],
    ])
}

extension Migrations {
    /// Each period carries a copy of its member's gender, migrant status, employment type and
    /// joining date, kept by a trigger on `members`, so the roll-up's triggers and the report's
    /// corrections read the period alone; `member_periods_changes` and `member_periods_org`
    /// cover every column the statistics read, so those reads never visit the table.
    static let periodAttributes = Migration(version: 6, name: "member_period_attributes", up: [
        "ALTER TABLE member_periods ADD COLUMN gender TEXT",
        "ALTER TABLE member_periods ADD COLUMN is_migrant BOOLEAN",
        "ALTER TABLE member_periods ADD COLUMN employment_type TEXT",
        "ALTER TABLE member_periods ADD COLUMN joined_on TEXT",
        "UPDATE member_periods SET " + MemberTotals.copiedAttributes.map { "\($0) = m.\($0)" }.joined(separator: ", ")
            + " FROM members m WHERE m.id = member_periods.member_id",
        "DROP INDEX member_periods_changes",
        "CREATE INDEX member_periods_changes ON member_periods(province_id, valid_to, valid_from, status, org_id, \(MemberTotals.copiedAttributes.joined(separator: ", ")))",
        "DROP INDEX member_periods_org",
        "CREATE INDEX member_periods_org ON member_periods(org_id, valid_to, valid_from, status, \(MemberTotals.copiedAttributes.joined(separator: ", ")))",
    ], down: [
        "DROP INDEX member_periods_org",
        "CREATE INDEX member_periods_org ON member_periods(org_id, valid_from)",
        "DROP INDEX member_periods_changes",
        "CREATE INDEX member_periods_changes ON member_periods(province_id, valid_to, valid_from)",
    ] + MemberTotals.copiedAttributes.map { "ALTER TABLE member_periods DROP COLUMN \($0)" }, engineUp: [
        .sqlite: (MemberTotals.sqliteTriggerNames + ["member_totals_member_update"]).map { "DROP TRIGGER \($0)" }
            + MemberTotals.sqliteTriggers(from: .period) + [
                """
                CREATE TRIGGER member_periods_attributes AFTER UPDATE OF \(MemberTotals.copiedAttributes.joined(separator: ", ")) ON members
                WHEN \(MemberTotals.copyChanged.sqlite) BEGIN
                \(MemberTotals.copyToPeriods);
                END
                """,
            ],
        .postgres: ["DROP TRIGGER member_totals_member ON members", "DROP FUNCTION member_totals_member()",
                    "DROP TRIGGER member_totals_period ON member_periods"]
            + MemberTotals.postgresTriggers(from: .period) + [
                """
                CREATE FUNCTION member_periods_attributes() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                  \(MemberTotals.copyToPeriods);
                  RETURN NULL;
                END
                $body$
                """,
                """
                CREATE TRIGGER member_periods_attributes AFTER UPDATE OF \(MemberTotals.copiedAttributes.joined(separator: ", ")) ON members FOR EACH ROW
                WHEN (\(MemberTotals.copyChanged.postgres))
                EXECUTE FUNCTION member_periods_attributes()
                """,
            ],
    ], engineDown: [
        .sqlite: (MemberTotals.sqliteTriggerNames + ["member_periods_attributes"]).map { "DROP TRIGGER \($0)" }
            + MemberTotals.sqliteTriggers(from: .member),
        .postgres: ["DROP TRIGGER member_periods_attributes ON members", "DROP FUNCTION member_periods_attributes()",
                    "DROP TRIGGER member_totals_period ON member_periods"]
            + MemberTotals.postgresTriggers(from: .member),
    ])
}
