import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// One field-level problem in an error response.
public struct ProblemField: Codable, Sendable, Equatable {
    public var field: String
    public var value: String
    public var reason: String
}

/// An RFC 9457 problem document (`application/problem#json`) with the platform's stable
/// `code`, a Chinese `detail`, and the offending field(s).
public struct Problem: Codable, Sendable, Equatable {
    public var type: String = "about:blank"
    public var title: String
    public var status: Int
    public var code: String
    public var detail: String
    public var field: String?
    public var problems: [ProblemField]?
    public var requestId: String?
}

/// An error raised at the HTTP edge (bad JSON, bad query parameter, missing login, CSRF).
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var detail: String
    var field: String?
    var problems: [FieldProblem]?
    /// Seconds, sent as `Retry-After`.
    var retryAfter: Int64? = nil

    static func invalidJSON(_ detail: String = "请求体不是有效的 JSON 对象", field: String? = nil) -> APIError {
        APIError(status: .badRequest, code: "invalid_json", detail: detail, field: field)
    }
    static let unsupportedMediaType = APIError(status: .unsupportedMediaType, code: "unsupported_media_type",
                                               detail: "请求体须为 JSON，请设置 Content-Type: application/json")
    static func validation(_ problems: [FieldProblem]) -> APIError {
        APIError(status: .unprocessableContent, code: "validation_failed",
                 detail: problems.map { "\($0.field)：\($0.reason)" }.joined(separator: "；"),
                 field: problems.first?.field, problems: problems)
    }
    static let unauthenticated = APIError(status: .unauthorized, code: "unauthenticated", detail: "请先登录")
    static let csrf = APIError(status: .forbidden, code: "csrf_failed", detail: "缺少或错误的 X-CSRF-Token 请求头，请刷新页面后重试")
    static func tooManyAttempts(retryAfterSeconds: Int64) -> APIError {
        APIError(status: .tooManyRequests, code: "too_many_attempts",
                 detail: "登录失败次数过多，请 \(max(1, (retryAfterSeconds + 59) / 60)) 分钟后再试", retryAfter: retryAfterSeconds)
    }
    static func notFound(_ detail: String = "请求的资源不存在") -> APIError {
        APIError(status: .notFound, code: "not_found", detail: detail)
    }
}

enum ProblemMapper {
    static let problemContentType = "application/problem+json"

    /// Store and domain field names are snake_case; the API speaks camelCase.
    static func camel(_ field: String) -> String {
        guard field.contains("_") else { return field }
        var out = ""
        var upper = false
        for ch in field {
            if ch == "_" { upper = true; continue }
            out.append(upper ? Character(ch.uppercased()) : ch)
            upper = false
        }
        return out
    }

    static func fields(_ problems: [FieldProblem]) -> [ProblemField] {
        problems.map { ProblemField(field: camel($0.field), value: $0.value, reason: $0.reason) }
    }

