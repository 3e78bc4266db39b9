import Foundation
import GonghuiDomain
import SQLKit

/// Writing an imported register: new cases in batches (the engine's bulk path), the few updated
/// ones one by one, the run and its audit entry, all in one transaction.
extension DisputeImporter {
    static let caseColumns = [
        "id", "province_id", "case_no", "channel", "kind", "org_id", "employer_name", "employer_credit_code", "employer_org_id", "types", "facts",
        "confidential", "workers_involved", "collective", "amount_claimed_fen", "state", "received_on", "accepted_on", "extended_days",
        "mediation_applied_on", "oral_application", "closed_on", "outcome", "recovered_fen", "due_on", "created_by", "version", "created_at",
        "updated_at", "import_digest",
    ]
    static let workerColumns = ["id", "province_id", "case_id", "seq", "name", "id_enc", "id_hash", "id_masked", "phone_enc", "phone_masked",
                                "is_representative", "member_id"]
    static let claimColumns = ["id", "case_id", "seq", "type", "description", "amount_fen"]
    static let eventColumns = ["id", "province_id", "case_id", "kind", "on_date", "state", "detail", "actor", "at"]
    static let batchSize = 5000
    /// The facts of an imported case: the registers hold none.
    static let importedFacts = "（历史记录导入，原登记簿未记录事实经过）"

    /// The references a row needs that the file does not give: the employer's union (by credit
    /// code) and the worker's membership (by ID number).
    struct Links {
        var employerUnions: [String: Int64] = [:]
        var members: [String: Int64] = [:]
    }

    func write(_ plan: Plan, orgs: [String: OrgRef], options: ImportOptions, actor: Actor, report: ImportReport) async throws -> ImportReport {
        let cipher = store.cipher, engine = store.database.engine
        let links = try await links(for: plan)
        return try await store.database.bulk { tx in
            let policy = try await DisputeService.policy(on: tx.sql)
            var start = 0
            while start < plan.inserts.count {
                let batch = Array(plan.inserts[start..<min(start + Self.batchSize, plan.inserts.count)])
                start += batch.count
                try await insert(batch, orgs: orgs, links: links, policy: policy, actor: actor, options: options, tx: tx)
            }
            for (r, caseID) in plan.updates {
                try await update(caseID: caseID, with: r, orgs: orgs, links: links, policy: policy, actor: actor, options: options, tx: tx)
            }
            var r = report
            r.written = true
            try await ImportRuns.record(kind: "disputes", action: "dispute.import", noun: "案件", report: r, options: options, actor: actor,
                                        on: tx.sql, cipher: cipher, engine: engine)
            return r
        }
    }

    func links(for plan: Plan) async throws -> Links {
        let cipher = store.cipher
        // Read from both lists in place: the plan holds every row of the file, and a joined copy
        // of it would hold them twice.
        var codes = Set<String>(), hashes = Set<String>()
        func note(_ r: ImportedDispute) {
            if let c = r.creditCode { codes.insert(c) }
            if let id = r.worker.idNumber { hashes.insert(cipher.blindIndex(id.value, domain: "id")) }
        }
        for r in plan.inserts { note(r) }
        for (r, _) in plan.updates { note(r) }
        let (codeList, hashList) = (Array(codes), Array(hashes))
        codes = []; hashes = []
        return try await store.database.read { db in
            var links = Links()
            for chunk in stride(from: 0, to: codeList.count, by: 1000).map({ Array(codeList[$0..<min($0 + 1000, codeList.count)]) }) {
                let q: SQLQueryString = "SELECT id, credit_code FROM orgs WHERE status = 'active' AND credit_code IN ("
                    + chunk.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + ") ORDER BY depth"
                // Deepest last: the employer's own grassroots union wins over a federation of the same code.
                for row in try await db.raw(q).all() {
                    links.employerUnions[try row.decode(column: "credit_code", as: String.self)] = try row.decode(column: "id", as: Int64.self)
                }
            }
            for chunk in stride(from: 0, to: hashList.count, by: 1000).map({ Array(hashList[$0..<min($0 + 1000, hashList.count)]) }) {
                let q: SQLQueryString = "SELECT id, id_hash FROM members WHERE id_hash IN (" + chunk.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + ")"
                for row in try await db.raw(q).all() {
                    links.members[try row.decode(column: "id_hash", as: String.self)] = try row.decode(column: "id", as: Int64.self)
                }
            }
            return links
        }
    }

