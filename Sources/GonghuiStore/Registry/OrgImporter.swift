import Foundation
import GonghuiDomain
import SQLKit

/// `gonghui import orgs`: the whole file is read and checked first (a child may come before its
/// parent), then written in one transaction, parents before children.
public struct OrgImporter: Sendable {
    let store: Store
    public init(store: Store) { self.store = store }

    struct Parsed { let row: Int; let cells: [String]; let draft: OrganizationDraft }

    /// The rows refused so far, each with its cells (for the rejects file) and its problems.
    struct Rejections {
        var problems: [Int: [ImportProblem]] = [:]
        var cells: [Int: [String]] = [:]

        mutating func add(_ row: Int, cells rowCells: [String], _ more: [ImportProblem]) {
            problems[row, default: []].append(contentsOf: more)
            cells[row] = rowCells
        }

        func contains(_ row: Int) -> Bool { problems[row] != nil }
    }

    /// The new rows to insert (parents first) and the existing orgs to update.
    struct Plan {
        var ordered: [Parsed] = []
        var toUpdate: [(Parsed, Organization)] = []
    }

    public func run(
        source: any TableSource,
        options: ImportOptions,
        actor: Actor,
        regions: RegionCatalog = .builtIn,
        onReject: (_ row: Int, _ cells: [String], _ problems: [ImportProblem]) -> Void = { _, _, _ in },
        progress: (ImportProgress) -> Void = { _ in }
    ) async throws -> (ImportReport, header: [String]) {
        var report = ImportReport(kind: "orgs")
        let timing = ImportTiming(kind: "orgs")
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权导入组织") }
        guard let header = try source.readHeader() else {
            report.problems.append(ImportProblem(row: 1, column: "", value: "", reason: "文件为空：没有表头行"))
            return (report, [])
        }
        let (ix, headerProblems) = ImportColumns.orgs.resolve(header)
        if !headerProblems.isEmpty { report.problems = headerProblems; return (report, header) }

        var rejected = Rejections()
        let parsed = try Self.readRows(source, ix: ix, regions: regions, report: &report, rejected: &rejected)
        progress(ImportProgress(phase: .validating, rows: report.rowsTotal))

        // Existing orgs in scope (for parents and for re-imports), and all codes (a code is unique
        // in the whole database, even outside the actor's subtree).
        let existing = try await store.database.read { db -> [String: Organization] in
            var out: [String: Organization] = [:]
            for row in try await db.raw(Rows.orgSelect + " WHERE " + actor.scope.sql("o.path")).all() {
                let o = try Rows.org(row); out[o.code] = o
            }
            return out
        }
        var plan = Plan()
        let toInsert = check(parsed, existing: existing, actor: actor, plan: &plan, report: &report, rejected: &rejected)
        let taken = try await takenCodes(toInsert.map(\.draft.code))
        for p in toInsert where taken.contains(p.draft.code) {
            rejected.add(p.row, cells: p.cells, [ImportProblem(row: p.row, column: "组织代码", value: p.draft.code, reason: "组织代码已被其他组织使用")])
        }
        plan.ordered = Self.parentsFirst(toInsert, existing: existing, rejected: &rejected)
        plan.toUpdate.removeAll { rejected.contains($0.0.row) }
        for row in rejected.problems.keys.sorted() {
            report.problems.append(contentsOf: rejected.problems[row]!)
            onReject(row, rejected.cells[row] ?? [], rejected.problems[row]!)
        }
        report.rejected = rejected.problems.count
        report.inserted = plan.ordered.count
        report.updated = plan.toUpdate.count
        if options.dryRun || (!report.problems.isEmpty && !options.skipInvalid) { return (report, header) }

        let result = try await write(plan, existing: existing, options: options, actor: actor, report: report)
        progress(ImportProgress(phase: .writing, rows: report.rowsTotal))
        return timing.finish((result, header))
    }

    /// Every row parsed and checked on its own, and against the file's earlier rows (a code twice).
    static func readRows(_ source: any TableSource, ix: [String: Int], regions: RegionCatalog, report: inout ImportReport,
                         rejected: inout Rejections) throws -> [Parsed] {
        var parsed: [Parsed] = []
        var firstRowOfCode: [String: Int] = [:]
        while let (number, cells) = try source.nextRow() {
            report.rowsTotal += 1
            let (draft, problems, warnings) = Self.parse(number: number, cells: cells, ix: ix, regions: regions)
            report.warnings.append(contentsOf: warnings)
            var all = problems
            if let draft {
                if let first = firstRowOfCode[draft.code] {
                    all.append(ImportProblem(row: number, column: "组织代码", value: draft.code, reason: "与本文件第 \(first) 行的组织代码重复"))
                } else {
                    firstRowOfCode[draft.code] = number
                }
            }
            if all.isEmpty, let draft { parsed.append(Parsed(row: number, cells: cells, draft: draft)) }
            else { rejected.add(number, cells: cells, all) }
        }
        return parsed
    }

