import Foundation
import GonghuiDomain
import HummingbirdBcrypt
import NIOPosix
import SQLKit
import Synchronization

/// Users, passwords (bcrypt), browser sessions and API tokens. Repeated failed logins slow down
/// and then lock the account.
public struct UserService: Sendable {
    let database: Database
    let audit: AuditWriter
    let hasher: PasswordHasher
    let credentials = CredentialCache()
    /// bcrypt cost: 10 rounds is about 60 ms here, slow for guessing yet quick for a login.
    let cost: UInt8 = 10
    public static let sessionLifetime: Int64 = 8 * 3600 * 1000
    public static let tokenLifetime: Int64 = 90 * 24 * 3600 * 1000
    /// Failed sign-ins: slowed from the third in a row, locked at the tenth (``LoginPolicy``).
    public static let policy = LoginPolicy.standard
    var attempts: LoginAttempts { LoginAttempts(database: database, policy: Self.policy) }
    static func subject(_ username: String) -> String { "officer:" + username.lowercased() }

    static let userSelect: SQLQueryString = """
        SELECT u.*, o.code AS org_code, o.name AS org_name, o.path AS org_path FROM users u JOIN orgs o ON o.id = u.org_id
        """

    static func user(_ row: any SQLRow) throws -> User {
        User(id: try row.decode(column: "id", as: Int64.self),
             username: try row.decode(column: "username", as: String.self),
             displayName: try row.decode(column: "display_name", as: String.self),
             role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .auditor,
             orgCode: try row.decode(column: "org_code", as: String.self),
             orgName: try row.decode(column: "org_name", as: String.self),
             disabled: try row.decode(column: "disabled", as: Bool.self),
             lockedUntil: try row.decode(column: "locked_until", as: Int64.self))
    }

    static func actor(_ row: any SQLRow) throws -> Actor {
        let u = try user(row)
        return Actor(userID: u.id, username: u.username, displayName: u.displayName, role: u.role,
                     orgID: try row.decode(column: "org_id", as: Int64.self), orgCode: u.orgCode, orgName: u.orgName,
                     scope: Scope(path: try row.decode(column: "org_path", as: String.self)))
    }

