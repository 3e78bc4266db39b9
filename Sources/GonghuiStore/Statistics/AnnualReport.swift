import Foundation
import GonghuiDomain
import SQLKit

/// Computes the annual statistics from the registry.
///
/// How: the tree is taken as it stood on the date (moves recorded in `org_events` after the date
/// are undone in memory); each node's own figures come from grouped queries: members in good
/// standing on the date from the kept snapshot of that day when there is one (`MemberSnapshots`,
/// the last two year-ends), else from the roll-up `org_member_totals` corrected by the periods
/// changed since (`MemberTotals`), or from every period of the subtree when that is cheaper; active
/// unions, their employees and institutions from `orgs`; contracts in force. The subtree figures
/// are summed bottom-up in memory, so every figure at a node is its own part plus its children's
/// figures, by construction.
public struct StatisticsService: Sendable {
    let database: Database
    let audit: AuditWriter

    struct Node {
        var id: Int64
        var parentID: Int64?
        var code: String
        var name: String
        var kind: OrgKind
        var active: Bool
        var own = AnnualFigures()
    }

    /// How the member figures are found: from the kept snapshot of the date, from the roll-up
    /// corrected by the changes since the date, or by reading every period. `automatic` takes the
    /// snapshot when the date is kept, else the roll-up for a subtree, and for a province
    /// whichever reads fewer periods; the tests compare them.
    enum Method: Sendable { case automatic, snapshot, rollUp, scan }

    /// The year-ends kept as snapshots whatever else is kept: the last two whose years have ended
    /// by `today` (the report of last year and the one it is compared with).
    public static func yearEndsToKeep(today: CivilDate) -> [CivilDate] {
        [today.year - 2, today.year - 1].map(CivilDate.endOfYear)
    }

    /// Makes sure the year-ends of `yearEndsToKeep` are kept (`MemberSnapshots`), building the
    /// missing ones from the periods: nothing to do on most days, one pass over the periods per
    /// year-end when a year has ended. Called when the store opens and before a report as of one
    /// of those year-ends.
    public func keepYearEnds(today: CivilDate = .today()) async throws {
        try await keep(Self.yearEndsToKeep(today: today))
    }

    /// The days whose member figures are kept as snapshots, oldest first.
    public func keptDays() async throws -> [CivilDate] {
        try await database.read { try await MemberSnapshots.keptDays(on: $0) }
    }

    /// Keeps these days as snapshots from now on (those already kept are left as they are).
    func keep(_ days: [CivilDate]) async throws {
        let kept = Set(try await keptDays())
        let missing = days.filter { !kept.contains($0) }
        guard !missing.isEmpty else { return }
        let engine = database.engine
        try await database.write { db in
            for day in missing { try await MemberSnapshots.keep(day, on: db, engine: engine) }
        }
    }

    public func annualReport(code: String, asOf date: CivilDate, depth: Int?, actor: Actor) async throws -> AnnualReport {
        try await StoreMetrics.report("annual") {
            try await annualReport(code: code, asOf: date, depth: depth, actor: actor, method: .automatic)
        }
    }

