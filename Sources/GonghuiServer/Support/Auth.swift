import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird
import HTTPTypes

/// Successful token look-ups, kept for a short while so that a busy client does not cost a
/// database round trip per request. A revoked token is dropped at once by logout; elsewhere it
/// stays usable at most `lifetime` longer.
actor TokenCache {
    struct Entry: Sendable {
        var actor: Actor
        var csrf: String?
        var until: ContinuousClock.Instant
    }

    private var entries: [String: Entry] = [:]
    let lifetime: Duration
    let capacity: Int

    init(lifetime: Duration = .seconds(30), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func get(_ token: String) -> Entry? {
        guard let e = entries[token] else { return nil }
        if e.until < .now {
            entries[token] = nil
            return nil
        }
        return e
    }

    func put(_ token: String, actor: Actor, csrf: String?) {
        if entries.count >= capacity {
            let now = ContinuousClock.now
            entries = entries.filter { $0.value.until > now }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        }
        entries[token] = Entry(actor: actor, csrf: csrf, until: .now + lifetime)
    }

    func remove(_ token: String) { entries[token] = nil }

    /// Forgets every cached login of one user (after a password change ends their sessions).
    func remove(userID: Int64) {
        entries = entries.filter { $0.value.actor.userID != userID }
    }
}

enum Session {
    static let cookieName = "gonghui_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    static func cookie(token: String, maxAge: Int, secure: Bool) -> String {
        var parts = ["\(cookieName)=\(token)", "Path=/", "Max-Age=\(maxAge)", "HttpOnly", "SameSite=Lax"]
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }
}

/// Resolves the caller from a bearer token or the session cookie, and checks the CSRF token on
/// cookie-authenticated unsafe requests. Routes decide whether they need a user at all.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: Store
    let cache: TokenCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let credential = Self.credential(of: request) {
            let token = credential.token
            var resolved: (Actor, String?)?
            if let hit = await cache.get(token) {
                resolved = (hit.actor, hit.csrf)
            } else if token.count <= 512, let found = try await store.users.authenticate(token: token) {
                resolved = (found.0, found.csrf)
                await cache.put(token, actor: found.0, csrf: found.csrf)
            }
            if let (actor, csrf) = resolved {
                context.actor = actor
                context.credential = credential
                context.csrf = csrf
                // Checked here, enforced by `APIOfficerContext`: routes that need no user (login)
                // stay usable from a browser that still carries an old session cookie.
                if case .cookie = credential, !Self.isSafe(request.method) {
                    let sent = request.headers[Session.csrfHeader] ?? ""
                    context.csrfRejected = !(csrf.map { !$0.isEmpty && Self.constantTimeEqual(sent, $0) } ?? false)
                }
            }
        }
        return try await next(request, context)
    }

    static func isSafe(_ method: HTTPRequest.Method) -> Bool {
        method == .get || method == .head || method == .options
    }

    static func credential(of request: Request) -> Credential? {
        if let auth = request.headers[.authorization] {
            let parts = auth.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let token = parts[1].trimmingCharacters(in: .whitespaces)
                if !token.isEmpty { return .bearer(token) }
            }
        }
        if let cookie = request.cookies[Session.cookieName], !cookie.value.isEmpty {
            return .cookie(cookie.value)
        }
        return nil
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
