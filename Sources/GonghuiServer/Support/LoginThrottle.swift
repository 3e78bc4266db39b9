import Foundation
import GonghuiStore
import Hummingbird
import NIOCore
import Synchronization

/// Failed sign-ins per client address (按来源地址限制登录失败), on top of the per-name count in
/// the store: one address guessing many names is turned away after `limit` failures within
/// `windowMillis`, before any password is checked, so that it costs the server nothing.
final class LoginThrottle: Sendable {
    struct Window { var start: Int64; var failures: Int }
    let limit: Int
    let windowMillis: Int64
    private let windows = Mutex<[String: Window]>([:])

    init(limit: Int = 30, windowMillis: Int64 = 15 * 60 * 1000) {
        self.limit = limit; self.windowMillis = windowMillis
    }

    /// Throws a 429 problem while the address is over its limit.
    func check(_ address: String, now: Int64 = Clock.nowMillis()) throws {
        let retry: Int64? = windows.withLock { w in
            guard let window = w[address], now - window.start < windowMillis, window.failures >= limit else { return nil }
            return (window.start + windowMillis - now + 999) / 1000
        }
        if let retry { throw APIError.tooManyAttempts(retryAfterSeconds: retry) }
    }

    func failed(_ address: String, now: Int64 = Clock.nowMillis()) {
        windows.withLock { w in
            if w.count > 100_000 { w = w.filter { now - $0.value.start < windowMillis } }
            if var window = w[address], now - window.start < windowMillis {
                window.failures += 1
                w[address] = window
            } else {
                w[address] = Window(start: now, failures: 1)
            }
        }
    }

    /// Runs a sign-in for the address: refused while over the limit, counted when it fails.
    func attempt<T>(_ address: String, _ body: () async throws -> T) async throws -> T {
        try check(address)
        do {
            return try await body()
        } catch let e as StoreError {
            switch e {
            case .unauthenticated, .locked: failed(address)
            default: break
            }
            throw e
        }
    }
}

extension GonghuiRequestContext {
    /// The client's address, for counting failed sign-ins.
    var clientAddress: String { remoteAddress ?? "unknown" }
}
