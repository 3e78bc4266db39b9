import Foundation
import GonghuiDomain
import SQLKit

extension ImportColumns {
    /// A unit's roster for a mutual-aid round: 身份证号, 姓名, 所属工会代码.
    public static let mutualAidEnrollment = ImportColumns(columns: [
        .init(key: "id_number", chinese: "身份证号", required: true),
        .init(key: "name", chinese: "姓名", required: true),
        .init(key: "org_code", chinese: "所属工会代码", required: true),
    ])
}

/// `gonghui import mutual-aid-enrollment FILE --round R`: the units' rosters for a round (CSV, XLSX
/// or GBK CSV). As every import: every row checked first and every problem named — not a member in
/// good standing of that union, the name not the one registered, already enrolled this round, the
/// same person twice in the file, a union outside the plan or the officer's scope; nothing written
/// when any row is bad (unless `skipInvalid`); the good rows land in one transaction.
public struct MutualAidEnrollmentImporter: Sendable {
    let store: Store
    public init(store: Store) { self.store = store }

    struct Row { let number: Int; let idHash: String; let idMasked: String; let name: String; let orgCode: String }

    public func run(source: any TableSource, roundID: Int64, options: ImportOptions, actor: Actor,
                    onReject: (_ row: Int, _ cells: [String], _ problems: [ImportProblem]) -> Void = { _, _, _ in }) async throws -> ImportReport {
        var report = ImportReport(kind: "mutual-aid-enrollment")
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权办理参保") }
        let (plan, round) = try await store.mutualAid.round(id: roundID, actor: actor)
        guard round.enrollmentOpens <= options.today && options.today <= round.enrollmentCloses else {
            throw StoreError.conflict(code: "enrollment_closed", message: "本轮参保时间为 \(round.enrollmentOpens.iso) 至 \(round.enrollmentCloses.iso)")
        }
        guard let header = try source.readHeader() else {
            report.problems.append(ImportProblem(row: 1, column: "", value: "", reason: "文件为空：没有表头行"))
            return report
        }
        let (ix, headerProblems) = ImportColumns.mutualAidEnrollment.resolve(header)
        if !headerProblems.isEmpty { report.problems = headerProblems; return report }
        var rows: [Row] = []
        var cellsOf: [Int: [String]] = [:]
        var rejected: [Int: [ImportProblem]] = [:]
        var firstRowOf: [String: Int] = [:]
        func cell(_ cells: [String], _ key: String) -> String {
            ix[key].flatMap { $0 < cells.count ? cells[$0].trimmingCharacters(in: .whitespaces) : nil } ?? ""
        }
        while let (number, cells) = try source.nextRow() {
            report.rowsTotal += 1
            var problems: [ImportProblem] = []
            let rawID = cell(cells, "id_number"), name = cell(cells, "name"), code = cell(cells, "org_code")
            var id: IDNumber?
            do { id = try IDNumber(rawID, today: options.today) } catch {
                problems.append(ImportProblem(row: number, column: "身份证号", value: rawID, reason: error.message))
            }
            if name.isEmpty { problems.append(ImportProblem(row: number, column: "姓名", value: "", reason: "请填写姓名")) }
            if code.isEmpty { problems.append(ImportProblem(row: number, column: "所属工会代码", value: "", reason: "请填写所属工会代码")) }
            if let id {
                if let first = firstRowOf[id.value] {
                    problems.append(ImportProblem(row: number, column: "身份证号", value: id.masked, reason: "与本文件第 \(first) 行重复"))
                } else {
                    firstRowOf[id.value] = number
                }
            }
            if let id, problems.isEmpty {
                rows.append(Row(number: number, idHash: store.cipher.blindIndex(id.value, domain: "id"), idMasked: id.masked, name: name, orgCode: code))
            } else {
                rejected[number] = problems
            }
            if !problems.isEmpty || rows.count <= 100_000 { cellsOf[number] = cells }
        }
        // Against the registry and the round, a thousand at a time.
        let ownerPath = try await store.database.read { db in try await MutualAidService.ownerPath(plan, on: db) }
        var units: [String: (org: Organization, path: String, inPlan: Bool)] = [:]
        var byUnit: [String: [Int64]] = [:]
        for start in stride(from: 0, to: rows.count, by: 1000) {
            let chunk = Array(rows[start ..< min(start + 1000, rows.count)])
            let found = try await store.database.read { db -> [String: (id: Int64, name: String, status: String, code: String, enrolled: Bool)] in
                let hashes = chunk.map { "\(bind: $0.idHash)" as SQLQueryString }.joined(separator: ", ")
                let result = try await db.raw("""
                    SELECT m.id, m.id_hash, m.name, m.status, o.code, (SELECT COUNT(*) FROM mutual_aid_enrollments e WHERE e.round_id = \(bind: round.id) AND e.member_id = m.id) AS enrolled
                    FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id_hash IN (
                    """ + hashes + ")").all()
                var out: [String: (id: Int64, name: String, status: String, code: String, enrolled: Bool)] = [:]
                for r in result {
                    out[try r.decode(column: "id_hash", as: String.self)] = (try r.decode(column: "id", as: Int64.self), try r.decode(column: "name", as: String.self),
                                                                             try r.decode(column: "status", as: String.self), try r.decode(column: "code", as: String.self),
                                                                             try r.decode(column: "enrolled", as: Int.self) > 0)
                }
                return out
            }
            for r in chunk {
                func refuse(_ column: String, _ value: String, _ reason: String) {
                    rejected[r.number, default: []].append(ImportProblem(row: r.number, column: column, value: value, reason: reason))
                }
                if units[r.orgCode] == nil {
                    let unit = try? await store.database.read { db in
                        let o = try await OrgService.find(code: r.orgCode, scope: actor.scope, on: db)
                        return (o, try await OrgService.path(of: o.id, on: db))
                    }
                    if let unit { units[r.orgCode] = (unit.0, unit.1, unit.1.hasPrefix(ownerPath)) }
                }
                guard let unit = units[r.orgCode] else { refuse("所属工会代码", r.orgCode, "工会不存在或不在您的管辖范围内"); continue }
                guard unit.inPlan else { refuse("所属工会代码", r.orgCode, "\(unit.org.name)不在\(plan.ownerName)的互助计划范围内"); continue }
                guard let m = found[r.idHash] else { refuse("身份证号", r.idMasked, "系统中没有这名会员"); continue }
                if m.name != r.name { refuse("姓名", r.name, "与系统登记的姓名“\(m.name)”不符") }
                if m.code != r.orgCode { refuse("所属工会代码", r.orgCode, "不是该工会的会员（系统登记在 \(m.code)）") }
                else if m.status != MemberStatus.active.rawValue { refuse("身份证号", r.idMasked, "不是在会会员") }
                if m.enrolled { refuse("身份证号", r.idMasked, "本轮已参保") }
                if rejected[r.number] == nil { byUnit[r.orgCode, default: []].append(m.id) }
            }
        }
        for row in rejected.keys.sorted() {
            report.problems.append(contentsOf: rejected[row]!)
            onReject(row, cellsOf[row] ?? [], rejected[row]!)
        }
        report.rejected = rejected.count
        report.inserted = byUnit.values.reduce(0) { $0 + $1.count }
        if options.dryRun || (!report.problems.isEmpty && !options.skipInvalid) { return report }
        let audit = store.audit
        let today = options.today
        let roster = byUnit.keys.sorted().map { (units[$0]!.org, byUnit[$0]!) }
        try await store.database.write { db in
            // Enrolled by someone else while the file was checked: refused as a whole.
            if let clash = try await MutualAidService.enrolled(roundID: round.id, among: roster.flatMap(\.1), on: db).first,
               let unit = roster.first(where: { $0.1.contains(clash) })?.0 {
                throw StoreError.conflict(code: "enrolled_meanwhile", message: "\(unit.name)有会员在导入期间已参保，请重新导入")
            }
            try await MutualAidService.insertRoster(roster, plan: plan, round: round, actor: actor, today: today, fileName: options.fileName.isEmpty ? nil : options.fileName, audit: audit, on: db)
        }
        report.written = true
        return report
    }
}
