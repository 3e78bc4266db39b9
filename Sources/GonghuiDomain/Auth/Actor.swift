import Foundation

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
