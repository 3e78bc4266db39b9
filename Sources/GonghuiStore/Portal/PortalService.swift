import Foundation
import GonghuiDomain
import HummingbirdBcrypt
import NIOPosix
import SQLKit

/// The workers' portal (职工在线服务平台): a member activates an account with their ID number,
/// the phone the union has on file, and an activation code the union gives them; then signs in
/// with ID number and password to see and keep up their membership.
public struct PortalService: Sendable {
    let database: Database
    let cipher: FieldCipher
    let audit: AuditWriter
    let hasher: PasswordHasher

    public static let codeLifetime: Int64 = 14 * 24 * 3600 * 1000
    public static let sessionLifetime: Int64 = 2 * 3600 * 1000
    /// Wrong guesses before a code is void and the union must issue a new one.
    public static let maxCodeAttempts = 5
    /// Failed sign-ins, counted per ID number tried as for officers (``LoginPolicy``).
    public static let policy = LoginPolicy.standard
    /// No 0/O, 1/I/L: the code is read aloud or copied from paper.
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// The failure every activation and login mistake reports, so that a guess reveals nothing.
    public static let activationFailed = "身份证号、手机号或激活码不正确，或激活码已过期；请核对后重试，或请所在工会重新生成激活码"
    public static let loginFailed = "身份证号或密码不正确"

    static func normalize(code: String) -> String {
        String(code.uppercased().filter { alphabet.contains($0) })
    }

    static func workerActor(member: Member, path: String) -> Actor {
        Actor(userID: nil, username: "worker:\(member.id)", displayName: member.name, role: .auditor,
              orgID: member.orgID, orgCode: member.orgCode, orgName: member.orgName, scope: Scope(path: path))
    }

    func hash(_ password: String) async throws -> String {
        try await hasher.run { Bcrypt.hash(password, cost: 10) }
    }

    func verify(_ password: String, _ hash: String) async throws -> Bool {
        try await hasher.run { Bcrypt.verify(password, hash: hash) }
    }

    // MARK: Officer side

