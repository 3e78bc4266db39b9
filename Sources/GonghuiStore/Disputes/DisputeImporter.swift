import Foundation
import GonghuiDomain
import SQLKit

extension ImportColumns {
    /// The columns of the dispute registers federations keep in spreadsheets (issue text and
    /// DOMAIN.md §9), in Chinese as they write them, English accepted too.
    public static let disputes = ImportColumns(columns: [
        .init(key: "case_no", chinese: "工单号", required: true),
        .init(key: "channel", chinese: "来源渠道", required: true),
        .init(key: "kind", chinese: "诉求类别", required: true),
        .init(key: "dispute_types", chinese: "争议类型", required: true),
        .init(key: "received_on", chinese: "受理日期", required: true),
        .init(key: "worker_name", chinese: "职工姓名", required: true),
        .init(key: "id_number", chinese: "身份证号", required: false),
        .init(key: "phone", chinese: "联系电话", required: false),
        .init(key: "workers", chinese: "涉及人数", required: false),
        .init(key: "employer_name", chinese: "用人单位名称", required: true),
        .init(key: "employer_credit_code", chinese: "统一社会信用代码", required: false),
        .init(key: "org_code", chinese: "处理工会代码", required: true),
        .init(key: "amount_claimed", chinese: "涉及金额（元）", required: false),
        .init(key: "state", chinese: "办理状态", required: true),
        .init(key: "closed_on", chinese: "办结日期", required: false),
        .init(key: "outcome", chinese: "调解结果", required: false),
        .init(key: "amount_recovered", chinese: "追回金额（元）", required: false),
    ])
}

/// One row of a dispute register, checked on its own.
struct ImportedDispute: Sendable {
    var row: Int
    var caseNo: String
    var channel: DisputeChannel
    var kind: DisputeRequestKind
    var types: [DisputeType]
    var worker: DisputeWorkerDraft
    var workersInvolved: Int
    var employerName: String
    var creditCode: String?
    var orgCode: String
    var claimed: Money
    var workflow: DisputeWorkflow

    /// The amount is recorded as a claim of the case's first type (a consultation has none: its
    /// amount stays on the case alone).
    var hasClaim: Bool { claimed.fen > 0 && !types.isEmpty }

    /// The row's content in one canonical line: an unchanged row has the same digest, however
    /// its cells were spelled (a date as 2025/3/1 or 2025-03-01, an amount as 1000 or 1,000.00).
    var digest: String {
        let w = workflow
        let parts: [String] = [
            caseNo, channel.rawValue, kind.rawValue, types.map(\.rawValue).joined(separator: ","), w.receivedOn.iso, worker.name,
            worker.idNumber?.value ?? "", worker.phone?.value ?? "", String(workersInvolved), employerName, creditCode ?? "", orgCode,
            String(claimed.fen), w.state.rawValue, w.closedOn?.iso ?? "", w.outcome?.rawValue ?? "", String(w.recovered.fen),
        ]
        return FileDigest.sha256Hex(Data(parts.joined(separator: "\u{1F}").utf8))
    }

    /// Parses a row; every problem is named by its column.
    static func parse(number: Int, cells: [String], ix: [String: Int], today: CivilDate) -> (ImportedDispute?, [ImportProblem]) {
        var p = RowParser(number: number, cells: cells, ix: ix)
        let caseNo = p.text("case_no", "工单号", max: 40, required: true)
        if caseNo.contains(where: \.isWhitespace) { p.fail("工单号", caseNo, "工单号不能含空格") }
        let channel = p.parsed("channel", "来源渠道", "应为 热线、来访、来信、网上 或 转办", DisputeChannel.init(parsing:))
        let kind = p.parsed("kind", "诉求类别", "应为 咨询、求决、投诉 或 意见建议", DisputeRequestKind.init(parsing:))
        let types = p.types(answeredAtOnce: kind?.isAnsweredAtOnce ?? false)
        let received = p.date("received_on", "受理日期", required: true, notAfter: today)
        let worker = p.worker(today: today)
        let involved = p.count("workers", "涉及人数")
        let employer = p.text("employer_name", "用人单位名称", max: 100, required: true)
        let credit = p.creditCode()
        let orgCode = p.text("org_code", "处理工会代码", max: 40, required: true)
        let claimed = p.money("amount_claimed", "涉及金额（元）")
        let recovered = p.money("amount_recovered", "追回金额（元）")
        let workflow = p.workflow(kind: kind, received: received, recovered: recovered, today: today)
        guard p.problems.isEmpty, let channel, let kind, let worker, let workflow else { return (nil, p.problems) }
        return (ImportedDispute(row: number, caseNo: caseNo, channel: channel, kind: kind, types: types, worker: worker, workersInvolved: involved,
                                employerName: employer, creditCode: credit, orgCode: orgCode, claimed: claimed, workflow: workflow), [])
    }
}