    func annualReport(code: String, asOf date: CivilDate, depth: Int?, actor: Actor, method: Method) async throws -> AnnualReport {
        let yearStart = date.startOfYear
        // Only a date that should be kept can be missing (a server still running into a new year).
        if method == .automatic, Self.yearEndsToKeep(today: .today()).contains(date) { try await keepYearEnds() }
        return try await database.readPlain { reader in
            let db = reader.sql
            let org = try await OrgService.find(code: code, scope: actor.scope, on: db)
            let rootPath = try await OrgService.path(of: org.id, on: db)
            var nodes = try await Self.loadTree(rootPath: rootPath, provinceID: org.provinceID, asOf: date, on: reader)
            let (subtree, children) = Self.subtree(of: org.id, in: nodes)
            let filters = SubtreeFilter(org: org, ids: subtree, engine: reader.engine)

            // Memberships in good standing on the date, counted where the member was.
            let kept = method == .automatic || method == .snapshot
                ? try await db.raw("SELECT 1 AS x FROM member_snapshot_days WHERE day = \(bind: date.iso)").first() != nil : false
            if method == .snapshot && !kept { throw StoreError.notFound(entity: "member_snapshot_day", key: date.iso) }
            let totals = kept ? [:] : try await Self.currentTotals(filters("t"), on: reader)
            if kept {
                for (id, f) in try await Self.snapshot(on: date, filters("s"), on: reader) where nodes[id] != nil { nodes[id]!.own = nodes[id]!.own + f }
            } else if try await Self.rollsUp(method, org: org, subtree: subtree, totals: totals, after: date, filters: filters, on: db) {
                for (id, f) in totals where nodes[id] != nil { nodes[id]!.own = nodes[id]!.own + f }
                try await Self.applyChanges(after: date, filters: filters("p"), to: &nodes, on: reader)
            } else {
                for filter in filters("p") {
                    let q = MemberGroups.select(sign: "1", yearStart: yearStart, engine: reader.engine) + """
                        WHERE p.status = 'active' AND p.valid_from <= \(bind: date.iso) AND (p.valid_to IS NULL OR p.valid_to > \(bind: date.iso)) AND
                        """ + " " + filter + MemberGroups.groupBy(reader.engine)
                    MemberGroups.add(try await MemberGroups.read(q, on: reader), to: &nodes)
                }
            }
            try await Self.addContracts(inForceOn: date, filters: filters, to: &nodes, on: reader)
            return Self.report(of: org, subtree: subtree, children: children, nodes: nodes, asOf: date, depth: depth)
        }
    }

    /// The subtree of `root` as it stood on the report's date (the loaded nodes), root first, and
    /// each node's children.
    static func subtree(of root: Int64, in nodes: [Int64: Node]) -> (ids: [Int64], children: [Int64: [Int64]]) {
        var children: [Int64: [Int64]] = [:]
        for n in nodes.values { if let p = n.parentID { children[p, default: []].append(n.id) } }
        var subtree: [Int64] = []
        var stack = [root]
        while let id = stack.popLast() {
            subtree.append(id)
            stack.append(contentsOf: children[id] ?? [])
        }
        return (subtree, children)
    }

    /// The conditions that keep a query to the report's subtree, on a table's `org_id`: the whole
    /// province by its id; otherwise the unions listed (PostgreSQL takes the whole list as one
    /// array, bound as its text form: one query, not one per 500 unions).
    struct SubtreeFilter {
        let org: Organization
        let ids: [Int64]
        let engine: SQLEngine

        func callAsFunction(_ table: String) -> [SQLQueryString] {
            if org.parentID == nil { return ["\(unsafeRaw: table).province_id = \(bind: org.id)"] }
            if engine == .postgres {
                return ["\(unsafeRaw: table).org_id = ANY(CAST(\(bind: "{" + ids.map(String.init).joined(separator: ",") + "}") AS BIGINT[]))"]
            }
            return stride(from: 0, to: ids.count, by: 500).map { start in
                var q: SQLQueryString = "\(unsafeRaw: table).org_id IN ("
                for (i, id) in ids[start..<min(start + 500, ids.count)].enumerated() { q += i == 0 ? "\(bind: id)" : ", \(bind: id)" }
                return q + ")"
            }
        }
    }

    /// Whether the figures are today's totals rolled back by the changes after the date (rather
    /// than a scan of every period in force on it).
    static func rollsUp(_ method: Method, org: Organization, subtree: [Int64], totals: [Int64: AnnualFigures], after date: CivilDate,
                        filters: SubtreeFilter, on db: any SQLDatabase) async throws -> Bool {
        switch method {
        case .rollUp: return true
        case .scan, .snapshot: return false
        case .automatic where org.parentID != nil:
            // A subtree's changes are read per union from `member_periods_org`, by ranges of
            // `valid_to`: never more than reading all its periods, and counting them first
            // would cost as much as reading them.
            return true
        case .automatic:
            let members = subtree.reduce(0) { $0 + (totals[$1]?.members ?? 0) }
            return try await changes(after: date, filters: filters("p"), upTo: members + 1, on: db) <= members
        }
    }