    static func title(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "请求格式错误"
        case 401: "未登录"
        case 403: "无权操作"
        case 404: "未找到"
        case 405: "方法不允许"
        case 409: "操作冲突"
        case 413: "请求体过大"
        case 422: "数据校验未通过"
        case 423: "账号已锁定"
        case 429: "请求过于频繁"
        case 415: "不支持的内容类型"
        case 503: "系统繁忙"
        default: status.code >= 500 ? "服务器内部错误" : status.reasonPhrase
        }
    }

    /// Maps any error to a problem. Unknown errors become a 500 without internal detail; the
    /// caller logs them with the request id.
    static func problem(for error: any Error, requestID: String) -> (Problem, isInternal: Bool) {
        func make(_ status: HTTPResponse.Status, _ code: String, _ detail: String, field: String? = nil, problems: [FieldProblem]? = nil) -> Problem {
            let fs = problems.map(fields)
            return Problem(title: title(status), status: status.code, code: code, detail: detail,
                           field: field.map(camel) ?? fs?.first?.field, problems: fs, requestId: requestID)
        }
        switch error {
        case let e as APIError:
            return (make(e.status, e.code, e.detail, field: e.field, problems: e.problems), false)
        case let e as StoreError:
            switch e {
            case .notFound: return (make(.notFound, e.code, e.message), false)
            case .invalid(let ps):
                let detail = ps.map { "\(camel($0.field))：\($0.reason)" }.joined(separator: "；")
                return (make(.unprocessableContent, e.code, detail, problems: ps), false)
            case .conflict(_, _, let field): return (make(.conflict, e.code, e.message, field: field), false)
            case .forbidden: return (make(.forbidden, e.code, e.message), false)
            case .staleVersion: return (make(.conflict, e.code, e.message, field: "version"), false)
            case .unauthenticated: return (make(.unauthorized, e.code, e.message), false)
            case .locked: return (make(HTTPResponse.Status(code: 423, reasonPhrase: "Locked"), e.code, e.message), false)
            case .irreversibleMigration: break
            }
        case let e as WebError:
            // A page's error reaches here when the client asked for a problem document (a bearer
            // token, JSON only), e.g. `TRACE /readyz` with a token: the pages' middleware turns
            // away methods other than GET, HEAD and POST before any route runs.
            switch e {
            case .notFound: return (make(.notFound, "not_found", "请求的资源不存在"), false)
            case .login: return (make(.unauthorized, "unauthenticated", "请先登录"), false)
            case .csrf: return (make(.forbidden, APIError.csrf.code, APIError.csrf.detail), false)
            case .forbidden(let detail): return (make(.forbidden, "forbidden", detail), false)
            case .badRequest(let detail): return (make(.badRequest, "bad_request", detail), false)
            }
        case is PasswordCheckBusy:
            return (make(.serviceUnavailable, "busy", "登录请求过多，系统繁忙，请稍后再试"), false)
        case is NIOTooManyBytesError:
            return (make(.contentTooLarge, "payload_too_large", "请求体过大"), false)
        case is FieldCipher.KeyError, is DatabaseError, is KeySettings.KeyFileError:
            break
        case let e as any UserFacingError:
            return (make(.unprocessableContent, "validation_failed", e.message), false)
        case let e as HTTPError:
            switch e.status.code {
            case 404: return (make(.notFound, "not_found", "请求的资源不存在"), false)
            case 405: return (make(.notFound, "not_found", "请求的资源不存在"), false)
            case 413: return (make(.contentTooLarge, "payload_too_large", "请求体过大"), false)
            case 400..<500: return (make(e.status, "bad_request", e.body ?? "请求无效"), false)
            default: break
            }
        default:
            break
        }
        return (make(.internalServerError, "internal_error", "服务器内部错误，请稍后重试；如问题持续，请向管理员提供请求编号 \(requestID)"), true)
    }

    static func response(_ problem: Problem) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(problem)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = problemContentType
        return Response(status: HTTPResponse.Status(code: problem.status),
                        headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Echoes the request's id as `X-Request-Id`, and turns every error into a problem document, so
/// no route can leak an internal error or answer HTML.
///
/// The id is Hummingbird's (`context.id`, the `hb.request.id` of every log line of the request):
/// the header, the problem document, the error page and the request's log line show the same one.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let requestID = context.id
        context.requestID = requestID
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let (problem, isInternal) = ProblemMapper.problem(for: error, requestID: requestID)
            if isInternal {
                // The route pattern, not the path: a path is whatever the client sent, names and ID numbers included.
                context.logger.error("unhandled error", metadata: ["error": .string(String(reflecting: error)),
                                                                  "route": .string(RequestLog.route(context.endpointPath))])
            }
            response = ProblemMapper.response(problem)
            if let retry = (error as? APIError)?.retryAfter { response.headers[.retryAfter] = String(retry) }
            if error is PasswordCheckBusy { response.headers[.retryAfter] = "1" }
        }
        response.headers[HTTPField.Name("X-Request-Id")!] = requestID
        // Every answer may carry personal data: never sniffed as another type, never cached.
        response.headers[.xContentTypeOptions] = "nosniff"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

