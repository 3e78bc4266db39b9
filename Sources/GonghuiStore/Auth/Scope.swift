import Foundation
import GonghuiDomain
import SQLKit

/// The subtree a user acts on. Every person-level read and write puts it into the SQL, so rows
/// outside it are never loaded at all: another county's member is "not found", not "forbidden".
///
/// Org paths are materialized as `/1/15/230/`; a subtree is the byte-wise range
/// `[path, path with its final "/" replaced by "0")`, which an ordinary index answers.
public struct Scope: Sendable, Equatable {
    public let path: String
    public var lowerBound: String { path }
    public var upperBound: String { String(path.dropLast()) + "0" }

    public init(path: String) {
        precondition(path.hasPrefix("/") && path.hasSuffix("/"), "scope paths start and end with /")
        self.path = path
    }

    /// Everything: for system jobs (the CLI, migrations, demo building), never for a user.
    public static let everything = Scope(path: "/")

    public func contains(path other: String) -> Bool { other.hasPrefix(path) }

    /// Whether something run by the union at `path` concerns this subtree: that union is inside
    /// it, or above it (a province's cycle is worked on by every county below). A sibling's is
    /// neither, and is "not found".
    public func concerns(path other: String) -> Bool { other.hasPrefix(path) || path.hasPrefix(other) }

    /// `column >= lower AND column < upper`, for a path column.
    func sql(_ column: String) -> SQLQueryString {
        "\(unsafeRaw: column) >= \(bind: lowerBound) AND \(unsafeRaw: column) < \(bind: upperBound)"
    }
}

/// Who is acting: a signed-in user bound to one org, or a named system operator (the CLI).
public struct Actor: Sendable, Equatable {
    public let userID: Int64?
    public let username: String
    public let displayName: String
    public let role: Role
    public let orgID: Int64?
    public let orgCode: String?
    public let orgName: String?
    public let scope: Scope

    public init(userID: Int64?, username: String, displayName: String, role: Role, orgID: Int64?, orgCode: String?, orgName: String?, scope: Scope) {
        self.userID = userID; self.username = username; self.displayName = displayName; self.role = role
        self.orgID = orgID; self.orgCode = orgCode; self.orgName = orgName; self.scope = scope
    }

    /// A system operator: the command-line tool acts for the whole database and sees identifiers
    /// in full (each export is audited).
    public static func system(_ name: String) -> Actor {
        Actor(userID: nil, username: "system:\(name)", displayName: "系统操作（\(name)）", role: .systemAdmin,
              orgID: nil, orgCode: nil, orgName: nil, scope: .everything)
    }

    /// A worker acting on their own behalf in the portal (applying, withdrawing): named in the
    /// audit log by member id, with no officer's rights.
    public static func worker(memberID: Int64, name: String) -> Actor {
        Actor(userID: nil, username: "worker:\(memberID)", displayName: name, role: .auditor, orgID: nil, orgCode: nil, orgName: nil, scope: .everything)
    }

    public var isSystem: Bool { userID == nil }
}

/// Errors of the store and its services, mapped to HTTP statuses and exit codes at the edge.
/// Each carries a stable code for API clients and a Chinese message for people.
public enum StoreError: Error, UserFacingError, Equatable {
    case notFound(entity: String, key: String)
    case invalid([FieldProblem])
    case conflict(code: String, message: String, field: String? = nil)
    case forbidden(String)
    case staleVersion(entity: String, key: String)
    case irreversibleMigration(Int)
    case unauthenticated(String)
    case locked(until: Int64)

    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .invalid: "validation_failed"
        case .conflict(let code, _, _): code
        case .forbidden: "forbidden"
        case .staleVersion: "stale_version"
        case .irreversibleMigration: "irreversible_migration"
        case .unauthenticated: "unauthenticated"
        case .locked: "account_locked"
        }
    }

    public var message: String {
        switch self {
        case .notFound(let entity, let key): "未找到\(entity)：\(key)"
        case .invalid(let problems):
            problems.map { "\($0.field)：\($0.reason)" }.joined(separator: "；")
        case .conflict(_, let message, _): message
        case .forbidden(let why): why
        case .staleVersion(let entity, _): "\(entity)已被他人修改，请刷新后重试"
        case .irreversibleMigration(let v): "第 \(v) 号数据库迁移不可回退"
        case .unauthenticated(let why): why
        case .locked(let until):
            "登录失败次数过多，账号已锁定至 \(Self.shanghaiTime(until))"
        }
    }

    public static func shanghaiTime(_ millis: Int64) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "zh_CN")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}