/// Reads a dispute row's cells, collecting every problem.
private struct RowParser {
    let number: Int
    let cells: [String]
    let ix: [String: Int]
    var problems: [ImportProblem] = []

    init(number: Int, cells: [String], ix: [String: Int]) { self.number = number; self.cells = cells; self.ix = ix }

    func cell(_ key: String) -> String {
        guard let i = ix[key], i < cells.count else { return "" }
        return cells[i].trimmingCharacters(in: .whitespaces)
    }

    mutating func fail(_ column: String, _ value: String, _ reason: String) {
        problems.append(ImportProblem(row: number, column: column, value: value, reason: reason))
    }

    mutating func text(_ key: String, _ column: String, max: Int, required: Bool) -> String {
        let v = cell(key)
        if required && v.isEmpty { fail(column, v, "必填") } else if v.count > max { fail(column, v, "最多 \(max) 字") }
        return v
    }

    mutating func parsed<T>(_ key: String, _ column: String, _ reason: String, _ make: (String) -> T?) -> T? {
        let v = cell(key)
        guard let value = make(v) else { fail(column, v, v.isEmpty ? "必填" : reason); return nil }
        return value
    }

    mutating func types(answeredAtOnce: Bool) -> [DisputeType] {
        let raw = cell("dispute_types")
        var out: [DisputeType] = []
        for part in raw.split(whereSeparator: { "、,，;；".contains($0) }) {
            let name = part.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { continue }
            guard let t = DisputeType(parsing: name) else {
                fail("争议类型", name, "不是争议类型；应为 \(DisputeType.allCases.map(\.title).joined(separator: "、"))，多个用“、”分隔")
                continue
            }
            if !out.contains(t) { out.append(t) }
        }
        if out.isEmpty && !answeredAtOnce && problems.allSatisfy({ $0.column != "争议类型" }) { fail("争议类型", raw, "求决、投诉至少要有一种争议类型") }
        return out
    }

    mutating func date(_ key: String, _ column: String, required: Bool, notAfter today: CivilDate) -> CivilDate? {
        let v = cell(key)
        if v.isEmpty {
            if required { fail(column, v, "必填") }
            return nil
        }
        do {
            let d = try CivilDate(parsing: v)
            if d > today { fail(column, v, "不能晚于今天（\(today.iso)）"); return nil }
            return d
        } catch {
            fail(column, v, error.message)
            return nil
        }
    }

    mutating func worker(today: CivilDate) -> DisputeWorkerDraft? {
        let name = text("worker_name", "职工姓名", max: 50, required: true)
        var id: IDNumber?
        let rawID = cell("id_number")
        if !rawID.isEmpty {
            do { id = try IDNumber(rawID, today: today) } catch { fail("身份证号", rawID, error.message) }
        }
        var phone: PhoneNumber?
        let rawPhone = cell("phone")
        if !rawPhone.isEmpty {
            do { phone = try PhoneNumber(rawPhone) } catch { fail("联系电话", rawPhone, error.message) }
        }
        return name.isEmpty ? nil : DisputeWorkerDraft(name: name, idNumber: id, phone: phone)
    }

    mutating func count(_ key: String, _ column: String) -> Int {
        let v = cell(key)
        guard let n = ImportCells.int(v), n >= 0, n <= 1_000_000 else { fail(column, v, "应为 1 以上的整数"); return 1 }
        return max(n, 1)
    }

    mutating func money(_ key: String, _ column: String) -> Money {
        let v = cell(key).replacingOccurrences(of: ",", with: "")
        if v.isEmpty { return .zero }
        do {
            let m = try Money(parsingYuan: v)
            if m.fen < 0 { fail(column, v, "金额不能为负数") }
            return m
        } catch {
            fail(column, v, error.message)
            return .zero
        }
    }

    mutating func creditCode() -> String? {
        let raw = cell("employer_credit_code")
        guard !raw.isEmpty else { return nil }
        do {
            let code = try CreditCode(raw)
            if let warning = code.checkWarning { fail("统一社会信用代码", raw, warning); return nil }
            return code.value
        } catch {
            fail("统一社会信用代码", raw, error.message)
            return nil
        }
    }