    public static func validatePassword(_ password: String) -> String? {
        if password.count < 8 { return "密码至少 8 位" }
        let classes = [password.contains(where: \.isLowercase), password.contains(where: \.isUppercase),
                       password.contains(where: \.isNumber), password.contains(where: { !$0.isLetter && !$0.isNumber })]
        if classes.filter({ $0 }).count < 3 { return "密码须包含大写字母、小写字母、数字、符号中的至少三类" }
        return nil
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await hasher.run { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, _ hash: String) async throws -> Bool {
        try await hasher.run { Bcrypt.verify(password, hash: hash) }
    }

    public func add(username: String, displayName: String, password: String, role: Role, orgCode: String, actor: Actor) async throws -> User {
        guard actor.role.mayManageUsers else { throw StoreError.forbidden("当前角色无权管理用户") }
        var problems: [FieldProblem] = []
        if username.isEmpty || username.count > 64 || !username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) {
            problems.append(FieldProblem(field: "username", value: username, reason: "用户名应为 1–64 位字母、数字或 . _ -"))
        }
        if let p = Self.validatePassword(password) { problems.append(FieldProblem(field: "password", value: "", reason: p)) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let hashed = try await hash(password)
        let audit = self.audit
        return try await database.write { db in
            let org = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            if try await db.raw("SELECT id FROM users WHERE username = \(bind: username)").first() != nil {
                throw StoreError.conflict(code: "duplicate_username", message: "用户名 \(username) 已存在", field: "username")
            }
            let now = Clock.nowMillis()
            try await db.raw("""
                INSERT INTO users (username, display_name, password_hash, role, org_id, created_at, updated_at)
                VALUES (\(bind: username), \(bind: displayName.isEmpty ? username : displayName), \(bind: hashed), \(bind: role.rawValue), \(bind: org.id), \(bind: now), \(bind: now))
                """).run()
            let row = try await db.raw(Self.userSelect + " WHERE u.username = \(bind: username)").first()!
            let user = try Self.user(row)
            try await audit.append(.init(action: "user.create", entity: "user", entityID: username, orgID: org.id, orgPath: try row.decode(column: "org_path", as: String.self),
                                         summary: "新建用户 \(username)（\(role.label)，\(org.name)）"), actor: actor, on: db)
            return user
        }
    }

    public func setPassword(username: String, password: String, actor: Actor) async throws {
        if let p = Self.validatePassword(password) { throw StoreError.invalid([FieldProblem(field: "password", value: "", reason: p)]) }
        let hashed = try await hash(password)
        let audit = self.audit
        try await database.write { db in
            guard let row = try await db.raw(Self.userSelect + " WHERE u.username = \(bind: username) AND " + actor.scope.sql("o.path")).first() else {
                throw StoreError.notFound(entity: "用户", key: username)
            }
            let user = try Self.user(row)
            guard actor.role.mayManageUsers || actor.userID == user.id else { throw StoreError.forbidden("只能修改自己的密码") }
            try await db.raw("UPDATE users SET password_hash = \(bind: hashed), failed_logins = 0, locked_until = 0, updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: user.id)").run()
            try await LoginAttempts(database: database, policy: Self.policy).clear(Self.subject(user.username), on: db)
            // A new password ends every other login.
            try await db.raw("UPDATE credentials SET revoked = TRUE WHERE user_id = \(bind: user.id) AND kind = 'session'").run()
            try await audit.append(.init(action: "user.password", entity: "user", entityID: username, orgID: nil, orgPath: try row.decode(column: "org_path", as: String.self),
                                         summary: "修改用户 \(username) 的密码"), actor: actor, on: db)
        }
    }

    public func changeOwnPassword(actor: Actor, current: String, new: String) async throws {
        guard let userID = actor.userID else { throw StoreError.forbidden("系统操作没有密码") }
        let row = try await database.read { db in try await db.raw("SELECT password_hash FROM users WHERE id = \(bind: userID)").first() }
        guard let hash = try row?.decode(column: "password_hash", as: String.self), try await verify(current, hash) else {
            throw StoreError.invalid([FieldProblem(field: "current_password", value: "", reason: "当前密码不正确")])
        }
        try await setPassword(username: actor.username, password: new, actor: actor)
    }

    public func list(actor: Actor) async throws -> [User] {
        guard actor.role.mayManageUsers else { throw StoreError.forbidden("当前角色无权管理用户") }
        return try await database.read { db in
            try await db.raw(Self.userSelect + " WHERE " + actor.scope.sql("o.path") + " ORDER BY u.username").all().map(Self.user)
        }
    }

    /// Checks a password and opens a session. Failures are counted per name tried, known or
    /// not, in one statement each (``LoginAttempts``): the answers and their timing are the same
    /// for a name that does not exist, and a burst of parallel guesses locks at the tenth.
    public func login(username: String, password: String, kind: String = "session", name: String = "") async throws -> (IssuedCredential, Actor) {
        let now = Clock.nowMillis()
        let subject = Self.subject(username)
        let attempts = self.attempts
        let failures = try await attempts.check(subject, now: now)
        try await Task.sleep(for: Self.policy.delay(afterFailures: failures))
        let row = try await database.read { db in try await db.raw(Self.userSelect + " WHERE u.username = \(bind: username)").first() }
        let user = try row.map(Self.user)
        let hash = try row?.decode(column: "password_hash", as: String.self)
        // The same bcrypt work whether or not the user exists.
        let matches = try await verify(password, hash ?? Self.absentHash)
        guard let row, let user, matches, hash != nil else {
            let locked = try await attempts.fail(subject, now: now)
            if let row, let user {
                let audit = self.audit
                try await database.write { db in
                    if let locked { try await db.raw("UPDATE users SET locked_until = \(bind: locked) WHERE id = \(bind: user.id)").run() }
                    try await audit.append(.init(action: locked != nil ? "auth.lock" : "auth.fail", entity: "user", entityID: username, orgID: nil,
                                                 orgPath: try row.decode(column: "org_path", as: String.self),
                                                 summary: locked != nil ? "连续登录失败 \(Self.policy.lockAfter) 次，账号锁定" : "登录失败"), actor: .system("auth"), on: db)
                }
            }
            if let locked { throw StoreError.locked(until: locked) }
            throw StoreError.unauthenticated("用户名或密码不正确")
        }
        try await attempts.succeed(subject, now: now)
        if user.disabled { throw StoreError.unauthenticated("账号已停用") }
        let actor = try Self.actor(row)
        let credential = try await issue(userID: user.id, kind: kind, name: name, lifetime: kind == "session" ? Self.sessionLifetime : Self.tokenLifetime)
        try await database.write { db in
            try await db.raw("UPDATE users SET failed_logins = 0, locked_until = 0, last_login_at = \(bind: now) WHERE id = \(bind: user.id)").run()
        }
        return (credential, actor)
    }

    /// A bcrypt hash no password matches, checked when the name does not exist so the work is
    /// the same as for a real account.
    static let absentHash = Bcrypt.hash(TokenHash.random(), cost: 10)

    func issue(userID: Int64, kind: String, name: String, lifetime: Int64) async throws -> IssuedCredential {
        let token = TokenHash.random()
        let csrf = TokenHash.random(bytes: 16)
        let now = Clock.nowMillis()
        try await database.write { db in
            try await db.raw("""
                INSERT INTO credentials (user_id, kind, token_hash, name, csrf, created_at, expires_at)
                VALUES (\(bind: userID), \(bind: kind), \(bind: TokenHash.of(token)), \(bind: name), \(bind: csrf), \(bind: now), \(bind: now + lifetime))
                """).run()
        }
        return IssuedCredential(token: token, csrf: csrf, expiresAt: now + lifetime)
    }

    /// A long-lived API token for a user (`gonghui user token`).
    public func issueToken(username: String, name: String, actor: Actor) async throws -> IssuedCredential {
        guard actor.role.mayManageUsers else { throw StoreError.forbidden("当前角色无权签发令牌") }
        let row = try await database.read { db in try await db.raw(Self.userSelect + " WHERE u.username = \(bind: username) AND " + actor.scope.sql("o.path")).first() }
        guard let row else { throw StoreError.notFound(entity: "用户", key: username) }
        let user = try Self.user(row)
        let credential = try await issue(userID: user.id, kind: "token", name: name, lifetime: Self.tokenLifetime)
        let audit = self.audit
        try await database.write { db in
            try await audit.append(.init(action: "user.token", entity: "user", entityID: username, orgID: nil, orgPath: try row.decode(column: "org_path", as: String.self),
                                         summary: "为用户 \(username) 签发 API 令牌“\(name)”"), actor: actor, on: db)
        }
        return credential
    }

    /// Resolves a session cookie or bearer token to the acting user.
    public func authenticate(token: String) async throws -> (Actor, csrf: String?)? {
        let hash = TokenHash.of(token)
        let now = Clock.nowMillis()
        // Taken before the query: a write committed after it makes the entry stale at once.
        let commits = database.commitCount
        if let hit = credentials.lookup(hash, now: now, commits: commits) { return hit }
        let row = try await database.read { db in
            try await db.raw("""
                SELECT u.*, o.code AS org_code, o.name AS org_name, o.path AS org_path, c.csrf AS csrf, c.expires_at AS credential_expires_at
                FROM credentials c JOIN users u ON u.id = c.user_id JOIN orgs o ON o.id = u.org_id
                WHERE c.token_hash = \(bind: hash) AND c.revoked = FALSE AND c.expires_at > \(bind: now) AND u.disabled = FALSE
                """).first()
        }
        guard let row else { return nil }
        let resolved = (try Self.actor(row), csrf: try row.decode(column: "csrf", as: String?.self))
        credentials.store(hash, resolved, expiresAt: try row.decode(column: "credential_expires_at", as: Int64.self), now: now, commits: commits)
        return resolved
    }

    public func revoke(token: String) async throws {
        let hash = TokenHash.of(token)
        try await database.write { db in
            try await db.raw("UPDATE credentials SET revoked = TRUE WHERE token_hash = \(bind: hash)").run()
        }
    }
}

/// Credentials this process resolved lately (已验证凭据缓存). An API client sends its token with
/// every request, and resolving it cost a database round trip as long as the request's own
/// work. An entry is used only while no write has been committed by this process since it was
/// read (a revocation, a password change, a user's union moved: any of them), for at most
/// `lifetimeMillis`, and never past the credential's own expiry; a change made by another
/// process (the command line, a second server) takes effect within `lifetimeMillis`.
final class CredentialCache: Sendable {
    struct Entry {
        let actor: Actor
        let csrf: String?
        let validUntil: Int64
        let commits: Int
    }

    static let lifetimeMillis: Int64 = 5_000
    static let capacity = 10_000
    private let entries = Mutex<[String: Entry]>([:])

    func lookup(_ hash: String, now: Int64, commits: Int) -> (Actor, csrf: String?)? {
        entries.withLock { e in
            guard let entry = e[hash] else { return nil }
            guard entry.commits == commits, entry.validUntil > now else {
                e[hash] = nil
                return nil
            }
            return (entry.actor, entry.csrf)
        }
    }

    func store(_ hash: String, _ resolved: (Actor, csrf: String?), expiresAt: Int64, now: Int64, commits: Int) {
        entries.withLock { e in
            if e.count >= Self.capacity { e.removeAll(keepingCapacity: true) }
            e[hash] = Entry(actor: resolved.0, csrf: resolved.csrf, validUntil: min(expiresAt, now + Self.lifetimeMillis), commits: commits)
        }
    }
}