    private func insert(_ batch: [ImportedDispute], orgs: [String: OrgRef], links: Links, policy: PolicyBook, actor: Actor, options: ImportOptions,
                        tx: BulkTransaction) async throws {
        let ids = try await tx.reserveIDs("dispute_cases", count: batch.count, ahead: Self.batchSize)
        let workerIDs = try await tx.reserveIDs("dispute_workers", count: batch.count, ahead: Self.batchSize)
        let eventIDs = try await tx.reserveIDs("dispute_events", count: batch.count, ahead: Self.batchSize)
        let withClaim = batch.filter(\.hasClaim)
        let claimIDs = try await tx.reserveIDs("dispute_claims", count: withClaim.count, ahead: Self.batchSize)
        var cases: [[BulkValue]] = [], workers: [[BulkValue]] = [], claims: [[BulkValue]] = [], events: [[BulkValue]] = []
        let now = Clock.nowMillis()
        var claimIndex = 0
        for (i, r) in batch.enumerated() {
            let org = orgs[r.orgCode]!
            cases.append(caseRow(id: ids[i], r, org: org, links: links, policy: policy, actor: actor, now: now))
            workers.append(workerRow(id: workerIDs[i], caseID: ids[i], provinceID: org.provinceID, r.worker, links: links))
            if r.hasClaim {
                claims.append(claimRow(id: claimIDs[claimIndex], caseID: ids[i], r))
                claimIndex += 1
            }
            events.append([.int(eventIDs[i]), .int(org.provinceID), .int(ids[i]), .text("imported"), .text(r.workflow.receivedOn.iso),
                           .text(r.workflow.state.rawValue), .text(Self.importedDetail(r, options: options)), .text(actor.displayName), .int(now)])
        }
        try await tx.insert("dispute_cases", columns: Self.caseColumns, rows: cases)
        try await tx.insert("dispute_workers", columns: Self.workerColumns, rows: workers)
        try await tx.insert("dispute_claims", columns: Self.claimColumns, rows: claims)
        try await tx.insert("dispute_events", columns: Self.eventColumns, rows: events)
    }

    /// A case imported before and not worked on since takes the file's facts: its row rewritten,
    /// its worker and claim replaced, a dated event saying so.
    private func update(caseID: Int64, with r: ImportedDispute, orgs: [String: OrgRef], links: Links, policy: PolicyBook, actor: Actor,
                        options: ImportOptions, tx: BulkTransaction) async throws {
        let org = orgs[r.orgCode]!
        try await tx.sql.raw("DELETE FROM dispute_workers WHERE case_id = \(bind: caseID)").run()
        try await tx.sql.raw("DELETE FROM dispute_claims WHERE case_id = \(bind: caseID)").run()
        let values = caseRow(id: caseID, r, org: org, links: links, policy: policy, actor: actor, now: Clock.nowMillis())
        // Every column but the id, the number, the creator, the version and the creation time.
        let kept: Set<String> = ["id", "case_no", "created_by", "version", "created_at"]
        var set: [SQLQueryString] = []
        for (column, value) in zip(Self.caseColumns, values) where !kept.contains(column) {
            var part = SQLQueryString("\(column) = ")
            part += Self.bind(value)
            set.append(part)
        }
        var update = SQLQueryString("UPDATE dispute_cases SET ")
        update += set.joined(separator: ", ")
        update += " WHERE id = \(bind: caseID)"
        try await tx.sql.raw(update).run()
        let worker = workerRow(id: nil, caseID: caseID, provinceID: org.provinceID, r.worker, links: links)
        try await tx.sql.raw(Self.insertOne("dispute_workers", columns: Self.workerColumns, values: worker)).run()
        if r.hasClaim {
            try await tx.sql.raw(Self.insertOne("dispute_claims", columns: Self.claimColumns, values: claimRow(id: nil, caseID: caseID, r))).run()
        }
        try await DisputeService.event(caseID, provinceID: org.provinceID, kind: "import_updated", on: options.today, state: r.workflow.state,
                                       detail: "按导入文件 \(options.fileName) 第 \(r.row) 行更新", actor: actor, on: tx.sql)
    }