    /// Each parsed row against the registry: an existing org is updated (never moved), a new one
    /// needs a parent in the file or in scope that may contain it. Returns the new rows.
    func check(_ parsed: [Parsed], existing: [String: Organization], actor: Actor, plan: inout Plan, report: inout ImportReport,
               rejected: inout Rejections) -> [Parsed] {
        let inFile = Dictionary(parsed.map { ($0.draft.code, $0) }, uniquingKeysWith: { a, _ in a })
        func kindOf(_ code: String) -> OrgKind? { inFile[code]?.draft.kind ?? existing[code]?.kind }
        var toInsert: [Parsed] = []
        for p in parsed {
            var problems: [ImportProblem] = []
            let d = p.draft
            if let old = existing[d.code] {
                if d.parentCode != old.parentCode {
                    problems.append(ImportProblem(row: p.row, column: "上级组织代码", value: d.parentCode ?? "", reason: "与现有记录的上级组织（\(old.parentCode ?? "无")）不同；调整隶属关系请使用“移动”功能"))
                } else if Self.same(d, old, cipher: store.cipher) {
                    report.unchanged += 1
                } else {
                    plan.toUpdate.append((p, old))
                }
            } else {
                if let parentCode = d.parentCode {
                    if let pk = kindOf(parentCode) {
                        if !pk.mayContain(d.kind) {
                            problems.append(ImportProblem(row: p.row, column: "组织类型", value: d.kind.label, reason: "\(pk.title)下不能直接设立\(d.kind.title)"))
                        }
                        if let po = existing[parentCode], po.status != .active {
                            problems.append(ImportProblem(row: p.row, column: "上级组织代码", value: parentCode, reason: "上级组织已\(po.status.label)"))
                        }
                    } else if rejected.problems.keys.contains(where: { rejected.cells[$0]?.first == parentCode }) {
                        problems.append(ImportProblem(row: p.row, column: "上级组织代码", value: parentCode, reason: "上级组织所在行有错误"))
                    } else {
                        problems.append(ImportProblem(row: p.row, column: "上级组织代码", value: parentCode, reason: "上级组织不存在（文件中和系统中都没有，或不在您的管辖范围内）"))
                    }
                } else if !actor.isSystem {
                    problems.append(ImportProblem(row: p.row, column: "上级组织代码", value: "", reason: "只有系统操作可以导入省级根组织"))
                }
                if problems.isEmpty { toInsert.append(p) }
            }
            if !problems.isEmpty { rejected.add(p.row, cells: p.cells, problems) }
        }
        return toInsert
    }

    /// Codes among `codes` already used anywhere in the database, outside the actor's scope too.
    func takenCodes(_ codes: [String]) async throws -> Set<String> {
        guard !codes.isEmpty else { return [] }
        return try await store.database.read { db -> Set<String> in
            var out = Set<String>()
            var start = 0
            while start < codes.count {
                let chunk = codes[start..<min(start + 1000, codes.count)]
                var q: SQLQueryString = "SELECT code FROM orgs WHERE code IN ("
                for (i, c) in chunk.enumerated() { q += i == 0 ? "\(bind: c)" : ", \(bind: c)" }
                q += ")"
                for row in try await db.raw(q).all() { out.insert(try row.decode(column: "code", as: String.self)) }
                start += 1000
            }
            return out
        }
    }

    /// The new rows with parents before children; rows whose ancestors are bad, or that form a
    /// cycle, fail.
    static func parentsFirst(_ toInsert: [Parsed], existing: [String: Organization], rejected: inout Rejections) -> [Parsed] {
        var ordered: [Parsed] = []
        var placed = Set(existing.keys)
        var remaining = toInsert.filter { !rejected.contains($0.row) }
        while !remaining.isEmpty {
            let ready = remaining.filter { $0.draft.parentCode == nil || placed.contains($0.draft.parentCode!) }
            if ready.isEmpty {
                for p in remaining {
                    rejected.add(p.row, cells: p.cells, [ImportProblem(row: p.row, column: "上级组织代码", value: p.draft.parentCode ?? "",
                                                                       reason: "上级组织有错误或与下级形成循环")])
                }
                break
            }
            ordered.append(contentsOf: ready)
            for p in ready { placed.insert(p.draft.code) }
            let readyRows = Set(ready.map(\.row))
            remaining.removeAll { readyRows.contains($0.row) }
        }
        return ordered
    }

