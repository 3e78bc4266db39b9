import Foundation
import GonghuiDomain
import SQLKit

/// The member service card (会员服务卡) in the store: a member's request (in the portal, choosing a
/// branch), the bank's issuing file for a union's members, the bank's result with the card number
/// (sealed, masked like an account), activation, the uses from the bank's and merchants' files, the
/// year's target. One live card per member.
public struct CardService: Sendable {
    let database: Database
    let cipher: FieldCipher
    let audit: AuditWriter

    static let select: SQLQueryString = """
        SELECT c.*, m.name, o.code AS org_code FROM member_cards c JOIN members m ON m.id = c.member_id JOIN orgs o ON o.id = m.org_id
        """

    /// The member asks for a card in the portal, choosing the branch to collect it at.
    public func request(memberID: Int64, branch: String, today: CivilDate = .today()) async throws -> MemberCard {
        let b = branch.trimmingCharacters(in: .whitespaces)
        guard !b.isEmpty, b.count <= 60 else { throw StoreError.invalid([FieldProblem(field: "branch", value: b, reason: "请选择领卡网点（最多 60 字）")]) }
        let audit = self.audit
        return try await database.write { db in
            let (member, path) = try await MemberService.find(id: memberID, scope: .everything, on: db)
            guard member.status == .active else { throw StoreError.invalid([FieldProblem(field: "member", value: member.name, reason: "不是在会会员，不能申领会员服务卡")]) }
            if let live = try await Self.live(memberID: memberID, on: db) {
                throw StoreError.conflict(code: "card_exists", message: "您已有一张会员服务卡（\(live.state.title)），每人一张")
            }
            let now = Clock.nowMillis()
            guard let row = try await db.raw("""
                INSERT INTO member_cards (province_id, member_id, state, branch, requested_on, requested_via, created_at, updated_at)
                VALUES (\(bind: member.provinceID), \(bind: memberID), 'requested', \(bind: b), \(bind: today.iso), 'portal', \(bind: now), \(bind: now)) RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "申请未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            try await audit.append(.init(action: "card.request", entity: "member_card", entityID: String(id), orgID: member.orgID, orgPath: path,
                                         summary: "\(member.name) 申领会员服务卡（领卡网点：\(b)）"), actor: .system("portal"), on: db)
            return try await Self.card(id: id, scope: .everything, on: db)
        }
    }

    /// One line of the bank's issuing file (制卡文件).
    public struct IssuingLine: Sendable {
        public var name: String
        public var idNumber: String
        public var phone: String
        public var unitCode: String
        public var unitName: String
        public var branch: String
    }

    /// The bank's issuing file for the members of `orgCode`'s subtree: those who asked in the portal
    /// and, with `allMembers`, every member in good standing without a card (collecting at
    /// `branch`). Each is marked 制卡中 under the file's number; the full identifiers are audited.
    public func issuingFile(orgCode: String, allMembers: Bool, branch: String, actor: Actor, today: CivilDate = .today()) async throws -> (fileNo: String, lines: [IssuingLine]) {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权制作发卡文件") }
        let b = branch.trimmingCharacters(in: .whitespaces)
        if allMembers && (b.isEmpty || b.count > 60) { throw StoreError.invalid([FieldProblem(field: "branch", value: b, reason: "请填写批量发卡的领卡网点")]) }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let node = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            let path = try await OrgService.path(of: node.id, on: db)
            let scope = Scope(path: path)
            let now = Clock.nowMillis()
            if allMembers {
                try await db.raw("""
                    INSERT INTO member_cards (province_id, member_id, state, branch, requested_on, requested_via, created_at, updated_at)
                    SELECT m.province_id, m.id, 'requested', \(bind: b), \(bind: today.iso), 'union', \(bind: now), \(bind: now)
                    FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.status = 'active' AND
                    """ + " " + scope.sql("o.path") + """
                     AND NOT EXISTS (SELECT 1 FROM member_cards c WHERE c.member_id = m.id AND c.state IN ('requested', 'issuing', 'issued', 'active'))
                    """).run()
            }
            let seq = try await db.raw("SELECT COUNT(DISTINCT file_no) AS n FROM member_cards WHERE file_no IS NOT NULL").first()!.decode(column: "n", as: Int.self)
            let fileNo = String(format: "FK-%@-%d-%04d", node.code, today.year, seq + 1)
            let rows = try await db.raw("""
                SELECT c.id, c.branch, m.name, m.id_enc, m.phone_enc, o.code, o.name AS org_name FROM member_cards c JOIN members m ON m.id = c.member_id JOIN orgs o ON o.id = m.org_id
                WHERE c.state = 'requested' AND
                """ + " " + scope.sql("o.path") + " ORDER BY o.code, c.id").all()
            var lines: [IssuingLine] = []
            for r in rows {
                lines.append(IssuingLine(name: try r.decode(column: "name", as: String.self), idNumber: try cipher.open(try r.decode(column: "id_enc", as: String.self)),
                                         phone: try r.decode(column: "phone_enc", as: String?.self).map { try cipher.open($0) } ?? "",
                                         unitCode: try r.decode(column: "code", as: String.self), unitName: try r.decode(column: "org_name", as: String.self),
                                         branch: try r.decode(column: "branch", as: String.self)))
            }
            guard !lines.isEmpty else { throw StoreError.conflict(code: "nothing_to_issue", message: "\(node.name)没有待制卡的会员") }
            try await db.raw("""
                UPDATE member_cards SET state = 'issuing', file_no = \(bind: fileNo), updated_at = \(bind: now)
                WHERE state = 'requested' AND member_id IN (SELECT m.id FROM members m JOIN orgs o ON o.id = m.org_id WHERE
                """ + " " + scope.sql("o.path") + ")").run()
            try await audit.append(.init(action: "card.issuing_file", entity: "member_card", entityID: fileNo, orgID: node.id, orgPath: path,
                                         summary: "制作发卡文件 \(fileNo)：\(lines.count) 人（含完整身份证号、手机号）"), actor: actor, on: db)
            return (fileNo, lines)
        }
    }

    /// The bank's result of issuing files, all rows or none: each ID number must have a card being
    /// made in the officer's scope; a card number is Luhn-checked and never on two cards.
    public func importResults(_ rows: [CardResultRow], fileName: String, actor: Actor) async throws -> (issued: Int, refused: Int) {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权登记制卡结果") }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db -> (issued: Int, refused: Int) in
            var problems: [FieldProblem] = []
            var seen: [String: Int] = [:], cards: [String: Int] = [:]
            var plan: [(id: Int64, row: CardResultRow)] = []
            for r in rows {
                let at = "第 \(r.row) 行"
                if let first = seen[r.idNumber.value] { problems.append(FieldProblem(field: "\(at) 身份证号", value: r.idNumber.masked, reason: "与第 \(first) 行重复")); continue }
                seen[r.idNumber.value] = r.row
                guard let found = try await db.raw("""
                    SELECT c.id FROM member_cards c JOIN members m ON m.id = c.member_id JOIN orgs o ON o.id = m.org_id
                    WHERE m.id_hash = \(bind: cipher.blindIndex(r.idNumber.value, domain: "id")) AND c.state = 'issuing' AND
                    """ + " " + actor.scope.sql("o.path")).first() else {
                    problems.append(FieldProblem(field: "\(at) 身份证号", value: r.idNumber.masked, reason: "没有这位会员制卡中的服务卡（或不在本单位范围内）")); continue
                }
                if let number = r.cardNumber {
                    if let first = cards[number.value] { problems.append(FieldProblem(field: "\(at) 卡号", value: number.masked, reason: "与第 \(first) 行卡号相同")); continue }
                    cards[number.value] = r.row
                    if try await db.raw("SELECT 1 AS one FROM member_cards WHERE card_hash = \(bind: cipher.blindIndex(number.value, domain: "card"))").first() != nil {
                        problems.append(FieldProblem(field: "\(at) 卡号", value: number.masked, reason: "卡号已登记在另一张卡上")); continue
                    }
                }
                plan.append((try found.decode(column: "id", as: Int64.self), r))
            }
            if rows.isEmpty { problems.append(FieldProblem(field: "第 2 行", value: "", reason: "文件中没有制卡结果")) }
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            let now = Clock.nowMillis()
            var issued = 0
            for (id, r) in plan {
                if let number = r.cardNumber, let on = r.issuedOn {
                    try await db.raw("""
                        UPDATE member_cards SET state = 'issued', card_hash = \(bind: cipher.blindIndex(number.value, domain: "card")), card_enc = \(bind: cipher.seal(number.value)),
                            card_masked = \(bind: number.masked), issued_on = \(bind: on.iso), updated_at = \(bind: now) WHERE id = \(bind: id)
                        """).run()
                    issued += 1
                } else {
                    try await db.raw("UPDATE member_cards SET state = 'refused', reason = \(bind: r.reason ?? "银行未说明原因"), updated_at = \(bind: now) WHERE id = \(bind: id)").run()
                }
            }
            try await audit.append(.init(action: "card.results_file", entity: "member_card", entityID: fileName, orgID: actor.orgID, orgPath: nil,
                                         summary: "导入制卡结果 \(fileName)：发卡 \(issued) 张，未成功 \(plan.count - issued) 张"), actor: actor, on: db)
            return (issued, plan.count - issued)
        }
    }

    /// The member activates the card in the portal (激活).
    public func activate(memberID: Int64, today: CivilDate = .today()) async throws -> MemberCard {
        let audit = self.audit
        return try await database.write { db in
            guard let card = try await Self.live(memberID: memberID, on: db) else { throw StoreError.notFound(entity: "会员服务卡", key: String(memberID)) }
            guard card.state == .issued else { throw StoreError.conflict(code: "card_state", message: "服务卡当前为“\(card.state.title)”，不能激活") }
            try await db.raw("UPDATE member_cards SET state = 'active', activated_on = \(bind: today.iso), updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: card.id)").run()
            let (member, path) = try await MemberService.find(id: memberID, scope: .everything, on: db)
            try await audit.append(.init(action: "card.activate", entity: "member_card", entityID: String(card.id), orgID: member.orgID, orgPath: path,
                                         summary: "\(member.name) 激活会员服务卡 \(card.cardMasked ?? "")"), actor: .system("portal"), on: db)
            return try await Self.card(id: card.id, scope: .everything, on: db)
        }
    }

    /// The bank's activation file (激活明细): 卡号, 激活日期 — all rows or none; a card already
    /// active keeps its first activation, a card not issued in scope or a day before the issue or
    /// after today is named by its row.
    public func importActivations(_ rows: [(row: Int, number: CardNumber, on: CivilDate)], fileName: String, actor: Actor,
                                  today: CivilDate = .today()) async throws -> (activated: Int, already: Int) {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权导入激活明细") }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db -> (activated: Int, already: Int) in
            var problems: [FieldProblem] = []
            var plan: [(Int64, CivilDate)] = []
            var already = 0
            for r in rows {
                let at = "第 \(r.row) 行"
                guard let card = try await db.raw("""
                    SELECT c.id, c.state, c.issued_on FROM member_cards c JOIN members m ON m.id = c.member_id JOIN orgs o ON o.id = m.org_id
                    WHERE c.card_hash = \(bind: cipher.blindIndex(r.number.value, domain: "card")) AND c.state IN ('issued', 'active') AND
                    """ + " " + actor.scope.sql("o.path")).first() else {
                    problems.append(FieldProblem(field: "\(at) 卡号", value: r.number.masked, reason: "没有这张已发放的服务卡（或不在本单位范围内）")); continue
                }
                let issued = try Rows.date(card, "issued_on") ?? CivilDate(daysSinceEpoch: 0)
                if r.on < issued || r.on > today {
                    problems.append(FieldProblem(field: "\(at) 激活日期", value: r.on.iso, reason: "应在发卡日期 \(issued.iso) 与今天之间")); continue
                }
                if try card.decode(column: "state", as: String.self) == "active" { already += 1; continue }
                plan.append((try card.decode(column: "id", as: Int64.self), r.on))
            }
            if rows.isEmpty { problems.append(FieldProblem(field: "第 2 行", value: "", reason: "文件中没有激活记录")) }
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            let now = Clock.nowMillis()
            for (id, on) in plan {
                try await db.raw("UPDATE member_cards SET state = 'active', activated_on = \(bind: on.iso), updated_at = \(bind: now) WHERE id = \(bind: id) AND state = 'issued'").run()
            }
            try await audit.append(.init(action: "card.activations_file", entity: "member_card", entityID: fileName, orgID: actor.orgID, orgPath: nil,
                                         summary: "导入激活明细 \(fileName)：激活 \(plan.count) 张，此前已激活 \(already) 张"), actor: actor, on: db)
            return (plan.count, already)
        }
    }

    /// The uses of cards from the bank's or merchants' files, pulled in batches from `next` (nil at
    /// the end), all rows or none: a card number not issued, a reference already recorded or
    /// repeated, a day before the card was issued — every such row is named (the first
    /// `maxProblems`) and nothing is recorded. A use of a card not yet activated activates it that
    /// day (the bank's own activation). Each card's month counts and last use are kept as it goes.
    /// `unreadable` gives the count and the first of the rows the file reader could not read
    /// (they are not in the batches); any refuses the file too.
    public func importUsage(next: () throws -> [CardUsageRow]?, fileName: String, actor: Actor, maxProblems: Int = 1000,
                            unreadable: () -> (Int, [FieldProblem]) = { (0, []) }, today: CivilDate = .today()) async throws -> (rows: Int, cards: Int) {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权导入用卡记录") }
        let cipher = self.cipher, audit = self.audit, engine = database.engine
        // A bulk transaction: the larger page cache keeps the usage indexes' pages in memory while
        // millions of rows go in (otherwise pages spill to the WAL and are read back).
        return try await database.bulk { tx -> (rows: Int, cards: Int) in
            let db = tx.sql
            var problems: [FieldProblem] = []
            var problemCount = 0
            func problem(_ p: FieldProblem) { problemCount += 1; if problems.count < maxProblems { problems.append(p) } }
            // Card number → (id, issued on, activated); looked up once per distinct number.
            var known: [String: (id: Int64, issuedOn: CivilDate, active: Bool)?] = [:]
            var months: [Int64: [String: (uses: Int64, fen: Int64)]] = [:]
            var last: [Int64: CivilDate] = [:], firstUse: [Int64: CivilDate] = [:]
            var total = 0
            var checked = Set<String>()
            while let batch = try next() {
                var good: [(CardUsageRow, Int64)] = []
                for r in batch {
                    total += 1
                    let at = "第 \(r.row) 行"
                    if known[r.cardNumber.value] == nil {
                        let row = try await db.raw("""
                            SELECT c.id, c.issued_on, c.state FROM member_cards c JOIN members m ON m.id = c.member_id JOIN orgs o ON o.id = m.org_id
                            WHERE c.card_hash = \(bind: cipher.blindIndex(r.cardNumber.value, domain: "card")) AND c.state IN ('issued', 'active') AND
                            """ + " " + actor.scope.sql("o.path")).first()
                        known[r.cardNumber.value] = .some(try row.map { (try $0.decode(column: "id", as: Int64.self), try Rows.date($0, "issued_on") ?? CivilDate(daysSinceEpoch: 0),
                                                                        try $0.decode(column: "state", as: String.self) == "active") })
                    }
                    guard let card = known[r.cardNumber.value] ?? nil else {
                        problem(FieldProblem(field: "\(at) 卡号", value: r.cardNumber.masked, reason: "没有这张已发放的服务卡（或不在本单位范围内）")); continue
                    }
                    if r.usedOn > today {
                        problem(FieldProblem(field: "\(at) 交易日期", value: r.usedOn.iso, reason: "晚于今天")); continue
                    }
                    if r.usedOn < card.issuedOn {
                        problem(FieldProblem(field: "\(at) 交易日期", value: r.usedOn.iso, reason: "早于发卡日期 \(card.issuedOn.iso)")); continue
                    }
                    good.append((r, card.id))
                }
                if good.isEmpty { continue }
                if problemCount > 0 || unreadable().0 > 0 {
                    // Refused already: nothing more is written, but repeated references are still named.
                    let existing = Set(try await db.raw("SELECT reference FROM card_usage WHERE reference IN ("
                                                        + good.map { "\(bind: $0.0.reference)" as SQLQueryString }.joined(separator: ", ") + ")").all()
                                        .map { try $0.decode(column: "reference", as: String.self) })
                    for (r, _) in good where existing.contains(r.reference) || !checked.insert(r.reference).inserted {
                        problem(FieldProblem(field: "第 \(r.row) 行 流水号", value: r.reference, reason: "流水号已登记过或在文件中重复"))
                    }
                    continue
                }
                // One statement per batch; a reference already there comes back missing.
                var values: [SQLQueryString] = []
                for (r, id) in good {
                    values.append("(\(bind: id), \(bind: r.usedOn.iso), \(bind: r.merchant), \(bind: r.amount.fen), \(bind: r.discount.fen), \(bind: r.reference))")
                }
                let q: SQLQueryString = "INSERT INTO card_usage (card_id, used_on, merchant, amount_fen, discount_fen, reference) VALUES "
                    + values.joined(separator: ", ") + " ON CONFLICT (reference) DO NOTHING RETURNING reference"
                let inserted = Set(try await db.raw(q).all().map { try $0.decode(column: "reference", as: String.self) })
                var repeated = Set<String>()
                for (r, id) in good {
                    guard inserted.contains(r.reference), !repeated.contains(r.reference) else {
                        problem(FieldProblem(field: "第 \(r.row) 行 流水号", value: r.reference, reason: "流水号已登记过或在文件中重复")); continue
                    }
                    repeated.insert(r.reference)
                    let month = String(r.usedOn.iso.prefix(7))
                    var m = months[id, default: [:]]
                    let old = m[month] ?? (0, 0)
                    m[month] = (old.uses + 1, old.fen + r.amount.fen)
                    months[id] = m
                    if last[id].map({ r.usedOn > $0 }) ?? true { last[id] = r.usedOn }
                    if firstUse[id].map({ r.usedOn < $0 }) ?? true { firstUse[id] = r.usedOn }
                }
            }
            let (badCount, bad) = unreadable()
            if badCount > 0 {
                problems = (bad + problems).prefix(maxProblems).map { $0 }
                problemCount += badCount
            }
            if total == 0 && badCount == 0 { problem(FieldProblem(field: "第 2 行", value: "", reason: "文件中没有用卡记录")) }
            if problemCount > 0 {
                if problemCount > problems.count {
                    problems.append(FieldProblem(field: "", value: "", reason: "共 \(problemCount) 处错误，只列出前 \(problems.count) 处"))
                }
                throw StoreError.invalid(problems)
            }
            // Fold the months and the last use into the cards, a few hundred per statement.
            let monthRows = months.flatMap { id, byMonth in byMonth.map { (id, $0.key, $0.value) } }
            for start in stride(from: 0, to: monthRows.count, by: 500) {
                let chunk = monthRows[start..<min(start + 500, monthRows.count)]
                let values = chunk.map { "(\(bind: $0.0), \(bind: $0.1), \(bind: $0.2.uses), \(bind: $0.2.fen))" as SQLQueryString }
                try await db.raw("INSERT INTO card_usage_months (card_id, month, uses, amount_fen) VALUES " + values.joined(separator: ", ") + """
                     ON CONFLICT (card_id, month) DO UPDATE SET uses = card_usage_months.uses + excluded.uses, amount_fen = card_usage_months.amount_fen + excluded.amount_fen
                    """).run()
            }
            let now = Clock.nowMillis()
            let greatest = engine == .sqlite ? "MAX" : "GREATEST"
            let cardRows = Array(last)
            for start in stride(from: 0, to: cardRows.count, by: 500) {
                let chunk = cardRows[start..<min(start + 500, cardRows.count)]
                let values = chunk.map { "(CAST(\(bind: $0.key) AS BIGINT), CAST(\(bind: $0.value.iso) AS TEXT), CAST(\(bind: firstUse[$0.key]!.iso) AS TEXT))" as SQLQueryString }
                try await db.raw("UPDATE member_cards SET last_used_on = CASE WHEN member_cards.last_used_on IS NULL THEN v.column2 ELSE \(unsafeRaw: greatest)(member_cards.last_used_on, v.column2) END, "
                                 + "state = 'active', activated_on = COALESCE(member_cards.activated_on, v.column3), updated_at = \(bind: now) FROM (VALUES "
                                 + values.joined(separator: ", ") + ") AS v WHERE member_cards.id = v.column1").run()
            }
            try await audit.append(.init(action: "card.usage_file", entity: "member_card", entityID: fileName, orgID: actor.orgID, orgPath: nil,
                                         summary: "导入用卡记录 \(fileName)：\(total) 笔，涉及 \(last.count) 张卡"), actor: actor, on: db)
            return (total, last.count)
        }
    }

    /// The year's target of cards issued for a union (发卡目标).
    public func setTarget(orgCode: String, year: Int, target: Int, actor: Actor) async throws {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权设定发卡目标") }
        guard target > 0 && target <= 100_000_000 else { throw StoreError.invalid([FieldProblem(field: "target", value: String(target), reason: "目标应为正整数")]) }
        let audit = self.audit
        try await database.write { db in
            let node = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            try await db.raw("""
                INSERT INTO card_targets (org_id, year, target, set_by, updated_at) VALUES (\(bind: node.id), \(bind: year), \(bind: target), \(bind: actor.username), \(bind: Clock.nowMillis()))
                ON CONFLICT (org_id, year) DO UPDATE SET target = excluded.target, set_by = excluded.set_by, updated_at = excluded.updated_at
                """).run()
            try await audit.append(.init(action: "card.target", entity: "org", entityID: node.code, orgID: node.id, orgPath: try await OrgService.path(of: node.id, on: db),
                                         summary: "\(node.name) \(year) 年会员服务卡发卡目标 \(target) 张"), actor: actor, on: db)
        }
    }

    /// The member's live card, or nil.
    public func memberCard(memberID: Int64) async throws -> MemberCard? {
        try await database.read { db in try await Self.live(memberID: memberID, on: db) }
    }

    /// The member's last uses of their card.
    public func memberUsage(memberID: Int64, limit: Int = 20) async throws -> [(on: CivilDate, merchant: String, amount: Money, discount: Money)] {
        try await database.read { db in
            try await db.raw("""
                SELECT u.used_on, u.merchant, u.amount_fen, u.discount_fen FROM card_usage u JOIN member_cards c ON c.id = u.card_id
                WHERE c.member_id = \(bind: memberID) ORDER BY u.used_on DESC, u.id DESC LIMIT \(bind: limit)
                """).all().map { r in
                (try Rows.date(r, "used_on") ?? CivilDate(daysSinceEpoch: 0), try r.decode(column: "merchant", as: String.self),
                 Money(fen: try r.decode(column: "amount_fen", as: Int64.self)), Money(fen: try r.decode(column: "discount_fen", as: Int64.self)))
            }
        }
    }

    // MARK: Rows

    static func live(memberID: Int64, on db: any SQLDatabase) async throws -> MemberCard? {
        try await db.raw(select + " WHERE c.member_id = \(bind: memberID) AND c.state IN ('requested', 'issuing', 'issued', 'active') ORDER BY c.id DESC").first().map(card)
    }

    static func card(id: Int64, scope: Scope, on db: any SQLDatabase) async throws -> MemberCard {
        guard let row = try await db.raw(select + " WHERE c.id = \(bind: id) AND " + scope.sql("o.path")).first() else { throw StoreError.notFound(entity: "会员服务卡", key: String(id)) }
        return try card(row)
    }

    static func card(_ r: any SQLRow) throws -> MemberCard {
        MemberCard(id: try r.decode(column: "id", as: Int64.self), memberID: try r.decode(column: "member_id", as: Int64.self), name: try r.decode(column: "name", as: String.self),
                   orgCode: try r.decode(column: "org_code", as: String.self), state: CardState(rawValue: try r.decode(column: "state", as: String.self)) ?? .requested,
                   branch: try r.decode(column: "branch", as: String.self), requestedOn: try Rows.date(r, "requested_on") ?? CivilDate(daysSinceEpoch: 0),
                   fileNo: try r.decode(column: "file_no", as: String?.self), cardMasked: try r.decode(column: "card_masked", as: String?.self),
                   issuedOn: try Rows.date(r, "issued_on"), activatedOn: try Rows.date(r, "activated_on"), lastUsedOn: try Rows.date(r, "last_used_on"),
                   reason: try r.decode(column: "reason", as: String?.self))
    }
}