    /// One row's INSERT without its first column (the id, assigned by the engine).
    static func insertOne(_ table: String, columns: [String], values: [BulkValue]) -> SQLQueryString {
        let names: String = columns.dropFirst().joined(separator: ", ")
        let binds: [SQLQueryString] = values.dropFirst().map(Self.bind)
        var q = SQLQueryString("INSERT INTO \(table) (\(names)) VALUES (")
        q += binds.joined(separator: ", ")
        q += ")"
        return q
    }

    static func bind(_ v: BulkValue) -> SQLQueryString {
        switch v {
        case .null: "NULL"
        case .text(let s): "\(bind: s)"
        case .int(let n): "\(bind: n)"
        case .bool(let b): "\(bind: b)"
        case .double(let d): "\(bind: d)"
        case .blob(let b): "\(bind: Data(b))"
        }
    }

    static func importedDetail(_ r: ImportedDispute, options: ImportOptions) -> String {
        "\(r.channel.title)\(r.kind.title)，自文件 \(options.fileName) 第 \(r.row) 行导入"
            + (r.workflow.closedOn.map { "，\($0.iso) 办结（\(r.workflow.outcome?.title ?? "")）" } ?? "")
    }

    private func caseRow(id: Int64, _ r: ImportedDispute, org: OrgRef, links: Links, policy: PolicyBook, actor: Actor, now: Int64) -> [BulkValue] {
        let w = r.workflow
        let collective = DisputeClocks.isCollective(workers: r.workersInvolved, on: w.receivedOn, policy: policy)
        return [.int(id), .int(org.provinceID), .text(r.caseNo), .text(r.channel.rawValue), .text(r.kind.rawValue), .int(org.id), .text(r.employerName),
                BulkValue(r.creditCode), r.creditCode.flatMap { links.employerUnions[$0] }.map { .int($0) } ?? .null,
                .text(DisputeService.typesText(r.types)), .text(Self.importedFacts), .bool(false), .int(Int64(r.workersInvolved)), .bool(collective),
                .int(r.claimed.fen), .text(w.state.rawValue), .text(w.receivedOn.iso), BulkValue(w.acceptedOn?.iso), .int(0),
                BulkValue(w.mediationAppliedOn?.iso), .bool(false), BulkValue(w.closedOn?.iso), BulkValue(w.outcome?.rawValue), .int(w.recovered.fen),
                BulkValue(w.dueOn(policy: policy)?.iso), .text(actor.displayName), .int(1), .int(now), .int(now), .text(r.digest)]
    }

    private func workerRow(id: Int64?, caseID: Int64, provinceID: Int64, _ w: DisputeWorkerDraft, links: Links) -> [BulkValue] {
        let cipher = store.cipher
        let hash = w.idNumber.map { cipher.blindIndex($0.value, domain: "id") }
        return [id.map { .int($0) } ?? .null, .int(provinceID), .int(caseID), .int(0), .text(w.name), BulkValue(w.idNumber.map { cipher.seal($0.value) }),
                BulkValue(hash), BulkValue(w.idNumber?.masked), BulkValue(w.phone.map { cipher.seal($0.value) }), BulkValue(w.phone?.masked), .bool(false),
                hash.flatMap { links.members[$0] }.map { .int($0) } ?? .null]
    }

    private func claimRow(id: Int64?, caseID: Int64, _ r: ImportedDispute) -> [BulkValue] {
        [id.map { .int($0) } ?? .null, .int(caseID), .int(0), .text(r.types[0].rawValue), .text("涉及金额（导入）"),
         .int(r.claimed.fen)]
    }
}