    /// The plan in one transaction: the new orgs (paths from their parents), their events, the
    /// updates, the import run and the audit entry.
    func write(_ plan: Plan, existing: [String: Organization], options: ImportOptions, actor: Actor, report: ImportReport) async throws -> ImportReport {
        let cipher = store.cipher
        let engine = store.database.engine
        let ordered = plan.ordered
        return try await store.database.bulk { tx in
            var known: [String: (id: Int64, path: String, depth: Int, province: Int64)] = [:]
            for o in existing.values { known[o.code] = (o.id, "", o.depth, o.provinceID) }
            let ids = try await tx.reserveIDs("orgs", count: ordered.count)
            var rows: [[BulkValue]] = []
            let now = Clock.nowMillis()
            for (i, p) in ordered.enumerated() {
                let d = p.draft
                var parentPath = "/", depth = 0, province = ids[i], parentID: Int64? = nil
                if let pc = d.parentCode, let parent = known[pc] {
                    var path = parent.path
                    if path.isEmpty { path = try await OrgService.path(of: parent.id, on: tx.sql); known[pc] = (parent.id, path, parent.depth, parent.province) }
                    parentPath = path; depth = parent.depth + 1; province = parent.province; parentID = parent.id
                }
                let path = parentPath + "\(ids[i])/"
                known[d.code] = (ids[i], path, depth, province)
                rows.append(Self.row(id: ids[i], provinceID: province, parentID: parentID, path: path, depth: depth, draft: d, cipher: cipher, now: now))
                if rows.count >= 2000 { try await tx.insert("orgs", columns: Self.columns, rows: rows); rows.removeAll() }
            }
            try await tx.insert("orgs", columns: Self.columns, rows: rows)
            let today = options.today
            var events: [[BulkValue]] = []
            let eventIDs = try await tx.reserveIDs("org_events", count: ordered.count)
            for (i, p) in ordered.enumerated() {
                let k = known[p.draft.code]!
                events.append([.int(eventIDs[i]), .int(k.province), .int(k.id), .text("imported"), .text((p.draft.foundedOn ?? today).iso),
                               .text("批量导入建立“\(p.draft.name)”"), .text(actor.username), .int(now)])
            }
            try await tx.insert("org_events", columns: ["id", "province_id", "org_id", "kind", "on_date", "detail", "actor", "at"], rows: events)
            for (p, old) in plan.toUpdate {
                try await OrgWriter.update(id: old.id, with: p.draft, keepChairPhone: true, cipher: cipher, on: tx.sql)
                try await OrgWriter.event(orgID: old.id, kind: "edited", on: today, detail: "批量导入更新信息", actor: actor, on: tx.sql)
            }
            var r = report
            r.written = true
            try await ImportRuns.record(kind: "orgs", action: "org.import", noun: "组织", report: r, options: options, actor: actor,
                                        on: tx.sql, cipher: cipher, engine: engine)
            return r
        }
    }

    static let columns = ["id", "province_id", "code", "name", "parent_id", "kind", "path", "depth", "credit_code", "region_code", "unit_nature",
                          "industry", "employees", "women_employees", "migrant_employees", "founded_on", "chair_name", "approval",
                          "women_committee", "funds_audit_committee", "workers_congress", "factory_affairs_openness",
                          "labor_protection_committee", "mediation_committee", "created_at", "updated_at"]

    static func row(id: Int64, provinceID: Int64, parentID: Int64?, path: String, depth: Int, draft d: OrganizationDraft, cipher: FieldCipher, now: Int64) -> [BulkValue] {
        [.int(id), .int(provinceID), .text(d.code), .text(d.name), parentID.map { .int($0) } ?? .null, .text(d.kind.rawValue), .text(path), .int(Int64(depth)),
         BulkValue(d.creditCode?.value), BulkValue(d.regionCode?.value), BulkValue(d.unitNature?.rawValue), BulkValue(d.industry),
         .int(Int64(d.employees)), .int(Int64(d.womenEmployees)), .int(Int64(d.migrantEmployees)), BulkValue(d.foundedOn?.iso), BulkValue(d.chairName),
         .text(d.approval.rawValue), .bool(d.flags.womenCommittee), .bool(d.flags.fundsAuditCommittee), .bool(d.flags.workersCongress),
         .bool(d.flags.factoryAffairsOpenness), .bool(d.flags.laborProtectionCommittee), .bool(d.flags.mediationCommittee), .int(now), .int(now)]
    }

