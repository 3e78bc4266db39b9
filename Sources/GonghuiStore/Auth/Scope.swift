import Foundation
import GonghuiDomain
import SQLKit

extension Scope {
    /// `column >= lower AND column < upper`, for a path column.
    func sql(_ column: String) -> SQLQueryString {
        "\(unsafeRaw: column) >= \(bind: lowerBound) AND \(unsafeRaw: column) < \(bind: upperBound)"
    }
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
