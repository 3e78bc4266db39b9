import Foundation
import GonghuiDomain
import SQLKit

/// Medical mutual aid (职工医疗互助) in the store: plans owned by a province or a city, their
/// rounds with the terms as set, units enrolling their members (all, or a list; all or nothing,
/// every refusal named), the contribution due per unit and its payment, and a member's cover.
/// A plan is seen by the unions of its owner's subtree and by those above the owner.
public struct MutualAidService: Sendable {
    let database: Database
    let cipher: FieldCipher
    let audit: AuditWriter

    static let planSelect: SQLQueryString = """
        SELECT p.*, o.code AS owner_code, o.name AS owner_name, o.path AS owner_path
        FROM mutual_aid_plans p JOIN orgs o ON o.id = p.owner_org_id
        """

    // MARK: Plans and rounds

    /// Creates a plan owned by a province or city union in the actor's scope.
    public func createPlan(code: String, name: String, kind: MutualAidPlanKind, ownerCode: String, actor: Actor) async throws -> MutualAidPlan {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权设立互助计划") }
        let c = code.trimmingCharacters(in: .whitespaces), n = name.trimmingCharacters(in: .whitespaces)
        var problems: [FieldProblem] = []
        if c.isEmpty || c.count > 20 || !c.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problems.append(FieldProblem(field: "code", value: c, reason: "计划代码为 1 至 20 位字母、数字或连字符"))
        }
        if n.isEmpty || n.count > 100 { problems.append(FieldProblem(field: "name", value: n, reason: "请填写计划名称（最多 100 字）")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            let owner: Organization
            do { owner = try await OrgService.find(code: ownerCode, scope: actor.scope, on: db) } catch StoreError.notFound {
                throw StoreError.invalid([FieldProblem(field: "owner_code", value: ownerCode, reason: "所属工会不存在或不在您的管辖范围内")])
            }
            guard owner.kind == .province || owner.kind == .city else {
                throw StoreError.invalid([FieldProblem(field: "owner_code", value: ownerCode, reason: "互助计划由省或市总工会设立")])
            }
            if try await db.raw("SELECT 1 AS one FROM mutual_aid_plans WHERE code = \(bind: c)").first() != nil {
                throw StoreError.invalid([FieldProblem(field: "code", value: c, reason: "计划代码 \(c) 已被使用")])
            }
            guard let row = try await db.raw("""
                INSERT INTO mutual_aid_plans (province_id, code, name, kind, owner_org_id, created_by, created_at)
                VALUES (\(bind: owner.provinceID), \(bind: c), \(bind: n), \(bind: kind.rawValue), \(bind: owner.id), \(bind: actor.displayName), \(bind: Clock.nowMillis()))
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "计划未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            try await audit.append(.init(action: "mutual_aid.plan", entity: "mutual_aid_plan", entityID: String(id), orgID: owner.id,
                                         orgPath: try await OrgService.path(of: owner.id, on: db), summary: "设立互助计划 \(c) \(n)（\(kind.title)）"),
                                   actor: actor, on: db)
            return MutualAidPlan(id: id, code: c, name: n, kind: kind, ownerCode: owner.code, ownerName: owner.name)
        }
    }

    /// Adds a round to a plan, by an officer of the plan's owner (or above it).
    public func addRound(planCode: String, name: String, startsOn: CivilDate, endsOn: CivilDate, enrollmentOpens: CivilDate, enrollmentCloses: CivilDate,
                         terms: MutualAidTerms, actor: Actor) async throws -> MutualAidRound {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权设置互助轮次") }
        let draft = MutualAidRound(id: 0, planID: 0, name: name.trimmingCharacters(in: .whitespaces), startsOn: startsOn, endsOn: endsOn,
                                   enrollmentOpens: enrollmentOpens, enrollmentCloses: enrollmentCloses, terms: terms)
        let problems = draft.problems()
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            let (plan, ownerPath) = try await Self.plan(code: planCode, actor: actor, on: db)
            guard actor.scope.contains(path: ownerPath) else { throw StoreError.forbidden("只有计划所属工会（\(plan.ownerName)）可以设置轮次") }
            if try await db.raw("SELECT 1 AS one FROM mutual_aid_rounds WHERE plan_id = \(bind: plan.id) AND name = \(bind: draft.name)").first() != nil {
                throw StoreError.invalid([FieldProblem(field: "name", value: draft.name, reason: "本计划已有名为“\(draft.name)”的轮次")])
            }
            let overlapping = try await db.raw("""
                SELECT name FROM mutual_aid_rounds WHERE plan_id = \(bind: plan.id) AND starts_on <= \(bind: endsOn.iso) AND ends_on >= \(bind: startsOn.iso)
                """).first()
            if let overlapping {
                throw StoreError.invalid([FieldProblem(field: "starts_on", value: startsOn.iso,
                                                       reason: "与本计划的轮次“\(try overlapping.decode(column: "name", as: String.self))”日期重叠")])
            }
            guard let row = try await db.raw("""
                INSERT INTO mutual_aid_rounds (plan_id, name, starts_on, ends_on, enrollment_opens, enrollment_closes, terms, created_by, created_at)
                VALUES (\(bind: plan.id), \(bind: draft.name), \(bind: startsOn.iso), \(bind: endsOn.iso), \(bind: enrollmentOpens.iso), \(bind: enrollmentCloses.iso),
                    \(bind: try Self.text(terms)), \(bind: actor.displayName), \(bind: Clock.nowMillis()))
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "轮次未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            try await audit.append(.init(action: "mutual_aid.round", entity: "mutual_aid_plan", entityID: String(plan.id), orgID: nil, orgPath: ownerPath,
                                         summary: "\(plan.name) 设置轮次“\(draft.name)”（\(startsOn.iso) 至 \(endsOn.iso)，每人 \(terms.contribution.groupedYuan) 元）"),
                                   actor: actor, on: db)
            var round = draft
            round.id = id; round.planID = plan.id
            return round
        }
    }

    /// The plans the actor works with: those of the unions above it and in its subtree.
    public func plans(actor: Actor) async throws -> [MutualAidPlan] {
        try await database.read { db in
            try await db.raw(Self.planSelect + " WHERE " + Self.visible(actor) + " ORDER BY p.code").all().map(Self.plan)
        }
    }

    public func rounds(planCode: String, actor: Actor) async throws -> [MutualAidRound] {
        try await database.read { db in
            let (plan, _) = try await Self.plan(code: planCode, actor: actor, on: db)
            return try await db.raw("SELECT * FROM mutual_aid_rounds WHERE plan_id = \(bind: plan.id) ORDER BY starts_on").all().map(Self.round)
        }
    }

    public func round(id: Int64, actor: Actor) async throws -> (MutualAidPlan, MutualAidRound) {
        try await database.read { db in try await Self.round(id: id, actor: actor, on: db) }
    }

    // MARK: Enrollment and contributions

    /// Enrolls members of a unit for a round: all its members in good standing when `memberIDs` is
    /// nil. All or nothing: a member not in good standing of that unit, one already enrolled this
    /// round, the same member twice — each refused by name, and nothing is written.
    @discardableResult
    public func enroll(roundID: Int64, unitCode: String, memberIDs: [Int64]? = nil, actor: Actor, today: CivilDate = .today()) async throws -> Int {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权办理参保") }
        let audit = self.audit
        return try await database.write { db in
            let (plan, round) = try await Self.round(id: roundID, actor: actor, on: db)
            guard round.enrollmentOpens <= today && today <= round.enrollmentCloses else {
                throw StoreError.conflict(code: "enrollment_closed", message: "本轮参保时间为 \(round.enrollmentOpens.iso) 至 \(round.enrollmentCloses.iso)")
            }
            let unit: Organization
            do { unit = try await OrgService.find(code: unitCode, scope: actor.scope, on: db) } catch StoreError.notFound {
                throw StoreError.invalid([FieldProblem(field: "unit_code", value: unitCode, reason: "单位工会不存在或不在您的管辖范围内")])
            }
            let unitPath = try await OrgService.path(of: unit.id, on: db)
            let ownerPath = try await Self.ownerPath(plan, on: db)
            guard unitPath.hasPrefix(ownerPath) else {
                throw StoreError.invalid([FieldProblem(field: "unit_code", value: unitCode, reason: "\(unit.name)不在\(plan.ownerName)的互助计划范围内")])
            }
            let active = try await db.raw("SELECT id, name FROM members WHERE org_id = \(bind: unit.id) AND status = 'active'").all()
            var names: [Int64: String] = [:]
            for r in active { names[try r.decode(column: "id", as: Int64.self)] = try r.decode(column: "name", as: String.self) }
            var problems: [FieldProblem] = []
            var wanted: [Int64] = []
            if let memberIDs {
                var seen = Set<Int64>()
                for (i, id) in memberIDs.enumerated() {
                    let field = "members[\(i)]"
                    if !seen.insert(id).inserted { problems.append(FieldProblem(field: field, value: String(id), reason: "名单中重复")); continue }
                    guard names[id] != nil else { problems.append(FieldProblem(field: field, value: String(id), reason: "不是\(unit.name)的在会会员")); continue }
                    wanted.append(id)
                }
            } else {
                wanted = names.keys.sorted()
            }
            let already = try await Self.enrolled(roundID: round.id, among: wanted, on: db)
            if memberIDs != nil {
                for (i, id) in (memberIDs ?? []).enumerated() where already.contains(id) {
                    problems.append(FieldProblem(field: "members[\(i)]", value: names[id] ?? String(id), reason: "本轮已参保"))
                }
            }
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            let toEnroll = wanted.filter { !already.contains($0) }
            try await Self.insert(toEnroll, unit: unit, unitPath: unitPath, plan: plan, round: round, actor: actor, today: today, audit: audit, on: db)
            return toEnroll.count
        }
    }

    /// Enrolls a list of members of a unit named by their ID numbers (the console's and the API's
    /// list): each refusal names its line (`id_numbers[i]`) with the number masked; all or nothing.
    @discardableResult
    public func enroll(roundID: Int64, unitCode: String, idNumbers: [IDNumber], actor: Actor, today: CivilDate = .today()) async throws -> Int {
        guard !idNumbers.isEmpty else {
            throw StoreError.invalid([FieldProblem(field: "id_numbers", value: "", reason: "名单为空：请每行填写一个身份证号")])
        }
        let cipher = self.cipher
        let hashes = idNumbers.map { cipher.blindIndex($0.value, domain: "id") }
        let found = try await database.read { db -> [String: Int64] in
            var out: [String: Int64] = [:]
            for start in stride(from: 0, to: hashes.count, by: 500) {
                let chunk = hashes[start ..< min(start + 500, hashes.count)]
                for r in try await db.raw("SELECT id, id_hash FROM members WHERE id_hash IN (" + chunk.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + ")").all() {
                    out[try r.decode(column: "id_hash", as: String.self)] = try r.decode(column: "id", as: Int64.self)
                }
            }
            return out
        }
        // Someone not in the registry stands in as an id no member has: refused as not of the unit.
        let ids = hashes.enumerated().map { found[$0.element] ?? -Int64($0.offset + 1) }
        do {
            return try await enroll(roundID: roundID, unitCode: unitCode, memberIDs: ids, actor: actor, today: today)
        } catch StoreError.invalid(let problems) {
            throw StoreError.invalid(problems.map { p in
                guard p.field.hasPrefix("members["), let i = Int(p.field.dropFirst(8).dropLast()), i < idNumbers.count else { return p }
                let reason = ids[i] < 0 ? "系统中没有这名会员" : p.reason
                return FieldProblem(field: "id_numbers[\(i)]", value: idNumbers[i].masked, reason: reason)
            })
        }
    }

    /// Each unit's standing in the round, in the actor's subtree.
    public func standings(roundID: Int64, actor: Actor) async throws -> [MutualAidUnitStanding] {
        try await database.read { db in
            _ = try await Self.round(id: roundID, actor: actor, on: db)
            let rows = try await db.raw("""
                SELECT o.code, o.name, COUNT(*) AS enrolled, CAST(SUM(CASE WHEN e.payment_id IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS paid,
                    CAST(SUM(CASE WHEN e.payment_id IS NULL THEN e.contribution_fen ELSE 0 END) AS BIGINT) AS due_fen,
                    CAST(SUM(CASE WHEN e.payment_id IS NULL THEN 0 ELSE e.contribution_fen END) AS BIGINT) AS received_fen
                FROM mutual_aid_enrollments e JOIN orgs o ON o.id = e.org_id
                WHERE e.round_id = \(bind: roundID) AND
                """ + " " + actor.scope.sql("o.path") + " GROUP BY o.code, o.name ORDER BY o.code").all()
            return try rows.map { r in
                MutualAidUnitStanding(unitCode: try r.decode(column: "code", as: String.self), unitName: try r.decode(column: "name", as: String.self),
                                      enrolled: try r.decode(column: "enrolled", as: Int.self), paid: try r.decode(column: "paid", as: Int.self),
                                      due: Money(fen: try r.decode(column: "due_fen", as: Int64.self)), received: Money(fen: try r.decode(column: "received_fen", as: Int64.self)))
            }
        }
    }

    /// Records a unit's contribution for its unpaid enrollments in the round: the amount must be
    /// exactly what they are due (a different amount is refused with the figure expected); from
    /// the day it was received those members' cover can start.
    public func recordPayment(roundID: Int64, unitCode: String, amount: Money, receivedOn: CivilDate, receiptNo: String, actor: Actor,
                              today: CivilDate = .today()) async throws -> MutualAidUnitStanding {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权登记互助金到账") }
        let receipt = receiptNo.trimmingCharacters(in: .whitespaces)
        var problems: [FieldProblem] = []
        if receipt.isEmpty || receipt.count > 50 { problems.append(FieldProblem(field: "receipt_no", value: receipt, reason: "请填写收据编号（最多 50 字）")) }
        if receivedOn > today { problems.append(FieldProblem(field: "received_on", value: receivedOn.iso, reason: "到账日期不能晚于今天")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        try await database.write { db in
            let (plan, round) = try await Self.round(id: roundID, actor: actor, on: db)
            let unit: Organization
            do { unit = try await OrgService.find(code: unitCode, scope: actor.scope, on: db) } catch StoreError.notFound {
                throw StoreError.invalid([FieldProblem(field: "unit_code", value: unitCode, reason: "单位工会不存在或不在您的管辖范围内")])
            }
            guard let due = try await db.raw("""
                SELECT COUNT(*) AS n, CAST(COALESCE(SUM(contribution_fen), 0) AS BIGINT) AS fen FROM mutual_aid_enrollments
                WHERE round_id = \(bind: round.id) AND org_id = \(bind: unit.id) AND payment_id IS NULL
                """).first(), let members = try? due.decode(column: "n", as: Int.self), members > 0 else {
                throw StoreError.conflict(code: "nothing_due", message: "\(unit.name)在本轮没有待缴的参保人员")
            }
            let fen = try due.decode(column: "fen", as: Int64.self)
            guard fen == amount.fen else {
                throw StoreError.invalid([FieldProblem(field: "amount", value: amount.yuanString,
                                                       reason: "应缴 \(Money(fen: fen).groupedYuan) 元（\(members) 人 × \(round.terms.contribution.groupedYuan) 元），与到账金额不符")])
            }
            guard let row = try await db.raw("""
                INSERT INTO mutual_aid_payments (province_id, round_id, org_id, members, amount_fen, received_on, receipt_no, created_by, created_at)
                VALUES (\(bind: unit.provinceID), \(bind: round.id), \(bind: unit.id), \(bind: members), \(bind: fen), \(bind: receivedOn.iso), \(bind: receipt),
                    \(bind: actor.displayName), \(bind: Clock.nowMillis()))
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "到账记录未能保存") }
            let paymentID = try row.decode(column: "id", as: Int64.self)
            try await db.raw("""
                UPDATE mutual_aid_enrollments SET payment_id = \(bind: paymentID), paid_on = \(bind: receivedOn.iso)
                WHERE round_id = \(bind: round.id) AND org_id = \(bind: unit.id) AND payment_id IS NULL
                """).run()
            try await audit.append(.init(action: "mutual_aid.payment", entity: "mutual_aid_round", entityID: String(round.id), orgID: unit.id,
                                         orgPath: try await OrgService.path(of: unit.id, on: db),
                                         summary: "\(unit.name) \(plan.name)“\(round.name)”互助金到账 \(amount.groupedYuan) 元（\(members) 人，收据 \(receipt)，\(receivedOn.iso)）"),
                                   actor: actor, on: db)
        }
        return try await standings(roundID: roundID, actor: actor).first { $0.unitCode == unitCode }
            ?? MutualAidUnitStanding(unitCode: unitCode, unitName: unitCode, enrolled: 0, paid: 0, due: .zero, received: .zero)
    }

    /// A member's enrollment in a round as the cover rules read it (the exit from the registry's
    /// status: withdrawn or deceased from the day recorded), or nil when not enrolled.
    public func enrollment(memberID: Int64, roundID: Int64) async throws -> MutualAidEnrollment? {
        try await database.read { db in try await Self.enrollment(memberID: memberID, roundID: roundID, on: db) }
    }

    // MARK: Rows

    /// Writes the enrollments of `memberIDs` of one unit (renewals found from the previous round)
    /// with one audit entry.
    static func insert(_ memberIDs: [Int64], unit: Organization, unitPath: String, plan: MutualAidPlan, round: MutualAidRound, actor: Actor, today: CivilDate,
                       audit: AuditWriter, on db: any SQLDatabase) async throws {
        guard !memberIDs.isEmpty else { return }
        let renewing = try await writeRows([(unit, memberIDs)], plan: plan, round: round, actor: actor, today: today, on: db)
        try await audit.append(.init(action: "mutual_aid.enroll", entity: "mutual_aid_round", entityID: String(round.id), orgID: unit.id, orgPath: unitPath,
                                     summary: "\(unit.name) 为 \(memberIDs.count) 名会员参加\(plan.name)“\(round.name)”（续保 \(renewing) 人），应缴 \(Money(fen: round.terms.contribution.fen * Int64(memberIDs.count)).groupedYuan) 元"),
                               actor: actor, on: db)
    }

    /// Writes a roster's enrollments for many units at once — the renewals looked up once, the
    /// rows in chunks across units — with one audit entry for the file.
    static func insertRoster(_ units: [(Organization, [Int64])], plan: MutualAidPlan, round: MutualAidRound, actor: Actor, today: CivilDate, fileName: String?,
                             audit: AuditWriter, on db: any SQLDatabase) async throws {
        let total = units.reduce(0) { $0 + $1.1.count }
        guard total > 0 else { return }
        let renewing = try await writeRows(units, plan: plan, round: round, actor: actor, today: today, on: db)
        try await audit.append(.init(action: "mutual_aid.enroll", entity: "mutual_aid_round", entityID: String(round.id), orgID: nil, orgPath: actor.scope.path,
                                     summary: "导入参保名单\(fileName.map { "“\($0)”" } ?? "")：\(units.count) 个单位 \(total) 名会员参加\(plan.name)“\(round.name)”（续保 \(renewing) 人），应缴 \(Money(fen: round.terms.contribution.fen * Int64(total)).groupedYuan) 元"),
                               actor: actor, on: db)
    }

    /// The rows themselves, 500 to a statement; returns how many renewed.
    static func writeRows(_ units: [(Organization, [Int64])], plan: MutualAidPlan, round: MutualAidRound, actor: Actor, today: CivilDate,
                          on db: any SQLDatabase) async throws -> Int {
        let renewing = try await Self.renewing(plan: plan, round: round, among: units.flatMap(\.1), on: db)
        let now = Clock.nowMillis()
        let rows = units.flatMap { unit, ids in ids.map { (unit, $0) } }
        for start in stride(from: 0, to: rows.count, by: 500) {
            let values = rows[start ..< min(start + 500, rows.count)].map { unit, id -> SQLQueryString in
                "(\(bind: unit.provinceID), \(bind: round.id), \(bind: id), \(bind: unit.id), \(bind: today.iso), \(bind: renewing.contains(id)), \(bind: round.terms.contribution.fen), \(bind: actor.displayName), \(bind: now))"
            }
            try await db.raw("""
                INSERT INTO mutual_aid_enrollments (province_id, round_id, member_id, org_id, enrolled_on, renewal, contribution_fen, created_by, created_at) VALUES
                """ + " " + values.joined(separator: ", ")).run()
        }
        return renewing.count
    }

    static func visible(_ actor: Actor) -> SQLQueryString {
        "(" + actor.scope.sql("o.path") + " OR \(bind: actor.scope.path) LIKE o.path || '%')"
    }

    static func plan(code: String, actor: Actor, on db: any SQLDatabase) async throws -> (MutualAidPlan, String) {
        guard let row = try await db.raw(planSelect + " WHERE p.code = \(bind: code) AND " + visible(actor)).first() else {
            throw StoreError.notFound(entity: "互助计划", key: code)
        }
        return (try plan(row), try row.decode(column: "owner_path", as: String.self))
    }

    static func ownerPath(_ plan: MutualAidPlan, on db: any SQLDatabase) async throws -> String {
        try await db.raw("SELECT o.path FROM mutual_aid_plans p JOIN orgs o ON o.id = p.owner_org_id WHERE p.id = \(bind: plan.id)").first()!.decode(column: "path", as: String.self)
    }

    static func round(id: Int64, actor: Actor, on db: any SQLDatabase) async throws -> (MutualAidPlan, MutualAidRound) {
        guard let row = try await db.raw("SELECT * FROM mutual_aid_rounds WHERE id = \(bind: id)").first() else { throw StoreError.notFound(entity: "互助轮次", key: String(id)) }
        let round = try Self.round(row)
        guard let p = try await db.raw(planSelect + " WHERE p.id = \(bind: round.planID) AND " + visible(actor)).first() else {
            throw StoreError.notFound(entity: "互助轮次", key: String(id))
        }
        return (try plan(p), round)
    }

    static func enrolled(roundID: Int64, among ids: [Int64], on db: any SQLDatabase) async throws -> Set<Int64> {
        var out = Set<Int64>()
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start ..< min(start + 500, ids.count)]
            let rows = try await db.raw("SELECT member_id FROM mutual_aid_enrollments WHERE round_id = \(bind: roundID) AND member_id IN ("
                                        + chunk.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + ")").all()
            for r in rows { out.insert(try r.decode(column: "member_id", as: Int64.self)) }
        }
        return out
    }

    /// The members enrolled in the plan's round that ended the day before this one began (续保).
    static func renewing(plan: MutualAidPlan, round: MutualAidRound, among ids: [Int64], on db: any SQLDatabase) async throws -> Set<Int64> {
        guard !ids.isEmpty, let previous = try await db.raw("""
            SELECT id FROM mutual_aid_rounds WHERE plan_id = \(bind: plan.id) AND ends_on = \(bind: round.startsOn.adding(days: -1).iso)
            """).first() else { return [] }
        return try await enrolled(roundID: try previous.decode(column: "id", as: Int64.self), among: ids, on: db)
    }

    static func text(_ terms: MutualAidTerms) throws -> String { String(decoding: try JSONEncoder().encode(terms), as: UTF8.self) }

    static func plan(_ row: any SQLRow) throws -> MutualAidPlan {
        MutualAidPlan(id: try row.decode(column: "id", as: Int64.self), code: try row.decode(column: "code", as: String.self),
                      name: try row.decode(column: "name", as: String.self),
                      kind: MutualAidPlanKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .hospitalization,
                      ownerCode: try row.decode(column: "owner_code", as: String.self), ownerName: try row.decode(column: "owner_name", as: String.self))
    }

    static func round(_ row: any SQLRow) throws -> MutualAidRound {
        MutualAidRound(id: try row.decode(column: "id", as: Int64.self), planID: try row.decode(column: "plan_id", as: Int64.self),
                       name: try row.decode(column: "name", as: String.self),
                       startsOn: try Rows.date(row, "starts_on") ?? CivilDate(daysSinceEpoch: 0), endsOn: try Rows.date(row, "ends_on") ?? CivilDate(daysSinceEpoch: 0),
                       enrollmentOpens: try Rows.date(row, "enrollment_opens") ?? CivilDate(daysSinceEpoch: 0),
                       enrollmentCloses: try Rows.date(row, "enrollment_closes") ?? CivilDate(daysSinceEpoch: 0),
                       terms: try JSONDecoder().decode(MutualAidTerms.self, from: Data(try row.decode(column: "terms", as: String.self).utf8)))
    }
}