    static func same(_ d: OrganizationDraft, _ o: Organization, cipher: FieldCipher) -> Bool {
        d.name == o.name && d.kind == o.kind && d.creditCode?.value == o.creditCode && d.regionCode?.value == o.regionCode
            && d.unitNature == o.unitNature && d.industry == o.industry && d.employees == o.employees && d.womenEmployees == o.womenEmployees
            && d.migrantEmployees == o.migrantEmployees && d.foundedOn == o.foundedOn && d.chairName == o.chairName && d.flags == o.flags
    }

    static func parse(number: Int, cells: [String], ix: [String: Int], regions: RegionCatalog) -> (OrganizationDraft?, [ImportProblem], [ImportProblem]) {
        func cell(_ key: String) -> String {
            guard let i = ix[key], i < cells.count else { return "" }
            return cells[i].trimmingCharacters(in: .whitespaces)
        }
        var problems: [ImportProblem] = [], warnings: [ImportProblem] = []
        func fail(_ c: String, _ v: String, _ r: String) { problems.append(ImportProblem(row: number, column: c, value: v, reason: r)) }
        let code = cell("code"), name = cell("name"), parent = cell("parent_code"), rawKind = cell("kind")
        let kind = OrgKind(parsing: rawKind)
        if kind == nil { fail("组织类型", rawKind, "应为 省、市、县、乡镇、基层、联合会、分工会 或 小组") }
        var credit: CreditCode?
        let rawCredit = cell("credit_code")
        if !rawCredit.isEmpty {
            do {
                let c = try CreditCode(rawCredit)
                credit = c
                if let w = c.checkWarning { warnings.append(ImportProblem(row: number, column: "统一社会信用代码", value: rawCredit, reason: w)) }
            } catch { fail("统一社会信用代码", rawCredit, error.message) }
        }
        var region: RegionCode?
        let rawRegion = cell("region_code")
        if !rawRegion.isEmpty {
            do { region = try regions.validate(rawRegion) } catch { fail("行政区划代码", rawRegion, error.message) }
        }
        var nature: UnitNature?
        let rawNature = cell("unit_nature")
        if !rawNature.isEmpty {
            nature = UnitNature(parsing: rawNature)
            if nature == nil { fail("单位性质", rawNature, "不是有效的单位性质代码（如 110 国有企业、170 私营企业、400 事业单位）") }
        }
        var numbers: [String: Int] = [:]
        for (key, label) in [("employees", "职工人数"), ("women_employees", "女职工人数"), ("migrant_employees", "农民工人数")] {
            let raw = cell(key)
            if let v = ImportCells.int(raw) { numbers[key] = v } else { fail(label, raw, "应为整数") }
        }
        var founded: CivilDate?
        let rawFounded = cell("founded_on")
        if !rawFounded.isEmpty {
            do { founded = try CivilDate(parsing: rawFounded) } catch { fail("建会日期", rawFounded, error.message) }
        }
        var flags = OrgFlags()
        for (key, label, set) in [
            ("women_committee", "女职工委员会", { (f: inout OrgFlags, v: Bool) in f.womenCommittee = v }),
            ("funds_audit_committee", "经费审查委员会", { (f: inout OrgFlags, v: Bool) in f.fundsAuditCommittee = v }),
            ("workers_congress", "职代会", { (f: inout OrgFlags, v: Bool) in f.workersCongress = v }),
            ("factory_affairs_openness", "厂务公开", { (f: inout OrgFlags, v: Bool) in f.factoryAffairsOpenness = v }),
            ("labor_protection_committee", "劳动保护监督检查委员会", { (f: inout OrgFlags, v: Bool) in f.laborProtectionCommittee = v }),
            ("mediation_committee", "劳动争议调解委员会", { (f: inout OrgFlags, v: Bool) in f.mediationCommittee = v }),
        ] {
            let raw = cell(key)
            if let v = ImportCells.yesNo(raw) { set(&flags, v) } else { fail(label, raw, "应为“是”或“否”") }
        }
        guard let kind else { return (nil, problems, warnings) }
        let draft = OrganizationDraft(
            code: code, name: name, parentCode: parent.isEmpty ? nil : parent, kind: kind, creditCode: credit, regionCode: region,
            unitNature: nature, industry: cell("industry").isEmpty ? nil : cell("industry"),
            employees: numbers["employees"] ?? 0, womenEmployees: numbers["women_employees"] ?? 0, migrantEmployees: numbers["migrant_employees"] ?? 0,
            foundedOn: founded, chairName: cell("chair_name").isEmpty ? nil : cell("chair_name"), flags: flags)
        let columnNames = Dictionary(uniqueKeysWithValues: ImportColumns.orgs.columns.map { ($0.key, $0.chinese) })
        for p in draft.validate() { fail(columnNames[p.field] ?? p.field, p.value, p.reason) }
        return problems.isEmpty ? (draft, [], warnings) : (nil, problems, warnings)
    }
}