    /// The state, the closing day and the mediation's result, as one workflow.
    mutating func workflow(kind: DisputeRequestKind?, received: CivilDate?, recovered: Money, today: CivilDate) -> DisputeWorkflow? {
        let rawState = cell("state")
        let closed: Bool
        switch rawState {
        case "已办结", "办结", "closed": closed = true
        case "办理中", "在办", "open": closed = false
        default:
            fail("办理状态", rawState, rawState.isEmpty ? "必填" : "应为“办理中”或“已办结”")
            return nil
        }
        let closedOn = date("closed_on", "办结日期", required: false, notAfter: today)
        if closed && closedOn == nil && problems.allSatisfy({ $0.column != "办结日期" }) { fail("办结日期", "", "已办结的案件要填办结日期") }
        if !closed && closedOn != nil { fail("办结日期", cell("closed_on"), "办理中的案件不应有办结日期") }
        if let closedOn, let received, closedOn < received { fail("办结日期", closedOn.iso, "办结日期不能早于受理日期 \(received.iso)") }
        let rawOutcome = cell("outcome")
        let result: DisputeOutcome?
        switch rawOutcome {
        case "", "未调解": result = nil
        case "达成协议", "调解成功": result = .agreement
        case "未达成协议", "调解不成": result = .noAgreement
        case "撤回", "撤诉": result = .withdrawn
        default:
            fail("调解结果", rawOutcome, "应为 达成协议、未达成协议、撤回 或 未调解")
            return nil
        }
        if !closed && result != nil { fail("调解结果", rawOutcome, "办理中的案件还没有调解结果；调解结束后请标为“已办结”") }
        if kind?.isAnsweredAtOnce == true && result != nil { fail("调解结果", rawOutcome, "咨询、意见建议不经调解") }
        guard let kind, let received, problems.isEmpty else { return nil }
        return DisputeWorkflow.imported(kind: kind, receivedOn: received, closedOn: closed ? closedOn : nil, mediationResult: result, recovered: recovered)
    }
}

/// `gonghui import disputes`: the years of dispute registers kept in spreadsheets (12351 work
/// orders, petition books). As every import: every row is checked first and every problem named;
/// nothing is written when any row is bad unless `skipInvalid`; the good rows land in one
/// transaction; re-importing the same file changes nothing. A row whose 工单号 was imported
/// before and has not been worked on since replaces that case's imported facts.
public struct DisputeImporter: Sendable {
    let store: Store
    public init(store: Store) { self.store = store }

    struct OrgRef { let id: Int64; let provinceID: Int64; let active: Bool }
    struct Existing { let id: Int64; let digest: String?; let version: Int; let inScope: Bool }

    /// What the file asks for, after checking it against the database.
    struct Plan {
        var inserts: [ImportedDispute] = []
        var updates: [(ImportedDispute, caseID: Int64)] = []
    }

