import Foundation

public struct User: Sendable, Equatable, Codable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var role: Role
    public var orgCode: String
    public var orgName: String
    public var disabled: Bool
    public var lockedUntil: Int64

    public init(id: Int64, username: String, displayName: String, role: Role, orgCode: String, orgName: String, disabled: Bool, lockedUntil: Int64) {
        self.id = id; self.username = username; self.displayName = displayName; self.role = role; self.orgCode = orgCode; self.orgName = orgName; self.disabled = disabled; self.lockedUntil = lockedUntil
    }
}

/// A login: the session's bearer value (cookie or header), its CSRF token, and when it ends.
public struct IssuedCredential: Sendable, Equatable {
    public var token: String
    public var csrf: String
    public var expiresAt: Int64

    public init(token: String, csrf: String, expiresAt: Int64) {
        self.token = token; self.csrf = csrf; self.expiresAt = expiresAt
    }
}