    /// Collective contracts in force on the date, counted at their unions.
    static func addContracts(inForceOn date: CivilDate, filters: SubtreeFilter, to nodes: inout [Int64: Node], on reader: PlainReader) async throws {
        for filter in filters("c") {
            let q: SQLQueryString = """
                SELECT c.org_id AS o, COUNT(*) AS n, CAST(COALESCE(SUM(c.workers_covered), 0) AS BIGINT) AS w FROM collective_contracts c
                WHERE c.valid_from <= \(bind: date.iso) AND (c.valid_to IS NULL OR c.valid_to >= \(bind: date.iso)) AND
                """ + " " + filter + " GROUP BY c.org_id"
            for (orgID, contracts, workers) in try await reader.rows(q, { (try $0.int64(0), try $0.int(1), try $0.int(2)) }) {
                guard nodes[orgID]?.active == true else { continue }
                nodes[orgID]!.own.collectiveContracts += contracts
                nodes[orgID]!.own.contractWorkers += workers
            }
        }
    }

    /// The report from each union's own figures: every node's total is its own plus its
    /// children's; the rows are the node, then each child after its parent by code, down to
    /// `depth` levels (a child without active unions or members left out).
    static func report(of org: Organization, subtree: [Int64], children: [Int64: [Int64]], nodes: [Int64: Node], asOf date: CivilDate, depth: Int?) -> AnnualReport {
        // Sum bottom-up: the reverse of the depth-first order visits children before parents.
        var total: [Int64: AnnualFigures] = [:]
        total.reserveCapacity(subtree.count)
        for id in subtree.reversed() {
            var f = nodes[id]!.own
            for c in children[id] ?? [] { f = f + total[c]! }
            total[id] = f
        }

        // Rows: the node, then each child after its parent, by code, down to `depth` levels.
        var rows: [AnnualReportRow] = []
        rows.reserveCapacity(depth == nil ? subtree.count : 64)
        func visit(_ id: Int64, level: Int) {
            let n = nodes[id]!
            let kids = (children[id] ?? []).filter { nodes[$0]!.active || total[$0]!.members > 0 }.sorted { nodes[$0]!.code < nodes[$1]!.code }
            rows.append(AnnualReportRow(orgID: id, orgCode: n.code, orgName: n.name, kind: n.kind, level: level,
                                        parentCode: n.parentID.flatMap { nodes[$0]?.code }, hasChildren: !kids.isEmpty,
                                        figures: total[id]!, own: n.own))
            if depth.map({ level < $0 }) ?? true { for k in kids { visit(k, level: level + 1) } }
        }
        visit(org.id, level: 0)
        rows[0].parentCode = org.parentCode
        return AnnualReport(asOf: date, depth: depth, rows: rows)
    }

    /// Today's members of each union (`org_member_totals`) matching the filters.
    static func currentTotals(_ filters: [SQLQueryString], on reader: PlainReader) async throws -> [Int64: AnnualFigures] {
        try await memberFigures("SELECT t.org_id, \(unsafeRaw: MemberTotals.columnList) FROM org_member_totals t WHERE ", filters, joiners: false, on: reader)
    }

    /// The members of each union matching the filters on the kept day `date` (`org_member_snapshots`).
    static func snapshot(on date: CivilDate, _ filters: [SQLQueryString], on reader: PlainReader) async throws -> [Int64: AnnualFigures] {
        try await memberFigures("SELECT s.org_id, \(unsafeRaw: MemberSnapshots.columnList) FROM org_member_snapshots s WHERE s.day = \(bind: date.iso) AND ",
                                filters, joiners: true, on: reader)
    }