    /// Issues a new activation code for a member of the actor's subtree; earlier unused codes
    /// of the member stop working.
    public func issueActivationCode(memberID: Int64, actor: Actor) async throws -> ActivationCode {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权生成激活码") }
        var g = SystemRandomNumberGenerator()
        let raw = String((0..<10).map { _ in Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &g)] })
        let now = Clock.nowMillis()
        let expires = now + Self.codeLifetime
        let hash = cipher.blindIndex(raw, domain: "activation")
        let audit = self.audit
        try await database.write { db in
            let (member, path) = try await MemberService.find(id: memberID, scope: actor.scope, on: db)
            guard member.status == .active || member.status == .retained else {
                throw StoreError.conflict(code: "member_not_active", message: "会员状态为“\(member.status.label)”，不能开通职工服务账号")
            }
            try await db.raw("DELETE FROM activation_codes WHERE member_id = \(bind: memberID) AND used_at IS NULL").run()
            try await db.raw("""
                INSERT INTO activation_codes (member_id, code_hash, created_by, created_at, expires_at)
                VALUES (\(bind: memberID), \(bind: hash), \(bind: actor.username), \(bind: now), \(bind: expires))
                """).run()
            try await audit.append(.init(action: "member.activation_code", entity: "member", entityID: String(memberID), orgID: member.orgID, orgPath: path,
                                         summary: "为会员 \(member.name)（\(member.idNumberMasked)）生成职工服务平台激活码"), actor: actor, on: db)
        }
        return ActivationCode(code: String(raw.prefix(5)) + "-" + String(raw.suffix(5)), expiresAt: expires)
    }

    /// Whether the member has activated a portal account (shown on the officer's member page).
    public func hasAccount(memberID: Int64) async throws -> Bool {
        try await database.read { db in
            try await db.raw("SELECT member_id FROM worker_accounts WHERE member_id = \(bind: memberID)").first() != nil
        }
    }

    /// When the member's latest activation code runs out, if one is waiting to be used.
    public func pendingActivation(memberID: Int64) async throws -> Int64? {
        try await database.read { db in
            try await db.raw("""
                SELECT MAX(expires_at) AS e FROM activation_codes WHERE member_id = \(bind: memberID) AND used_at IS NULL AND expires_at > \(bind: Clock.nowMillis())
                """).first()?.decode(column: "e", as: Int64?.self)
        }
    }

    // MARK: Worker side

    /// Activates (or re-activates, with a new code) the account and signs the worker in.
    public func activate(idNumber: IDNumber, phone: PhoneNumber, code: String, password: String) async throws -> IssuedCredential {
        if let p = UserService.validatePassword(password) { throw StoreError.invalid([FieldProblem(field: "password", value: "", reason: p)]) }
        let idHash = cipher.blindIndex(idNumber.value, domain: "id")
        let phoneHash = cipher.blindIndex(phone.value, domain: "phone")
        let codeHash = cipher.blindIndex(Self.normalize(code: code), domain: "activation")
        let now = Clock.nowMillis()
        let found = try await database.read { db in
            try await db.raw("SELECT id, phone_hash, status FROM members WHERE id_hash = \(bind: idHash)").first()
        }
        guard let found else {
            _ = try await hash(password)
            throw StoreError.unauthenticated(Self.activationFailed)
        }
        let memberID = try found.decode(column: "id", as: Int64.self)
        let hashed = try await hash(password)
        let audit = self.audit
        let outcome: Bool = try await database.write { db in
            guard let codeRow = try await db.raw("""
                SELECT id, code_hash, attempts FROM activation_codes
                WHERE member_id = \(bind: memberID) AND used_at IS NULL AND expires_at > \(bind: now) ORDER BY id DESC
                """).first() else { return false }
            let codeID = try codeRow.decode(column: "id", as: Int64.self)
            let attempts = try codeRow.decode(column: "attempts", as: Int.self)
            let phoneOK = try found.decode(column: "phone_hash", as: String?.self) == phoneHash
            let codeOK = try codeRow.decode(column: "code_hash", as: String.self) == codeHash
            let status = MemberStatus(rawValue: try found.decode(column: "status", as: String.self)) ?? .withdrawn
            guard phoneOK, codeOK, attempts < Self.maxCodeAttempts, status == .active || status == .retained else {
                // Counted even when only the phone was wrong: the code is what is being guessed.
                try await db.raw("UPDATE activation_codes SET attempts = attempts + 1 WHERE id = \(bind: codeID)").run()
                return false
            }
            try await db.raw("UPDATE activation_codes SET used_at = \(bind: now) WHERE id = \(bind: codeID)").run()
            try await db.raw("DELETE FROM worker_accounts WHERE member_id = \(bind: memberID)").run()
            try await db.raw("""
                INSERT INTO worker_accounts (member_id, password_hash, activated_at) VALUES (\(bind: memberID), \(bind: hashed), \(bind: now))
                """).run()
            try await db.raw("UPDATE worker_sessions SET revoked = TRUE WHERE member_id = \(bind: memberID)").run()
            let (member, path) = try await MemberService.find(id: memberID, scope: .everything, on: db)
            try await audit.append(.init(action: "worker.activate", entity: "member", entityID: String(memberID), orgID: member.orgID, orgPath: path,
                                         summary: "会员 \(member.name)（\(member.idNumberMasked)）开通职工服务平台账号"),
                                   actor: Self.workerActor(member: member, path: path), on: db)
            return true
        }
        guard outcome else { throw StoreError.unauthenticated(Self.activationFailed) }
        return try await issue(memberID: memberID)
    }

    /// Signs a worker in with ID number and password; failures count up and lock the account
    /// for a while, as for officers.
    public func login(idNumber: IDNumber, password: String) async throws -> IssuedCredential {
        let idHash = cipher.blindIndex(idNumber.value, domain: "id")
        let now = Clock.nowMillis()
        let subject = "worker:" + idHash
        let attempts = LoginAttempts(database: database, policy: Self.policy)
        let failures = try await attempts.check(subject, now: now)
        try await Task.sleep(for: Self.policy.delay(afterFailures: failures))
        let row = try await database.read { db in
            try await db.raw("""
                SELECT a.member_id, a.password_hash FROM worker_accounts a
                JOIN members m ON m.id = a.member_id WHERE m.id_hash = \(bind: idHash)
                """).first()
        }
        let hash = try row?.decode(column: "password_hash", as: String.self)
        // The same work, the same count and the same answers whether or not the account exists.
        let matches = try await verify(password, hash ?? UserService.absentHash)
        guard let row, hash != nil, matches else {
            if let locked = try await attempts.fail(subject, now: now) { throw StoreError.locked(until: locked) }
            throw StoreError.unauthenticated(Self.loginFailed)
        }
        try await attempts.succeed(subject, now: now)
        let memberID = try row.decode(column: "member_id", as: Int64.self)
        try await database.write { db in
            try await db.raw("UPDATE worker_accounts SET failed_logins = 0, locked_until = 0, last_login_at = \(bind: now) WHERE member_id = \(bind: memberID)").run()
        }
        return try await issue(memberID: memberID)
    }

    func issue(memberID: Int64) async throws -> IssuedCredential {
        let token = TokenHash.random()
        let csrf = TokenHash.random(bytes: 16)
        let now = Clock.nowMillis()
        try await database.write { db in
            try await db.raw("""
                INSERT INTO worker_sessions (member_id, token_hash, csrf, created_at, expires_at)
                VALUES (\(bind: memberID), \(bind: TokenHash.of(token)), \(bind: csrf), \(bind: now), \(bind: now + Self.sessionLifetime))
                """).run()
        }
        return IssuedCredential(token: token, csrf: csrf, expiresAt: now + Self.sessionLifetime)
    }

    public func authenticate(token: String) async throws -> WorkerSession? {
        guard token.count <= 512 else { return nil }
        let hash = TokenHash.of(token)
        let now = Clock.nowMillis()
        let row = try await database.read { db in
            try await db.raw("""
                SELECT s.member_id, s.csrf FROM worker_sessions s JOIN worker_accounts a ON a.member_id = s.member_id
                WHERE s.token_hash = \(bind: hash) AND s.revoked = FALSE AND s.expires_at > \(bind: now)
                """).first()
        }
        guard let row else { return nil }
        return WorkerSession(memberID: try row.decode(column: "member_id", as: Int64.self), csrf: try row.decode(column: "csrf", as: String.self))
    }

    public func logout(token: String) async throws {
        let hash = TokenHash.of(token)
        try await database.write { db in
            try await db.raw("UPDATE worker_sessions SET revoked = TRUE WHERE token_hash = \(bind: hash)").run()
        }
    }

    /// The worker's own membership: where, since when, status, history and transfers.
    public func membership(memberID: Int64) async throws -> WorkerMembership {
        let (member, path) = try await database.read { db in try await MemberService.find(id: memberID, scope: .everything, on: db) }
        let actor = Self.workerActor(member: member, path: path)
        let history = try await MemberService(database: database, cipher: cipher, audit: audit).history(id: memberID, actor: Actor(
            userID: nil, username: actor.username, displayName: actor.displayName, role: .auditor, orgID: nil, orgCode: nil, orgName: nil, scope: .everything))
        let transfers = try await database.read { db in
            try await db.raw(MemberService.transferSelect + " WHERE t.member_id = \(bind: memberID) ORDER BY t.id DESC LIMIT 20").all().map(MemberService.transfer)
        }
        return WorkerMembership(member: member, history: history, transfers: transfers)
    }

    /// The worker changes the phone the union holds for them.
    public func updatePhone(memberID: Int64, phone: PhoneNumber, today: CivilDate = .today()) async throws -> Member {
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let (before, path) = try await MemberService.find(id: memberID, scope: .everything, on: db)
            try await db.raw("""
                UPDATE members SET phone_enc = \(bind: cipher.seal(phone.value)), phone_hash = \(bind: cipher.blindIndex(phone.value, domain: "phone")),
                    phone_masked = \(bind: phone.masked), version = version + 1, updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: memberID)
                """).run()
            let actor = Self.workerActor(member: before, path: path)
            try await MemberWriter.event(memberID: memberID, provinceID: before.provinceID, kind: .edited, on: today, orgID: before.orgID,
                                         detail: "本人更新手机号 \(before.phoneMasked ?? "无") → \(phone.masked)", actor: actor, on: db)
            try await audit.append(.init(action: "worker.phone", entity: "member", entityID: String(memberID), orgID: before.orgID, orgPath: path,
                                         summary: "会员 \(before.name) 本人更新手机号"), actor: actor, on: db)
            return try await MemberService.find(id: memberID, scope: .everything, on: db).0
        }
    }

    /// The worker asks to move their membership to another union (一次入会、动态接转); both
    /// unions then decide in their worklists as for a transfer an officer starts.
    public func requestTransfer(memberID: Int64, toOrgCode: String, reason: String, today: CivilDate = .today()) async throws -> MembershipTransfer {
        let audit = self.audit
        return try await database.write { db in
            let (member, path) = try await MemberService.find(id: memberID, scope: .everything, on: db)
            guard member.status == .active || member.status == .retained else {
                throw StoreError.conflict(code: "member_not_active", message: "会员状态为“\(member.status.label)”，不能申请会籍转接")
            }
            let target: Organization
            do {
                target = try await OrgService.findAnywhere(code: toOrgCode, on: db)
            } catch StoreError.notFound {
                throw StoreError.invalid([FieldProblem(field: "to_org_code", value: toOrgCode, reason: "找不到代码为 \(toOrgCode) 的工会，请向新单位工会询问其组织代码")])
            }
            if target.id == member.orgID {
                throw StoreError.invalid([FieldProblem(field: "to_org_code", value: toOrgCode, reason: "您已是该工会的会员")])
            }
            try MemberWriter.checkMayHoldMembers(target, field: "to_org_code")
            let id = try await MemberWriter.openTransfer(member: member, path: path, to: target, on: today, reason: reason,
                                                         actor: Self.workerActor(member: member, path: path),
                                                         busy: "您已有办理中的会籍转接，请等待工会审核", requestedBy: "本人", audit: audit, on: db)
            return try await MemberService.findTransfer(id: id, scope: .everything, on: db).0
        }
    }
}

extension Store {
    /// The workers' portal.
    public var portal: PortalService { PortalService(database: database, cipher: cipher, audit: audit, hasher: users.hasher) }
}
