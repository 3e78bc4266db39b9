import Foundation
import GonghuiDomain
import SQLKit

/// Kept snapshots of the member figures (会员数年末快照): for every union, its members in good
/// standing on a kept day (the year-ends the annual statistics are asked for), by gender, migrant
/// status and employment type, and how many of them joined in that day's year.
///
/// A kept day is built once from the periods (`build`), and from then on triggers on
/// `member_periods` add or take off every period written later whose span covers the day — a
/// transfer recorded after the fact, a withdrawal backdated, a member's gender corrected — in the
/// same transaction as the change. So a snapshot is never behind the registry, and a report as of
/// a kept day reads one row per union instead of correcting today's totals by every change since.
/// Each period write costs one more upsert per kept day its span covers.
enum MemberSnapshots {
    /// The figure columns, in order: `MemberTotals.columns`, then this year's joiners.
    static let columns = MemberTotals.columns + ["new_members"]

    static var columnList: String { columns.joined(separator: ", ") }

    /// The period `row` counted in each column on a day whose year begins on `yearStart` (an SQL
    /// expression of ISO text).
    static func counts(of row: String, yearStart: String) -> [String] {
        MemberTotals.counts(of: row) + ["CASE WHEN \(row).joined_on >= \(yearStart) THEN 1 ELSE 0 END"]
    }

    /// Whether the period `row` counts on `day` (an SQL expression of ISO text): in good standing,
    /// begun by the day and not ended by it.
    static func covers(_ row: String, day: String) -> String {
        "\(row).status = 'active' AND \(row).valid_from <= \(day) AND (\(row).valid_to IS NULL OR \(row).valid_to > \(day))"
    }

    /// Adds `sign` times the period `row` (a trigger's `NEW` or `OLD`) to its union's row of every
    /// kept day the period covers.
    static func upsert(sign: String, period row: String) -> String {
        """
        INSERT INTO org_member_snapshots (org_id, day, province_id, \(columnList))
        SELECT \(row).org_id, k.day, \(row).province_id, \(counts(of: row, yearStart: "k.year_start").map { "\(sign) * (\($0))" }.joined(separator: ", "))
        FROM member_snapshot_days k WHERE \(covers(row, day: "k.day"))
        \(MemberTotals.addOnConflict(table: "org_member_snapshots", key: "org_id, day", columns: columns))
        """
    }

    /// The columns of a period whose change moves it in or out of a day, between unions or figures.
    static let periodColumns = "member_id, org_id, province_id, status, valid_from, valid_to, " + MemberTotals.copiedAttributes.joined(separator: ", ")

    /// Named `member_totals_…` so that a bulk load stops them with the roll-up's own
    /// (`Database.suspendMemberTotals`).
    static let sqliteTriggerNames = ["member_totals_snapshot_insert", "member_totals_snapshot_update", "member_totals_snapshot_delete"]

    static var sqliteTriggers: [String] {
        [
            """
            CREATE TRIGGER member_totals_snapshot_insert AFTER INSERT ON member_periods WHEN NEW.status = 'active' BEGIN
            \(upsert(sign: "1", period: "NEW"));
            END
            """,
            """
            CREATE TRIGGER member_totals_snapshot_update AFTER UPDATE OF \(periodColumns) ON member_periods
            WHEN OLD.status = 'active' OR NEW.status = 'active' BEGIN
            \(upsert(sign: "-1", period: "OLD"));
            \(upsert(sign: "1", period: "NEW"));
            END
            """,
            """
            CREATE TRIGGER member_totals_snapshot_delete AFTER DELETE ON member_periods WHEN OLD.status = 'active' BEGIN
            \(upsert(sign: "-1", period: "OLD"));
            END
            """,
        ]
    }

    static let postgresTriggerName = "member_snapshots_period"

    static var postgresTriggers: [String] {
        [
            """
            CREATE FUNCTION member_snapshots_period() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
              IF TG_OP <> 'INSERT' AND OLD.status = 'active' THEN
                \(upsert(sign: "-1", period: "OLD"));
              END IF;
              IF TG_OP <> 'DELETE' AND NEW.status = 'active' THEN
                \(upsert(sign: "1", period: "NEW"));
              END IF;
              RETURN NULL;
            END
            $body$
            """,
            """
            CREATE TRIGGER member_snapshots_period AFTER INSERT OR DELETE OR UPDATE OF \(periodColumns) ON member_periods
            FOR EACH ROW EXECUTE FUNCTION member_snapshots_period()
            """,
        ]
    }