    /// Reads rows of a union and its member figures in `MemberSnapshots.columns` order (the last,
    /// this year's joiners, only with `joiners`), one query per filter.
    static func memberFigures(_ select: SQLQueryString, _ filters: [SQLQueryString], joiners: Bool,
                              on reader: PlainReader) async throws -> [Int64: AnnualFigures] {
        var out: [Int64: AnnualFigures] = [:]
        for filter in filters {
            let totals = try await reader.rows(select + filter) { row -> (Int64, AnnualFigures) in
                var f = AnnualFigures()
                f.members = try row.int(1)
                f.womenMembers = try row.int(2)
                f.migrantMembers = try row.int(3)
                f.fixedTermMembers = try row.int(4)
                f.openEndedMembers = try row.int(5)
                f.dispatchedMembers = try row.int(6)
                f.flexibleMembers = try row.int(7)
                f.newFormsMembers = try row.int(8)
                if joiners { f.newMembers = try row.int(9) }
                return (try row.int64(0), f)
            }
            for (orgID, f) in totals { out[orgID] = f }
        }
        return out
    }

    /// The number of periods matching one of `filters` (the province, or lists of unions) that
    /// changed after `date` (opened this year or closed after the date), counted no further than
    /// `limit`.
    static func changes(after date: CivilDate, filters: [SQLQueryString], upTo limit: Int, on db: any SQLDatabase) async throws -> Int {
        let yearStart = date.startOfYear
        var n = 0
        for filter in filters {
            for condition: SQLQueryString in ["p.valid_to IS NULL AND p.valid_from >= \(bind: yearStart.iso)", "p.valid_to > \(bind: date.iso)"] {
                let q: SQLQueryString = "SELECT COUNT(*) AS n FROM (SELECT 1 FROM member_periods p WHERE " + filter + " AND " + condition
                    + " LIMIT \(bind: limit - n)) x"
                n += try await db.raw(q).first()?.decode(column: "n", as: Int.self) ?? 0
                if n >= limit { return n }
            }
        }
        return n
    }

    /// Turns today's totals into the figures on `date`: periods in good standing opened after
    /// the date are taken off, those closed after it are added back, and this year's joiners
    /// among the members on the date are counted as new. The periods carry the member's
    /// attributes, and `member_periods_changes` (a province) or `member_periods_org` (lists of
    /// unions) hold every column read, so these reads stay in the index.
    static func applyChanges(after date: CivilDate, filters: [SQLQueryString], to nodes: inout [Int64: Node], on reader: PlainReader) async throws {
        let yearStart = date.startOfYear
        for filter in filters {
            let opened = MemberGroups.select(sign: "CASE WHEN p.valid_from > \(bind: date.iso) THEN -1 ELSE 0 END", yearStart: yearStart, engine: reader.engine)
                + "WHERE p.valid_to IS NULL AND p.valid_from >= \(bind: yearStart.iso) AND p.status = 'active' AND " + filter
                + MemberGroups.groupBy(reader.engine)
            let closed = MemberGroups.select(sign: "1", yearStart: yearStart, engine: reader.engine)
                + "WHERE p.valid_to > \(bind: date.iso) AND p.valid_from <= \(bind: date.iso) AND p.status = 'active' AND " + filter
                + MemberGroups.groupBy(reader.engine)
            MemberGroups.add(try await MemberGroups.read(opened, on: reader), to: &nodes)
            MemberGroups.add(try await MemberGroups.read(closed, on: reader), to: &nodes)
        }
    }