    public func run(source: any TableSource, options: ImportOptions, actor: Actor,
                    onReject: (_ row: Int, _ cells: [String], _ problems: [ImportProblem]) -> Void = { _, _, _ in },
                    progress: (ImportProgress) -> Void = { _ in }) async throws -> (ImportReport, header: [String]) {
        var report = ImportReport(kind: "disputes")
        let timing = ImportTiming(kind: "disputes")
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权导入案件") }
        guard let header = try source.readHeader() else {
            report.problems.append(ImportProblem(row: 1, column: "", value: "", reason: "文件为空：没有表头行"))
            return (report, [])
        }
        let (ix, headerProblems) = ImportColumns.disputes.resolve(header)
        if !headerProblems.isEmpty { report.problems = headerProblems; return (report, header) }
        let orgs = try await loadOrgs(actor: actor)
        var rejected: [Int: [ImportProblem]] = [:]
        var rejectedCells: [Int: [String]] = [:]
        // Good rows are compared with the database a thousand at a time as they are read, so
        // the file's rows are held once (in the plan), not also in a list of everything parsed.
        var plan = Plan()
        var pending: [ImportedDispute] = []
        pending.reserveCapacity(Self.compareChunk)
        var firstRowOf: [String: Int] = [:]
        while let (number, cells) = try source.nextRow() {
            report.rowsTotal += 1
            var (row, problems) = ImportedDispute.parse(number: number, cells: cells, ix: ix, today: options.today)
            if let r = row {
                if let first = firstRowOf[r.caseNo] {
                    problems.append(ImportProblem(row: number, column: "工单号", value: r.caseNo, reason: "与本文件第 \(first) 行的工单号重复"))
                } else {
                    firstRowOf[r.caseNo] = number
                }
                if let org = orgs[r.orgCode] {
                    if !org.active { problems.append(ImportProblem(row: number, column: "处理工会代码", value: r.orgCode, reason: "该工会已撤销")) }
                } else {
                    problems.append(ImportProblem(row: number, column: "处理工会代码", value: r.orgCode, reason: "工会不存在或不在您的管辖范围内"))
                }
            }
            if problems.isEmpty, let r = row { pending.append(r) } else { rejected[number] = problems; rejectedCells[number] = cells; row = nil }
            if pending.count == Self.compareChunk {
                try await compare(pending, into: &plan, actor: actor, report: &report, rejected: &rejected)
                pending.removeAll(keepingCapacity: true)
            }
            if report.rowsTotal % 10_000 == 0 { progress(ImportProgress(phase: .validating, rows: report.rowsTotal)) }
        }
        try await compare(pending, into: &plan, actor: actor, report: &report, rejected: &rejected)
        pending = []
        for row in rejected.keys.sorted() {
            report.problems.append(contentsOf: rejected[row]!)
            // A row refused by the comparison kept no cells (the file may hold a million rows):
            // its case number stands for it in the rejects file.
            onReject(row, rejectedCells[row] ?? [rejected[row]![0].value], rejected[row]!)
        }
        report.rejected = rejected.count
        report.inserted = plan.inserts.count
        report.updated = plan.updates.count
        progress(ImportProgress(phase: .validating, rows: report.rowsTotal))
        if options.dryRun || (!report.problems.isEmpty && !options.skipInvalid) { return (report, header) }
        let written = try await write(plan, orgs: orgs, options: options, actor: actor, report: report)
        progress(ImportProgress(phase: .writing, rows: report.rowsTotal))
        return timing.finish((written, header))
    }

    func loadOrgs(actor: Actor) async throws -> [String: OrgRef] {
        try await store.database.read { db in
            var out: [String: OrgRef] = [:]
            for row in try await db.raw("SELECT o.id, o.province_id, o.code, o.status FROM orgs o WHERE " + actor.scope.sql("o.path")).all() {
                out[try row.decode(column: "code", as: String.self)] = OrgRef(
                    id: try row.decode(column: "id", as: Int64.self), provinceID: try row.decode(column: "province_id", as: Int64?.self) ?? 0,
                    active: try row.decode(column: "status", as: String.self) == OrgStatus.active.rawValue)
            }
            return out
        }
    }

    /// Rows compared with the database in one query.
    static let compareChunk = 1000

    /// Rows against the cases already there: new, unchanged (same digest), or an update of a
    /// case imported before and not worked on since.
    func compare(_ chunk: [ImportedDispute], into plan: inout Plan, actor: Actor, report: inout ImportReport,
                 rejected: inout [Int: [ImportProblem]]) async throws {
        if chunk.isEmpty { return }
        let existing = try await existingCases(chunk.map(\.caseNo), actor: actor)
        for r in chunk {
            guard let old = existing[r.caseNo] else { plan.inserts.append(r); continue }
            func refuse(_ reason: String) { rejected[r.row] = [ImportProblem(row: r.row, column: "工单号", value: r.caseNo, reason: reason)] }
            if !old.inScope { refuse("工单号已被其他工会的案件使用") }
            else if old.digest == nil { refuse("工单号与系统中登记的案件相同；历史记录请使用不同的工单号") }
            else if old.digest == r.digest { report.unchanged += 1 }
            else if old.version > 1 { refuse("该案件导入后已在系统中继续办理，不能再由文件覆盖") }
            else { plan.updates.append((r, old.id)) }
        }
    }

    func existingCases(_ numbers: [String], actor: Actor) async throws -> [String: Existing] {
        try await store.database.read { db in
            var q: SQLQueryString = "SELECT c.id, c.case_no, c.import_digest, c.version, o.path FROM dispute_cases c JOIN orgs o ON o.id = c.org_id WHERE c.case_no IN ("
            for (i, n) in numbers.enumerated() { q += i == 0 ? "\(bind: n)" : ", \(bind: n)" }
            q += ")"
            var out: [String: Existing] = [:]
            for row in try await db.raw(q).all() {
                out[try row.decode(column: "case_no", as: String.self)] = Existing(
                    id: try row.decode(column: "id", as: Int64.self), digest: try row.decode(column: "import_digest", as: String?.self),
                    version: try row.decode(column: "version", as: Int.self), inScope: actor.scope.contains(path: try row.decode(column: "path", as: String.self)))
            }
            return out
        }
    }
}
