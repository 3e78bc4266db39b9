import Foundation

/// The rule for failed sign-ins (登录失败处理, GB/T 22239-2019 等保 2.0 三级 8.1.4.1 a/b: "应具有
/// 登录失败处理功能，应配置并启用结束会话、限制非法登录次数……"): from the `slowAfter`th failure in
/// a row each further attempt waits a little longer; the `lockAfter`th locks the name for
/// `lockMillis`. Counted per name tried, in the database, so every server process and every
/// concurrent request sees one count.
public struct LoginPolicy: Sendable, Equatable {
    public var slowAfter: Int
    public var lockAfter: Int
    public var lockMillis: Int64

    public static let standard = LoginPolicy(slowAfter: 3, lockAfter: 10, lockMillis: 15 * 60 * 1000)

    /// The wait before checking a password after `failures` failures in a row.
    public func delay(afterFailures failures: Int) -> Duration {
        failures >= slowAfter ? .milliseconds(min(250 * (failures - slowAfter + 1), 3000)) : .zero
    }

    public init(slowAfter: Int, lockAfter: Int, lockMillis: Int64) {
        self.slowAfter = slowAfter; self.lockAfter = lockAfter; self.lockMillis = lockMillis
    }
}