    /// Periods read for the member figures, each as its union and one small integer packing
    /// everything the figures need: bit 0 female, bit 1 migrant, bits 2–4 the employment type
    /// (its place in `EmploymentType.allCases`, 5 for none), bit 5 joined in the report's year,
    /// bits 6–7 the sign plus one. PostgreSQL groups them by hash and sends one row per union
    /// and code with its count; SQLite can only group by sorting, which took longer than reading
    /// the periods, so it sends every period and they are counted here.
    enum MemberGroups {
        static func select(sign: SQLQueryString, yearStart: CivilDate, engine: SQLEngine) -> SQLQueryString {
            var types = "CASE p.employment_type"
            for (i, t) in EmploymentType.allCases.enumerated() { types += " WHEN '\(t.rawValue)' THEN \(i << 2)" }
            types += " ELSE \(EmploymentType.allCases.count << 2) END"
            return "SELECT p.org_id, (CASE WHEN p.gender = '\(unsafeRaw: Gender.female.rawValue)' THEN 1 ELSE 0 END) + (CASE WHEN p.is_migrant THEN 2 ELSE 0 END) + (\(unsafeRaw: types))"
                + " + (CASE WHEN p.joined_on >= \(bind: yearStart.iso) THEN 32 ELSE 0 END) + 64 * ((" + sign + ") + 1) AS c, "
                + (engine == .postgres ? "COUNT(*)" : "1") + " AS n FROM member_periods p "
        }

        static func groupBy(_ engine: SQLEngine) -> SQLQueryString {
            engine == .postgres ? " GROUP BY 1, 2" : ""
        }

        struct Group { let orgID: Int64; let code: Int32; let count: Int32 }

        static func read(_ query: SQLQueryString, on reader: PlainReader) async throws -> [Group] {
            try await reader.rows(query) { row in
                Group(orgID: try row.int64(0), code: Int32(try row.int(1)), count: Int32(clamping: try row.int(2)))
            }
        }

        /// Adds the groups (union, code, count) to the unions' own figures with the code's sign: 1
        /// adds members on the date, −1 takes off members counted today who were not members on
        /// the date, 0 only marks this year's joiners already counted.
        static func add(_ groups: [Group], to nodes: inout [Int64: Node]) {
            let types = EmploymentType.allCases
            for g in groups {
                // One look-up per row; the figures are then changed in place.
                guard let at = nodes.index(forKey: g.orgID) else { continue }
                let code = Int(g.code), n = Int(g.count)
                let sign = (code >> 6) - 1, isNew = code & 32 != 0
                if sign == 0 {
                    if isNew { nodes.values[at].own.newMembers += n }
                    continue
                }
                let d = sign * n, type = (code >> 2) & 7
                var f = nodes.values[at].own
                f.members += d
                if code & 1 != 0 { f.womenMembers += d }
                if code & 2 != 0 { f.migrantMembers += d }
                if type < types.count { f.addMembers(d, type: types[type]) }
                if isNew && sign > 0 { f.newMembers += n }
                nodes.values[at].own = f
            }
        }
    }