    /// Fills the rows of a kept day from the periods: one pass over `member_periods_org` in union
    /// order, the province from the union's row once per union.
    static func fill(day date: CivilDate, provinces: [Int64]? = nil) -> SQLQueryString {
        // The dates are written into the text (ISO: digits and dashes) so that the engines see
        // constants and group in the index's order.
        let day = date.iso, counts = counts(of: "p", yearStart: "'\(date.startOfYear.iso)'")
        return """
            INSERT INTO org_member_snapshots (org_id, day, province_id, \(unsafeRaw: columnList))
            SELECT g.org_id, \(bind: day), COALESCE(o.province_id, o.id), \(unsafeRaw: columns.map { "g.\($0)" }.joined(separator: ", "))
            FROM (SELECT p.org_id, \(unsafeRaw: zip(counts, columns).map { "SUM(\($0)) AS \($1)" }.joined(separator: ", "))
                  FROM member_periods p WHERE \(unsafeRaw: covers("p", day: "'\(day)'"))\(unsafeRaw: provinces.map { " AND p.province_id IN (\($0.map(String.init).joined(separator: ", ")))" } ?? "") GROUP BY p.org_id) g
            JOIN orgs o ON o.id = g.org_id
            """
    }
}

extension MemberSnapshots {
    /// The kept days, oldest first.
    static func keptDays(on db: any SQLDatabase) async throws -> [CivilDate] {
        try await db.raw("SELECT day FROM member_snapshot_days ORDER BY day").all().compactMap { try Rows.date($0, "day") }
    }

    /// Recomputes the rows of every kept day from the periods (after a bulk load that ran
    /// without the triggers).
    static func rebuild(on db: any SQLDatabase, provinces: [Int64]? = nil) async throws {
        if let provinces {
            try await db.raw(sqlText("DELETE FROM org_member_snapshots WHERE province_id IN (\(provinces.map(String.init).joined(separator: ", ")))")).run()
        } else {
            try await db.raw("DELETE FROM org_member_snapshots").run()
        }
        for day in try await keptDays(on: db) { try await db.raw(fill(day: day, provinces: provinces)).run() }
    }

    /// Keeps `day` from now on: its rows are computed from the periods and the triggers keep them.
    /// Run inside a write transaction. On PostgreSQL the periods are locked against writers (and
    /// against a second keeper, which then finds the day kept) until it ends, so no change falls
    /// between the computation and the triggers' taking over; readers are not held up.
    static func keep(_ day: CivilDate, on db: any SQLDatabase, engine: SQLEngine) async throws {
        if engine == .postgres { try await db.raw("LOCK TABLE member_periods IN SHARE ROW EXCLUSIVE MODE").run() }
        guard try await db.raw("SELECT 1 AS x FROM member_snapshot_days WHERE day = \(bind: day.iso)").first() == nil else { return }
        try await db.raw("""
            INSERT INTO member_snapshot_days (day, year_start, built_at) VALUES (\(bind: day.iso), \(bind: day.startOfYear.iso), \(bind: Clock.nowMillis()))
            """).run()
        try await db.raw(fill(day: day)).run()
    }
}

extension Migrations {
    /// Kept snapshots of the member figures (`MemberSnapshots`): which days are kept, a row per
    /// union and kept day, and the triggers that keep them exact; and an index of union moves by
    /// date. The days themselves are added
    /// by `StatisticsService.keepYearEnds` when a store opens.
    static let memberSnapshots = Migration(version: 9, name: "member_snapshots", up: [
        "CREATE TABLE member_snapshot_days (day TEXT PRIMARY KEY, year_start TEXT NOT NULL, built_at BIGINT NOT NULL)",
        """
        CREATE TABLE org_member_snapshots (
            org_id BIGINT NOT NULL,
            day TEXT NOT NULL,
            province_id BIGINT NOT NULL,
            \(MemberSnapshots.columns.map { "\($0) BIGINT NOT NULL DEFAULT 0" }.joined(separator: ",\n    ")),
            PRIMARY KEY (org_id, day)
        )
        """,
        "CREATE INDEX org_member_snapshots_province ON org_member_snapshots(province_id, day)",
        // The report's first read, a province's union moves after the date, without reading
        // every event of the province.
        "CREATE INDEX org_events_moves ON org_events(province_id, kind, on_date)",
    ], down: [
        "DROP INDEX org_events_moves",
        "DROP TABLE org_member_snapshots",
        "DROP TABLE member_snapshot_days",
    ], engineUp: [
        .sqlite: MemberSnapshots.sqliteTriggers,
        .postgres: MemberSnapshots.postgresTriggers,
    ], engineDown: [
        .sqlite: MemberSnapshots.sqliteTriggerNames.map { "DROP TRIGGER \($0)" },
        .postgres: ["DROP TRIGGER member_snapshots_period ON member_periods", "DROP FUNCTION member_snapshots_period()"],
    ])
}
