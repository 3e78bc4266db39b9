import Foundation
import GonghuiDomain
import SQLKit

/// `gonghui import members`: validates every row first and reports every problem (row, column,
/// value, reason); writes nothing when any row is bad unless `skipInvalid`; then writes all good
/// rows in one transaction, so a killed import leaves the database as it was. Re-importing the
/// same file changes nothing.
public struct MemberImporter: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Everything pass 1 learned about a row that pass 2 needs.
    struct Verdict {
        enum Action { case insert, update(memberID: Int64), unchanged }
        var action: Action
    }

    struct OrgRef: Sendable { let id: Int64; let provinceID: Int64; let kind: OrgKind; let status: OrgStatus; let name: String }

    public func run(
        open: () throws -> any TableSource,
        options: ImportOptions,
        actor: Actor,
        onReject: (_ row: Int, _ cells: [String], _ problems: [ImportProblem]) -> Void = { _, _, _ in },
        progress: (ImportProgress) -> Void = { _ in }
    ) async throws -> (ImportReport, header: [String]) {
        var report = ImportReport(kind: "members")
        let timing = ImportTiming(kind: "members")
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权导入会员") }
        let source = try open()
        guard let header = try source.readHeader() else {
            report.problems.append(ImportProblem(row: 1, column: "", value: "", reason: "文件为空：没有表头行"))
            return (report, [])
        }
        let (ix, headerProblems) = ImportColumns.members.resolve(header)
        if !headerProblems.isEmpty {
            report.problems = headerProblems
            return (report, header)
        }
        let orgs = try await loadOrgs(actor: actor)
        let cipher = store.cipher
        let database = store.database
        // Whether the registry holds anyone at all (COUNT(*) would scan millions of rows).
        let existingCount = try await database.read { db in try await db.raw("SELECT 1 AS n FROM members LIMIT 1").first() == nil ? 0 : 1 }
        report.previouslyImportedAt = try await previousRun(sha: options.fileSHA256)
        // On a nation's coordinator "empty" is per province: a file whose unions all lie in
        // provinces with no member yet loads the empty registry's way into those provinces,
        // while loads into other provinces run alongside. Never the whole registry's way there:
        // a shard's rows are read in a snapshot taken at the transaction's first visit
        // (postgres_fdw), so a roll-up recomputed for every province could miss a province
        // loaded meanwhile.
        let nation = try await database.read { db in try await NationLayout.isPartitioned("members", on: db) }
        if existingCount == 0 && !options.dryRun && !nation {
            return timing.finish(try await loadIntoEmptyRegistry(source: source, header: header, ix: ix, orgs: orgs, options: options, actor: actor,
                                                                 report: report, onReject: onReject, progress: progress))
        }
        if nation, !options.dryRun, let provinces = try await emptyProvincesOfFile(open: open, ix: ix, orgs: orgs) {
            let fresh = try open()
            _ = try fresh.readHeader()
            return timing.finish(try await loadIntoEmptyRegistry(source: fresh, header: header, ix: ix, orgs: orgs, options: options, actor: actor,
                                                                 report: report, provinces: provinces, onReject: onReject, progress: progress))
        }

        // Pass 1: validate every row. Only compact keys are kept: the file may hold millions.
        var checked = Checked()
        var seen = FileDuplicates()
        var pending: [PendingRow] = []
        while let (number, cells) = try source.nextRow() {
            report.rowsTotal += 1
            let parsed = Self.parse(number: number, cells: cells, ix: ix, orgs: orgs, today: options.today)
            var problems = parsed.problems
            if let draft = parsed.draft, let duplicate = seen.check(draft, row: number) { problems.append(duplicate) }
            if problems.isEmpty, let draft = parsed.draft {
                // Against an empty registry there is nobody to compare with.
                if existingCount > 0 {
                    pending.append(PendingRow(row: number, cells: cells, draft: draft, hash: cipher.blindIndex(draft.idNumber.value, domain: "id")))
                    if pending.count >= 2000 {
                        try await compareWithRegistry(pending, orgs: orgs, checked: &checked, report: &report, onReject: onReject)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
            } else {
                report.problems.append(contentsOf: problems)
                checked.rejectedRows.insert(number)
                onReject(number, cells, problems)
            }
            if report.rowsTotal % 10_000 == 0 { progress(ImportProgress(phase: .validating, rows: report.rowsTotal)) }
        }
        if existingCount > 0 { try await compareWithRegistry(pending, orgs: orgs, checked: &checked, report: &report, onReject: onReject) }
        progress(ImportProgress(phase: .validating, rows: report.rowsTotal))
        report.rejected = checked.rejectedRows.count
        for v in checked.verdicts.values {
            switch v {
            case .unchanged: report.unchanged += 1
            case .update: report.updated += 1
            case .insert: break
            }
        }
        report.inserted = report.rowsTotal - report.rejected - report.unchanged - report.updated
        if options.dryRun || (!report.problems.isEmpty && !options.skipInvalid) {
            return (report, header)
        }
        let written = try await writeChecked(open: open, checked: checked, ix: ix, orgs: orgs, options: options, actor: actor,
                                             report: report, progress: progress)
        return timing.finish((written, header))
    }

    /// What pass 1 decided: the rows refused, and the rows that are not plain inserts.
    struct Checked {
        var rejectedRows = Set<Int>()
        var verdicts: [Int: Verdict.Action] = [:]
    }

    /// A good row waiting to be compared with the registry by its ID number's blind index.
    struct PendingRow {
        let row: Int
        let cells: [String]
        let draft: MemberDraft
        let hash: String
    }

    /// Good rows compared with the registry: someone already a member elsewhere is refused (a
    /// transfer is the way), someone already here is an update or unchanged.
    func compareWithRegistry(_ pending: [PendingRow], orgs: [String: OrgRef], checked: inout Checked, report: inout ImportReport,
                             onReject: (_ row: Int, _ cells: [String], _ problems: [ImportProblem]) -> Void) async throws {
        guard !pending.isEmpty else { return }
        let cipher = store.cipher
        let hashes = pending.map(\.hash)
        let existing = try await store.database.read { db -> [String: (Int64, Int64, String, String?, String, String, Bool, String)] in
            var q: SQLQueryString = "SELECT id, org_id, name, phone_hash, joined_on, employment_type, is_migrant, status, id_hash FROM members WHERE id_hash IN ("
            for (i, h) in hashes.enumerated() { q += i == 0 ? "\(bind: h)" : ", \(bind: h)" }
            q += ")"
            var out: [String: (Int64, Int64, String, String?, String, String, Bool, String)] = [:]
            for row in try await db.raw(q).all() {
                out[try row.decode(column: "id_hash", as: String.self)] = (
                    try row.decode(column: "id", as: Int64.self), try row.decode(column: "org_id", as: Int64.self),
                    try row.decode(column: "name", as: String.self), try row.decode(column: "phone_hash", as: String?.self),
                    try row.decode(column: "joined_on", as: String.self), try row.decode(column: "employment_type", as: String.self),
                    try row.decode(column: "is_migrant", as: Bool.self), try row.decode(column: "status", as: String.self))
            }
            return out
        }
        for p in pending {
            guard let e = existing[p.hash] else { continue }
            let org = orgs[p.draft.orgCode]!
            if e.1 != org.id {
                let problem = ImportProblem(row: p.row, column: "身份证号", value: p.draft.idNumber.masked,
                                            reason: "此人已是其他工会的会员（一人只能有一个会籍）；调动请办理会籍转接")
                report.problems.append(problem)
                checked.rejectedRows.insert(p.row)
                onReject(p.row, p.cells, [problem])
                continue
            }
            let phoneHash = p.draft.phone.map { cipher.blindIndex($0.value, domain: "phone") }
            let same = e.2 == p.draft.name && e.3 == phoneHash && e.4 == p.draft.joinedOn.iso
                && e.5 == p.draft.employmentType.rawValue && e.6 == p.draft.isMigrant && e.7 == p.draft.status.rawValue
            checked.verdicts[p.row] = same ? .unchanged : .update(memberID: e.0)
        }
    }

    /// Pass 2: the file read again and its good rows written in one transaction; a row that no
    /// longer parses as it did means the file changed, and nothing is written.
    func writeChecked(open: () throws -> any TableSource, checked: Checked, ix: [String: Int], orgs: [String: OrgRef], options: ImportOptions,
                      actor: Actor, report: ImportReport, progress: (ImportProgress) -> Void) async throws -> ImportReport {
        let cipher = store.cipher
        let database = store.database
        let second = try open()
        _ = try second.readHeader()
        let total = report.rowsTotal
        let today = options.today
        return try await database.bulk { tx in
            var pipeline = BatchPipeline(tx: tx, cipher: cipher, today: today)
            var done = 0
            do {
                while let (number, cells) = try second.nextRow() {
                    done += 1
                    if done % 10_000 == 0 { progress(ImportProgress(phase: .writing, rows: done)) }
                    if checked.rejectedRows.contains(number) { continue }
                    let parsed = Self.parse(number: number, cells: cells, ix: ix, orgs: orgs, today: today)
                    guard let draft = parsed.draft, parsed.problems.isEmpty, let org = orgs[draft.orgCode] else {
                        throw StoreError.conflict(code: "file_changed", message: "文件在导入过程中被修改（第 \(number) 行），已放弃导入，未写入任何数据")
                    }
                    switch checked.verdicts[number] {
                    case .unchanged?: continue
                    case .update(let memberID)?:
                        try await Self.update(memberID: memberID, draft: draft, org: org, tx: tx, cipher: cipher, today: today, actor: actor)
                    default:
                        try await pipeline.add(draft, org)
                    }
                }
                try await pipeline.finish()
            } catch {
                await pipeline.abandon()
                throw error
            }
            progress(ImportProgress(phase: .writing, rows: total))
            var r = report
            r.written = true
            try await Self.recordRun(r, options: options, actor: actor, tx: tx, cipher: cipher, engine: database.engine)
            return r
        }
    }

    /// The first load into an empty registry, in one pass: each row is validated and, while the
    /// file has no problem (or with `skipInvalid`), written at once in the same transaction. When
    /// a problem turns up, writing stops, validation goes on to report every problem, and the
    /// transaction is rolled back: the outcome is the two-pass one (nothing written), at half the
    /// reading and parsing. Nobody can be "already a member" of an empty registry, so no row needs
    /// the database to be validated; the emptiness is checked again inside the transaction. The
    /// member indexes are built once at the end.
    /// On a nation's coordinator, the provinces a file's rows name when each of them holds no
    /// member yet (one quick pass over the file's union codes); nil elsewhere, or when any of
    /// them holds members.
    func emptyProvincesOfFile(open: () throws -> any TableSource, ix: [String: Int], orgs: [String: OrgRef]) async throws -> [Nation.Province]? {
        let database = store.database
        guard let column = ix["org_code"] else { return nil }
        let empty = try await database.read { db in try await Nation.emptyProvinces(on: db) }
        guard !empty.isEmpty else { return nil }
        let source = try open()
        _ = try source.readHeader()
        var named = Set<Int64>()
        while let (_, cells) = try source.nextRow() {
            if column < cells.count, let org = orgs[ImportCells.trim(cells[column])] { named.insert(org.provinceID) }
        }
        let chosen = empty.filter { named.contains($0.id) }
        return !named.isEmpty && chosen.count == named.count ? chosen : nil
    }

    func loadIntoEmptyRegistry(
        source: any TableSource, header: [String], ix: [String: Int], orgs: [String: OrgRef], options: ImportOptions, actor: Actor,
        report initial: ImportReport, provinces: [Nation.Province]? = nil,
        onReject: (_ row: Int, _ cells: [String], _ problems: [ImportProblem]) -> Void,
        progress: (ImportProgress) -> Void
    ) async throws -> (ImportReport, header: [String]) {
        struct RollBack: Error { let report: ImportReport }
        let cipher = store.cipher, database = store.database
        do {
            // Every union a row names comes from `orgs`, which never loses a row; every period
            // names a member written just before it.
            let written: ImportReport = try await database.bulk(trustingReferencesOf: ["members", "member_periods"]) { tx in
                let anyone: SQLQueryString = provinces.map {
                    "SELECT 1 AS n FROM members WHERE province_id IN (\(unsafeRaw: $0.map { String($0.id) }.joined(separator: ", "))) LIMIT 1"
                } ?? "SELECT 1 AS n FROM members LIMIT 1"
                // A nation's provinces are locked first (suspending their triggers), so that the
                // check's snapshot of their shards comes after any registration that got in before.
                let early = provinces == nil ? nil : try await tx.suspendMemberTotals(provinces: provinces)
                if try await tx.sql.raw(anyone).first() != nil {
                    throw StoreError.conflict(code: "registry_changed", message: "导入期间有会员被登记，已放弃导入，未写入任何数据；请重新导入")
                }
                // A nation's partitions carry their indexes on the shards, where they stay.
                let suspended = provinces == nil ? try await tx.suspendIndexes(on: ["members", "member_periods"]) : []
                let roll: [String]
                if let early { roll = early } else { roll = try await tx.suspendMemberTotals() }
                var report = initial
                var pipeline = BatchPipeline(tx: tx, cipher: cipher, today: options.today)
                var seen = FileDuplicates()
                do {
                    while let (number, cells) = try source.nextRow() {
                        report.rowsTotal += 1
                        var (draft, problems) = Self.parse(number: number, cells: cells, ix: ix, orgs: orgs, today: options.today)
                        if let d = draft, let duplicate = seen.check(d, row: number) {
                            problems.append(duplicate)
                            draft = nil
                        }
                        if let draft, problems.isEmpty, let org = orgs[draft.orgCode] {
                            if report.problems.isEmpty || options.skipInvalid { try await pipeline.add(draft, org) }
                        } else {
                            report.problems.append(contentsOf: problems)
                            report.rejected += 1
                            onReject(number, cells, problems)
                        }
                        if report.rowsTotal % 10_000 == 0 { progress(ImportProgress(phase: .loading, rows: report.rowsTotal)) }
                    }
                    report.inserted = report.rowsTotal - report.rejected
                    if !report.problems.isEmpty && !options.skipInvalid {
                        await pipeline.abandon()
                        throw RollBack(report: report)
                    }
                    try await pipeline.finish()
                } catch {
                    await pipeline.abandon()
                    throw error
                }
                progress(ImportProgress(phase: .loading, rows: report.rowsTotal))
                try await tx.restoreIndexes(suspended)
                try await tx.restoreMemberTotals(roll, provinces: provinces)
                report.written = true
                try await Self.recordRun(report, options: options, actor: actor, tx: tx, cipher: cipher, engine: database.engine)
                return report
            }
            return (written, header)
        } catch let rollBack as RollBack {
            return (rollBack.report, header)
        }
    }

    /// The run in `import_runs`, and one audit entry for it: the file's hash names exactly what was loaded.
    static func recordRun(_ r: ImportReport, options: ImportOptions, actor: Actor, tx: BulkTransaction, cipher: FieldCipher, engine: SQLEngine) async throws {
        try await ImportRuns.record(kind: "members", action: "member.import", noun: "会员", report: r, options: options, actor: actor,
                                    on: tx.sql, cipher: cipher, engine: engine)
    }

    /// New members written in batches, in three stages that overlap: while the engine writes
    /// one batch, the next is encrypted and the one after it is read and validated.
    struct BatchPipeline {
        let tx: BulkTransaction
        let cipher: FieldCipher
        let today: CivilDate
        var batch: [(MemberDraft, OrgRef)] = []
        /// Members in `batch` whose status is not 在会 (they take two period ids).
        var inactive = 0
        /// Members given ids so far.
        var handedOut = 0
        var preparing: Task<PreparedBatch, Never>?
        var writing: Task<Void, Error>?

        init(tx: BulkTransaction, cipher: FieldCipher, today: CivilDate) {
            self.tx = tx; self.cipher = cipher; self.today = today
            batch.reserveCapacity(MemberImporter.batchSize)
        }

        mutating func add(_ draft: MemberDraft, _ org: OrgRef) async throws {
            batch.append((draft, org))
            if draft.status != .active { inactive += 1 }
            if batch.count >= MemberImporter.batchSize { try await flush() }
        }

        mutating func flush() async throws {
            guard !batch.isEmpty else { return }
            let slots = batch.count + inactive
            // PostgreSQL hands out ids with a query, which must not cross a COPY in flight, so
            // the pipeline empties before each draw. Each draw takes as many ids as were written
            // so far, from ten batches' to 500,000 (4 MB of ids), so a load of n rows empties
            // it about log2(n) times up to 500,000 rows and once per 500,000 after.
            if !tx.canReserveWithoutQuery("members", count: batch.count) || !tx.canReserveWithoutQuery("member_periods", count: slots) {
                try await drain()
            }
            let ahead = min(max(10 * MemberImporter.batchSize, handedOut), 500_000)
            handedOut += batch.count
            let ids = try await tx.reserveIDs("members", count: batch.count, ahead: ahead)
            let periodIDs = try await tx.reserveIDs("member_periods", count: slots, ahead: ahead)
            let work = batch, cipher = self.cipher, today = self.today
            batch.removeAll(keepingCapacity: true)
            inactive = 0
            let next = Task { MemberImporter.prepareBatch(work, ids: ids, periodIDs: periodIDs, cipher: cipher, today: today) }
            try await handOver()
            preparing = next
        }

        /// Gives the encrypted batch to the writer once the writer is free.
        private mutating func handOver() async throws {
            guard let p = preparing else { return }
            preparing = nil
            let prepared = await p.value
            try await writing?.value
            let tx = self.tx
            writing = Task { try await MemberImporter.write(prepared, tx: tx) }
        }

        /// Writes everything handed over so far.
        private mutating func drain() async throws {
            try await handOver()
            try await writing?.value
            writing = nil
        }

        mutating func finish() async throws {
            try await flush()
            try await drain()
        }

        /// Waits for work in flight before the transaction is rolled back under it.
        mutating func abandon() async {
            _ = await preparing?.value
            preparing = nil
            _ = try? await writing?.value
            writing = nil
            batch.removeAll()
            inactive = 0
        }
    }

    static let batchSize = 5000

    func previousRun(sha: String) async throws -> Int64? {
        guard !sha.isEmpty else { return nil }
        return try await store.database.read { db in
            try await db.raw("SELECT MAX(at) AS at FROM import_runs WHERE file_sha256 = \(bind: sha)").first()?.decode(column: "at", as: Int64?.self)
        }
    }

    func loadOrgs(actor: Actor) async throws -> [String: OrgRef] {
        try await store.database.read { db in
            var out: [String: OrgRef] = [:]
            for row in try await db.raw("SELECT id, province_id, code, kind, status, name FROM orgs WHERE " + actor.scope.sql("path")).all() {
                out[try row.decode(column: "code", as: String.self)] = OrgRef(
                    id: try row.decode(column: "id", as: Int64.self), provinceID: try row.decode(column: "province_id", as: Int64.self),
                    kind: OrgKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .grassroots,
                    status: OrgStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .active,
                    name: try row.decode(column: "name", as: String.self))
            }
            return out
        }
    }

    /// ID numbers seen so far in the file, by compact key: the file may hold millions of rows.
    struct FileDuplicates {
        private var firstRow: [UInt64: Int32] = [:]

        /// The problem when `draft`'s person came earlier in the file; otherwise remembers the row.
        mutating func check(_ draft: MemberDraft, row: Int) -> ImportProblem? {
            let key = MemberImporter.compactKey(draft.idNumber.value)
            if let first = firstRow[key] {
                return ImportProblem(row: row, column: "身份证号", value: draft.idNumber.masked, reason: "与本文件第 \(first) 行的身份证号重复")
            }
            firstRow[key] = Int32(truncatingIfNeeded: row)
            return nil
        }
    }

    /// 17 digits and the check character fit in 64 bits: a compact key for duplicate detection.
    static func compactKey(_ id: String) -> UInt64 {
        var v: UInt64 = 0
        for b in id.utf8 { v = v &* 11 &+ (b == UInt8(ascii: "X") ? 10 : UInt64(b &- 48)) }
        return v
    }

    static func parse(number: Int, cells: [String], ix: [String: Int], orgs: [String: OrgRef], today: CivilDate) -> (draft: MemberDraft?, problems: [ImportProblem]) {
        func cell(_ key: String) -> String {
            guard let i = ix[key], i < cells.count else { return "" }
            return ImportCells.trim(cells[i])
        }
        var problems: [ImportProblem] = []
        func fail(_ column: String, _ value: String, _ reason: String) { problems.append(ImportProblem(row: number, column: column, value: value, reason: reason)) }

        var idNumber: IDNumber?
        let rawID = cell("id_number")
        do { idNumber = try IDNumber(rawID, today: today) } catch { fail("身份证号", rawID, error.message) }
        let name = cell("name")
        if name.isEmpty { fail("姓名", name, "姓名不能为空") } else if name.count > 50 { fail("姓名", name, "姓名不能超过 50 个字") }
        var phone: PhoneNumber?
        let rawPhone = cell("phone")
        if !rawPhone.isEmpty {
            do { phone = try PhoneNumber(rawPhone) } catch { fail("手机号", rawPhone, error.message) }
        }
        let orgCode = cell("org_code")
        if orgCode.isEmpty {
            fail("所属工会代码", orgCode, "所属工会代码不能为空")
        } else if let org = orgs[orgCode] {
            if org.kind.isTerritorial { fail("所属工会代码", orgCode, "会员只能登记在基层工会、联合会、分工会或小组，不能登记在\(org.kind.title)") }
            else if org.status != .active { fail("所属工会代码", orgCode, "\(org.name)已\(org.status.label)") }
        } else {
            fail("所属工会代码", orgCode, "工会组织不存在或不在您的管辖范围内")
        }
        var joined: CivilDate?
        let rawJoined = cell("joined_on")
        do { joined = try CivilDate(parsing: rawJoined) } catch { fail("入会日期", rawJoined, error.message) }
        let rawType = cell("employment_type")
        let type = ImportCells.employmentTypes[rawType] ?? EmploymentType(parsing: rawType)
        if type == nil { fail("用工形式", rawType, "应为 固定期限、无固定期限、劳务派遣、灵活就业 或 新就业形态") }
        let rawMigrant = cell("is_migrant")
        let migrant = ImportCells.yesNo(rawMigrant)
        if migrant == nil { fail("是否农民工", rawMigrant, "应为“是”或“否”") }
        let rawStatus = cell("status")
        var status = MemberStatus.active
        if !rawStatus.isEmpty {
            if let s = ImportCells.statuses[rawStatus] ?? MemberStatus(parsing: rawStatus) { status = s } else { fail("会员状态", rawStatus, "应为 在会、保留会籍、退会 或 去世") }
        }
        guard let idNumber, let joined, let type, let migrant, problems.isEmpty else { return (nil, problems) }
        let card = cell("card_number")
        let draft = MemberDraft(idNumber: idNumber, name: name, phone: phone, orgCode: orgCode, joinedOn: joined,
                                employmentType: type, isMigrant: migrant, status: status,
                                ethnicity: cell("ethnicity").isEmpty ? nil : cell("ethnicity"),
                                education: cell("education").isEmpty ? nil : cell("education"),
                                cardNumber: card.isEmpty ? nil : card)
        for p in draft.validate(today: today) {
            let column = ImportColumns.members.columns.first { $0.key == p.field }?.chinese ?? p.field
            problems.append(ImportProblem(row: number, column: column, value: p.value, reason: p.reason))
        }
        return problems.isEmpty ? (draft, []) : (nil, problems)
    }

    static let memberColumns = ["id", "province_id", "org_id", "id_hash", "id_enc", "id_masked", "name", "gender", "birth_date",
                                "phone_hash", "phone_enc", "phone_masked", "ethnicity", "education", "is_migrant", "employment_type",
                                "card_number", "joined_on", "status", "status_since", "version", "created_at", "updated_at", "name_key"]
    static let periodColumns = ["id", "province_id", "member_id", "org_id", "status", "valid_from", "valid_to",
                                "gender", "is_migrant", "employment_type", "joined_on"]

    /// New members and their membership periods. Members with a status other than 在会 get an
    /// active period from joining and a second one from today.
    struct PreparedBatch: Sendable {
        var members: [[BulkValue]]
        var periods: [[BulkValue]]
    }

    static func write(_ prepared: PreparedBatch, tx: BulkTransaction) async throws {
        try await tx.insert("members", columns: memberColumns, rows: prepared.members)
        try await tx.insert("member_periods", columns: periodColumns, rows: prepared.periods)
    }

    /// Rows for `batch`, with its members' ids and one period id slot per member, two for a
    /// member whose status is not 在会.
    static func prepareBatch(_ batch: [(MemberDraft, OrgRef)], ids: [Int64], periodIDs: [Int64], cipher: FieldCipher, today: CivilDate) -> PreparedBatch {
        let slots = periodIDs.count
        let now = Clock.nowMillis()
        var memberRows: [[BulkValue]] = []
        var periodRows: [[BulkValue]] = []
        memberRows.reserveCapacity(batch.count)
        periodRows.reserveCapacity(slots)
        let sealedIDs = cipher.seal(batch: batch.map { $0.0.idNumber.value })
        let sealedPhones = cipher.seal(batch: batch.map { $0.0.phone?.value })
        var p = 0
        for (i, (d, org)) in batch.enumerated() {
            let id = d.idNumber
            // The member's attributes each period carries for the statistics.
            let copied: [BulkValue] = [.text(id.gender.rawValue), .bool(d.isMigrant), .text(d.employmentType.rawValue), .text(d.joinedOn.iso)]
            let statusSince = d.status == .active ? d.joinedOn : max(today, d.joinedOn)
            memberRows.append([
                .int(ids[i]), .int(org.provinceID), .int(org.id), .text(cipher.blindIndex(id.value, domain: "id")), BulkValue(sealedIDs[i]),
                .text(id.masked), .text(d.name), .text(id.gender.rawValue), .text(id.birthDate.iso),
                BulkValue(d.phone.map { cipher.blindIndex($0.value, domain: "phone") }), BulkValue(sealedPhones[i]),
                BulkValue(d.phone?.masked), BulkValue(NationalCodes.coded("ethnicity", d.ethnicity)), BulkValue(NationalCodes.coded("education", d.education)), .bool(d.isMigrant), .text(d.employmentType.rawValue),
                BulkValue(d.cardNumber), .text(d.joinedOn.iso), .text(d.status.rawValue), .text(statusSince.iso), .int(1), .int(now), .int(now),
                .text(NameOrder.key(d.name)),
            ])
            // Each period takes the next id slot; an active period of no length is not written.
            func period(_ status: MemberStatus, from: CivilDate, to: CivilDate?) {
                if to.map({ $0 > from }) ?? true {
                    periodRows.append([.int(periodIDs[p]), .int(org.provinceID), .int(ids[i]), .int(org.id), .text(status.rawValue),
                                       .text(from.iso), BulkValue(to?.iso)] + copied)
                }
                p += 1
            }
            if d.status == .active {
                period(.active, from: d.joinedOn, to: nil)
            } else {
                period(.active, from: d.joinedOn, to: statusSince)
                period(d.status, from: statusSince, to: nil)
            }
        }
        return PreparedBatch(members: memberRows, periods: periodRows)
    }

    static func update(memberID: Int64, draft d: MemberDraft, org: OrgRef, tx: BulkTransaction, cipher: FieldCipher, today: CivilDate, actor: Actor) async throws {
        let db = tx.sql
        guard let row = try await db.raw("SELECT status, status_since FROM members WHERE id = \(bind: memberID)").first() else { return }
        let oldStatus = MemberStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .active
        try await db.raw("""
            UPDATE members SET name = \(bind: d.name), name_key = \(bind: NameOrder.key(d.name)), phone_hash = \(bind: d.phone.map { cipher.blindIndex($0.value, domain: "phone") }),
                phone_enc = \(bind: d.phone.map { cipher.seal($0.value) }), phone_masked = \(bind: d.phone?.masked), joined_on = \(bind: d.joinedOn.iso),
                employment_type = \(bind: d.employmentType.rawValue), is_migrant = \(bind: d.isMigrant), version = version + 1, updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: memberID)
            """).run()
        if oldStatus != d.status {
            try await MemberWriter.setStatus(memberID: memberID, provinceID: org.provinceID, orgID: org.id, to: d.status, on: today, on: db)
        }
        try await MemberWriter.event(memberID: memberID, provinceID: org.provinceID, kind: .edited, on: today, orgID: org.id,
                                     detail: "批量导入更新信息", actor: actor, on: db)
    }
}