    /// The orgs of the subtree at `rootPath` as they stood on `date`: the current subtree plus the
    /// subtrees of orgs moved out of it after the date, with each moved org's parent of that date.
    /// A node's own union figures (grassroots unions, employees, institutions) are filled in here.
    static func loadTree(rootPath: String, provinceID: Int64, asOf date: CivilDate, on reader: PlainReader) async throws -> [Int64: Node] {
        let db = reader.sql
        let yearStart = date.startOfYear
        // Moves after the date, oldest first: the first one's old parent is the parent on the date.
        var parentOnDate: [Int64: Int64?] = [:]
        var movedPaths: [String] = []
        let moves = try await db.raw("""
            SELECT e.org_id, e.from_parent_id, o.path FROM org_events e JOIN orgs o ON o.id = e.org_id
            WHERE e.province_id = \(bind: provinceID) AND e.kind = 'moved' AND e.on_date > \(bind: date.iso) ORDER BY e.on_date, e.id
            """).all()
        for m in moves {
            let id = try m.decode(column: "org_id", as: Int64.self)
            if parentOnDate[id] == nil {
                parentOnDate[id] = .some(try m.decode(column: "from_parent_id", as: Int64?.self))
                let path = try m.decode(column: "path", as: String.self)
                if !path.hasPrefix(rootPath) { movedPaths.append(path) }
            }
        }
        var nodes: [Int64: Node] = [:]
        let columns: SQLQueryString = """
            SELECT id, parent_id, code, name, kind, founded_on, ended_on, employees, women_employees, workers_congress,
                   factory_affairs_openness, women_committee, funds_audit_committee, mediation_committee, labor_protection_committee
            FROM orgs WHERE
            """
        // Dates are stored as ISO text, which sorts as the dates do: compared without parsing.
        let day = date.iso, firstDay = yearStart.iso
        let parents = parentOnDate
        for path in [rootPath] + movedPaths {
            // By position, in the order of `columns`; each row becomes a node as it arrives.
            let built = try await reader.rows(columns + " " + Scope(path: path).sql("path")) { row -> Node in
                func text(_ i: Int) throws -> String? { try row.optionalString(i).flatMap { $0.isEmpty ? nil : $0 } }
                let id = try row.int64(0)
                let kind = OrgKind(rawValue: try row.string(4)) ?? .grassroots
                let founded = try text(5), ended = try text(6)
                // No founding date recorded: the union is taken to have existed all along.
                let active = (founded.map { $0 <= day } ?? true) && (ended.map { $0 > day } ?? true)
                var node = Node(id: id, parentID: try row.optionalInt64(1), code: try row.string(2), name: try row.string(3),
                                kind: kind, active: active)
                if let p = parents[id] { node.parentID = p }
                if active && (kind == .grassroots || kind == .federation) {
                    node.own.grassrootsUnions = 1
                    node.own.employees = try row.int(7)
                    node.own.womenEmployees = try row.int(8)
                    if let founded, founded >= firstDay { node.own.newUnions = 1 }
                    if try row.bool(9) { node.own.workersCongress = 1 }
                    if try row.bool(10) { node.own.factoryAffairsOpenness = 1 }
                    if try row.bool(11) { node.own.womenCommittees = 1 }
                    if try row.bool(12) { node.own.fundsAuditCommittees = 1 }
                    if try row.bool(13) { node.own.mediationCommittees = 1 }
                    if try row.bool(14) { node.own.laborProtectionCommittees = 1 }
                }
                return node
            }
            nodes.reserveCapacity(nodes.count + built.count)
            for node in built { nodes[node.id] = node }
        }
        return nodes
    }

    /// Members in good standing (在会) on each date, in the subtree of `code` as the tree stands
    /// today, counted in one pass over the membership periods (for a "members over time" chart).
    public func membersOverTime(code: String, dates: [CivilDate], actor: Actor) async throws -> [(date: CivilDate, members: Int)] {
        guard let first = dates.min(), let last = dates.max() else { return [] }
        return try await database.read { db in
            let org = try await OrgService.find(code: code, scope: actor.scope, on: db)
            var q: SQLQueryString = "SELECT "
            for (i, d) in dates.enumerated() {
                if i > 0 { q += ", " }
                q += "COALESCE(SUM(CASE WHEN p.valid_from <= \(bind: d.iso) AND (p.valid_to IS NULL OR p.valid_to > \(bind: d.iso)) THEN 1 ELSE 0 END), 0) AS c\(unsafeRaw: String(i))"
            }
            q += org.parentID == nil
                ? " FROM member_periods p WHERE p.province_id = \(bind: org.id)"
                : " FROM member_periods p JOIN orgs o ON o.id = p.org_id WHERE " + Scope(path: try await OrgService.path(of: org.id, on: db)).sql("o.path")
            q += " AND p.status = 'active' AND p.valid_from <= \(bind: last.iso) AND (p.valid_to IS NULL OR p.valid_to > \(bind: first.iso))"
            let row = try await db.raw(q).first()
            return try dates.enumerated().map { i, d in (d, try row?.decode(column: "c\(i)", as: Int.self) ?? 0) }
        }
    }

    // MARK: Collective contracts

    public func contracts(orgCode: String, actor: Actor) async throws -> [CollectiveContract] {
        try await database.read { db in
            let org = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            return try await db.raw("""
                SELECT id, kind, signed_on, valid_from, valid_to, workers_covered FROM collective_contracts
                WHERE org_id = \(bind: org.id) ORDER BY valid_from DESC, id DESC
                """).all().map { row in
                CollectiveContract(id: try row.decode(column: "id", as: Int64.self), orgCode: org.code,
                                   kind: try row.decode(column: "kind", as: String.self), signedOn: try Rows.date(row, "signed_on"),
                                   validFrom: try Rows.date(row, "valid_from") ?? CivilDate(daysSinceEpoch: 0), validTo: try Rows.date(row, "valid_to"),
                                   workersCovered: try row.decode(column: "workers_covered", as: Int.self))
            }
        }
    }

    /// Records a collective contract of a grassroots union (audited).
    public func addContract(orgCode: String, kind: String, signedOn: CivilDate?, validFrom: CivilDate, validTo: CivilDate?,
                            workersCovered: Int, actor: Actor) async throws -> CollectiveContract {
        try await addContracts([ContractDraft(orgCode: orgCode, kind: kind, signedOn: signedOn, validFrom: validFrom, validTo: validTo,
                                              workersCovered: workersCovered)], actor: actor)[0]
    }

    /// Records several contracts in one transaction (all or none), each audited.
    public func addContracts(_ drafts: [ContractDraft], actor: Actor) async throws -> [CollectiveContract] {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权登记集体合同") }
        let drafts = drafts.map { d in var d = d; d.kind = d.kind.trimmingCharacters(in: .whitespaces); return d }
        for d in drafts {
            var problems: [FieldProblem] = []
            if d.kind.isEmpty || d.kind.count > 50 { problems.append(FieldProblem(field: "kind", value: d.kind, reason: "合同类别不能为空，且不超过 50 个字")) }
            if let validTo = d.validTo, validTo < d.validFrom { problems.append(FieldProblem(field: "validTo", value: validTo.iso, reason: "终止日期不能早于生效日期")) }
            if d.workersCovered < 0 || d.workersCovered > 10_000_000 {
                problems.append(FieldProblem(field: "workersCovered", value: String(d.workersCovered), reason: "覆盖职工人数应为 0 到 10,000,000 之间的整数"))
            }
            if !problems.isEmpty { throw StoreError.invalid(problems) }
        }
        let audit = self.audit
        return try await database.write { db in
            var out: [CollectiveContract] = []
            for d in drafts {
                let org = try await OrgService.find(code: d.orgCode, scope: actor.scope, on: db)
                guard org.kind == .grassroots || org.kind == .federation else {
                    throw StoreError.invalid([FieldProblem(field: "orgCode", value: d.orgCode, reason: "集体合同只能登记在基层工会或联合会")])
                }
                let row = try await db.raw("""
                    INSERT INTO collective_contracts (province_id, org_id, kind, signed_on, valid_from, valid_to, workers_covered, created_at)
                    VALUES (\(bind: org.provinceID), \(bind: org.id), \(bind: d.kind), \(bind: d.signedOn?.iso), \(bind: d.validFrom.iso), \(bind: d.validTo?.iso),
                            \(bind: d.workersCovered), \(bind: Clock.nowMillis())) RETURNING id
                    """).first()
                let id = try row?.decode(column: "id", as: Int64.self) ?? 0
                let path = try await OrgService.path(of: org.id, on: db)
                try await audit.append(.init(action: "contract.create", entity: "collective_contract", entityID: String(id), orgID: org.id, orgPath: path,
                                             summary: "登记 \(org.name) 的\(d.kind)（\(d.validFrom.iso) 起，覆盖职工 \(d.workersCovered) 人）"), actor: actor, on: db)
                out.append(CollectiveContract(id: id, orgCode: org.code, kind: d.kind, signedOn: d.signedOn, validFrom: d.validFrom, validTo: d.validTo,
                                              workersCovered: d.workersCovered))
            }
            return out
        }
    }
}

extension Store {
    public var statistics: StatisticsService { StatisticsService(database: database, audit: audit) }
}
