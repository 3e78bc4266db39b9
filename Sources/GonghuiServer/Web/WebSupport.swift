import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird
import NIOCore

/// Errors raised by web pages, rendered as friendly pages by ``WebMiddleware``.
enum WebError: Error {
    /// Not signed in: go to the login page (of the console or of the portal).
    case login(portal: Bool)
    /// A form without the right CSRF token.
    case csrf
    case notFound
    case forbidden(String)
    case badRequest(String)
}

/// A submitted form: `application/x-www-form-urlencoded` or `multipart/form-data` (uploads).
struct WebForm: Sendable {
    struct File: Sendable {
        var fileName: String
        var data: Data
    }
    var fields: [String: String] = [:]
    var files: [String: File] = [:]

    /// The value as typed, trimmed of surrounding spaces; "" when absent.
    subscript(_ key: String) -> String { (fields[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
    func raw(_ key: String) -> String { fields[key] ?? "" }
    func has(_ key: String) -> Bool { fields[key] != nil }

    /// Uploads are limited to this size (a roster of 100,000 members as CSV is about 12 MB).
    static let maxBody = 32 << 20
    /// Every other form (sign-in, edits, decisions) is small text.
    static let maxFormBody = 256 << 10

    /// The forms that carry a file: a roster to import, a paper of an archive, a bank's results.
    static func acceptsUpload(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        if parts == ["import", "check"] { return true }
        if parts == ["my", "disputes", "new"] { return true }
        if parts.count == 4 && parts[0] == "my" && parts[1] == "disputes" && parts[3] == "papers" { return true }
        return parts.count == 3 && ((parts[0] == "hardship" && parts[2] == "attachments") || (parts[0] == "batches" && parts[2] == "results")
                                    || (parts[0] == "disputes" && parts[2] == "papers"))
    }

    /// The largest body a form posted to `path` may have.
    static func limit(for path: String) -> Int { acceptsUpload(path) ? maxBody : maxFormBody }

    static func read(_ request: Request) async throws -> WebForm {
        var request = request
        let buffer = try await request.collectBody(upTo: limit(for: request.uri.path))
        let contentType = request.headers[.contentType] ?? ""
        let bytes = Data(buffer.readableBytesView)
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = parameter("boundary", of: contentType) else { throw WebError.badRequest(UI.uploadMalformed) }
            return try multipart(bytes, boundary: boundary)
        }
        return urlEncoded(String(decoding: bytes, as: UTF8.self))
    }

    static func urlEncoded(_ text: String) -> WebForm {
        var form = WebForm()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let key = decode(kv[0])
            let value = kv.count > 1 ? decode(kv[1]) : ""
            // Checkboxes send several values for one name; keep them comma-separated.
            if let old = form.fields[key], !old.isEmpty { form.fields[key] = old + "," + value } else { form.fields[key] = value }
        }
        return form
    }

    static func parameter(_ name: String, of header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var v = kv[1].trimmingCharacters(in: .whitespaces)
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            return v
        }
        return nil
    }

    /// RFC 7578 multipart/form-data.
    static func multipart(_ body: Data, boundary: String) throws -> WebForm {
        var form = WebForm()
        let delimiter = Data("--\(boundary)".utf8)
        let crlf2 = Data("\r\n\r\n".utf8)
        guard var cursor = body.range(of: delimiter)?.upperBound else { throw WebError.badRequest(UI.uploadMalformed) }
        while true {
            // After a delimiter: "--" ends the body, otherwise CRLF and a part.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else { throw WebError.badRequest(UI.uploadMalformed) }
            let partStart = cursor + 2
            guard let headerEnd = body.range(of: crlf2, in: partStart..<body.endIndex) else { throw WebError.badRequest(UI.uploadMalformed) }
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<body.endIndex) else {
                throw WebError.badRequest(UI.uploadIncomplete)
            }
            let headers = String(decoding: body[partStart..<headerEnd.lowerBound], as: UTF8.self)
            let content = body[headerEnd.upperBound..<next.lowerBound]
            var name: String?, fileName: String?
            for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                let value = String(line)
                name = parameter("name", of: value)
                fileName = parameter("filename", of: value)
            }
            if let name {
                if let fileName {
                    if !fileName.isEmpty || !content.isEmpty { form.files[name] = File(fileName: fileName, data: Data(content)) }
                } else {
                    form.fields[name] = String(decoding: content, as: UTF8.self)
                }
            }
            cursor = next.upperBound
        }
        return form
    }
}

/// Response helpers for pages.
enum Web {
    static func page(_ html: HTML, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html.raw)))
    }

    /// After a successful POST: see other (the browser GETs the target).
    static func redirect(_ location: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    static func download(_ data: Data, fileName: String, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentDisposition] = contentDisposition(fileName)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `attachment` with a plain fallback name (letters, digits, `.-_` only; else "download"
    /// with the name's extension) and the real name percent-encoded (RFC 6266/5987), so no
    /// quote or line break in an uploaded file's name reaches the header.
    static func contentDisposition(_ fileName: String) -> String {
        let plain = fileName.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-_".unicodeScalars.contains($0)) }
        let ext = fileName.split(separator: ".").count > 1 ? fileName.split(separator: ".").last.map(String.init) ?? "" : ""
        let safeExt = ext.unicodeScalars.allSatisfy { $0.isASCII && CharacterSet.alphanumerics.contains($0) } && !ext.isEmpty ? "." + ext : ""
        let fallback = plain && !fileName.isEmpty ? fileName : "download" + safeExt
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(URLText.component(fileName))"
    }

    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// The cookie that carries the CSRF token of forms shown before signing in (double submit).
    static let preCookie = "gonghui_form"
    static let workerCookie = "gonghui_worker"

    static func cookie(_ name: String, _ value: String, maxAge: Int, secure: Bool, path: String = "/", sameSite: String = "Lax") -> String {
        var parts = ["\(name)=\(value)", "Path=\(path)", "Max-Age=\(maxAge)", "HttpOnly", "SameSite=\(sameSite)"]
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }

    static func isAPI(_ path: String) -> Bool { path.hasPrefix("/api/") || path == "/api" || path == "/healthz" }
}

/// Runs in front of every page (not the JSON API): resolves the officer's session (and under
/// `/my/` the worker's), checks the CSRF token of every POSTed form, adds the security headers,
/// and turns errors into friendly Chinese pages with the request id (no internal detail).
struct WebMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: Store
    let cache: TokenCache
    let secureCookies: Bool

    /// Forms shown to people who are not signed in; they carry the pre-login token.
    static let anonymousForms: Set<String> = ["/login", "/my/login", "/my/activate", "/my/disputes/guest", "/my/disputes/track"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        let path = request.uri.path
        if Web.isAPI(path) { return try await next(request, context) }
        var context = context
        var response: Response
        do {
            if let cookie = request.cookies[Session.cookieName]?.value, !cookie.isEmpty, cookie.count <= 512 {
                if let hit = await cache.get(cookie) {
                    context.actor = hit.actor; context.csrf = hit.csrf
                } else if let found = try await store.users.authenticate(token: cookie) {
                    await cache.put(cookie, actor: found.0, csrf: found.csrf)
                    context.actor = found.0; context.csrf = found.csrf
                }
                if context.actor != nil { context.credential = .cookie(cookie) }
            }
            // The worker's session, looked up once here for every portal page: the pages that
            // need it take a `WorkerPageContext`, which cannot be made without it.
            if path.hasPrefix("/my/"), let token = request.cookies[Web.workerCookie]?.value, !token.isEmpty,
               let session = try await store.portal.authenticate(token: token) {
                context.worker = SignedInWorker(session: session, token: token)
            }
            if request.method == .post {
                // Who must be signed in is settled before a body of up to 32 MB is read.
                let expected = try expectedTokens(request, context: context, path: path)
                // Collected once here, so that the page can read the form again; a form larger
                // than its path allows is a 413 page.
                _ = try await request.collectBody(upTo: WebForm.limit(for: path))
                try await checkCSRF(request, expected: expected)
            } else if request.method != .get && request.method != .head {
                throw WebError.notFound
            }
            response = try await next(request, context)
        } catch {
            // A program (bearer token, or asking for JSON only) gets the API's problem document.
            if Self.wantsProblem(request) { throw error }
            response = errorPage(error, request: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = Web.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    static func wantsProblem(_ request: Request) -> Bool {
        if request.headers[.authorization] != nil { return true }
        let accept = request.headers[.accept] ?? ""
        return accept.contains("json") && !accept.contains("text/html")
    }

    /// The tokens a form posted to this path may carry: the pre-login token for the login and
    /// activation forms, otherwise the token of the officer's or the worker's session.
    func expectedTokens(_ request: Request, context: Context, path: String) throws -> [String] {
        if Self.anonymousForms.contains(path) {
            if let pre = request.cookies[Web.preCookie]?.value, !pre.isEmpty { return [pre] }
            return []
        }
        if path.hasPrefix("/my/") {
            guard let worker = context.worker else { throw WebError.login(portal: true) }
            return [worker.session.csrf]
        }
        guard let csrf = context.csrf, context.actor != nil else { throw WebError.login(portal: false) }
        return [csrf]
    }

    func checkCSRF(_ request: Request, expected: [String]) async throws {
        let sent = try await WebForm.read(request).raw("_csrf")
        guard !sent.isEmpty, expected.contains(where: { AuthMiddleware.constantTimeEqual($0, sent) }) else { throw WebError.csrf }
    }

    func errorPage(_ error: any Error, request: Request, context: Context) -> Response {
        let id = context.requestID
        let portal = request.uri.path.hasPrefix("/my")
        func page(_ status: HTTPResponse.Status, _ title: String, _ message: String) -> Response {
            Web.page(Layout.errorPage(status: status.code, title: title, message: message, requestID: id, portal: portal,
                                      actor: portal ? nil : context.actor, csrf: context.csrf), status: status)
        }
        func tooLarge() -> Response {
            WebForm.acceptsUpload(request.uri.path)
                ? page(.contentTooLarge, UI.error400Title, UI.uploadTooLarge(megabytes: WebForm.maxBody >> 20))
                : page(.contentTooLarge, UI.error400Title, UI.formTooLarge)
        }
        switch error {
        case WebError.login(let toPortal):
            if request.method == .get && !toPortal {
                let path = request.uri.path
                return Web.redirect(path == "/" ? "/login" : URLText.with("/login", [("next", path)]))
            }
            return Web.redirect(toPortal ? "/my/login" : "/login")
        case WebError.csrf:
            return page(.forbidden, UI.errorCSRFTitle, UI.errorCSRF)
        case WebError.notFound:
            return page(.notFound, UI.error404Title, UI.error404)
        case WebError.forbidden(let why):
            return page(.forbidden, UI.error403Title, why)
        case WebError.badRequest(let why):
            return page(.badRequest, UI.error400Title, why)
        case let e as StoreError:
            switch e {
            case .notFound: return page(.notFound, UI.error404Title, e.message)
            case .forbidden: return page(.forbidden, UI.error403Title, e.message)
            case .invalid, .conflict, .staleVersion: return page(.conflict, UI.errorConflictTitle, e.message)
            case .unauthenticated: return Web.redirect(portal ? "/my/login" : "/login")
            case .locked: return page(.forbidden, UI.error403Title, e.message)
            case .irreversibleMigration: break
            }
        case is NIOTooManyBytesError:
            return tooLarge()
        case let e as HTTPError:
            if e.status == .notFound || e.status == .methodNotAllowed { return page(.notFound, UI.error404Title, UI.error404) }
            if e.status == .contentTooLarge { return tooLarge() }
            if (400..<500).contains(e.status.code) { return page(e.status, UI.error400Title, UI.error400) }
        default:
            break
        }
        context.logger.error("page failed", metadata: ["error": .string(String(reflecting: error)), "path": .string(request.uri.path)])
        return page(.internalServerError, UI.error500Title, UI.error500)
    }
}

extension HTTPField.Name {
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
}

/// Reading the query string of a page.
struct PageQuery {
    let request: Request
    init(_ request: Request) { self.request = request }
    func string(_ key: String, maxLength: Int = 100) -> String {
        let v = (request.uri.queryParameters.get(key) ?? "").trimmingCharacters(in: .whitespaces)
        return String(v.prefix(maxLength))
    }
    func int(_ key: String, default d: Int, range: ClosedRange<Int>) -> Int {
        guard let v = Int(string(key, maxLength: 12)) else { return d }
        return min(max(v, range.lowerBound), range.upperBound)
    }
}

extension RequestContext {
    func pathInt(_ name: String) throws -> Int64 {
        guard let s = parameters.get(name), let v = Int64(s), v > 0 else { throw WebError.notFound }
        return v
    }

    func pathCode(_ name: String) throws -> String {
        guard let s = parameters.get(name), !s.isEmpty, s.count <= 64 else { throw WebError.notFound }
        return s.removingPercentEncoding ?? s
    }
}

/// Problems with the fields of a form, shown beside each field.
struct FieldErrors: Sendable {
    var byField: [String: String] = [:]
    var general: [String] = []
    var isEmpty: Bool { byField.isEmpty && general.isEmpty }
    subscript(_ field: String) -> String? { byField[field] }
    mutating func add(_ field: String, _ reason: String) {
        if let old = byField[field] { byField[field] = old + UI.reasonSeparator + reason } else { byField[field] = reason }
    }

    /// Files a store error under the fields it names (field names as the store spells them),
    /// or as a message for the whole form.
    mutating func add(_ error: StoreError, fields known: Set<String>) {
        switch error {
        case .invalid(let problems):
            for p in problems {
                if known.contains(p.field) { add(p.field, p.reason) } else { general.append(p.reason) }
            }
        case .conflict(_, let message, let field):
            if let field, known.contains(field) { add(field, message) } else { general.append(message) }
        default:
            general.append(error.message)
        }
    }
}

extension FieldErrors {
    /// Parses a date field, filing its problem under the field.
    mutating func date(_ field: String, _ text: String, required: Bool = true) -> CivilDate? {
        if text.isEmpty {
            if required { add(field, UI.dateMissing) }
            return nil
        }
        do { return try CivilDate(parsing: text) } catch { add(field, error.message); return nil }
    }
}

extension FieldErrors {
    /// Parses a field with a domain parser, filing its message (or `missing` when empty).
    mutating func parse<T>(_ field: String, _ text: String, missing: String, _ make: (String) throws -> T) -> T? {
        if text.isEmpty { add(field, missing); return nil }
        do { return try make(text) } catch {
            add(field, (error as? any UserFacingError)?.message ?? UI.malformed)
            return nil
        }
    }

    /// An amount in yuan as people type it; empty is the `missing` error, or simply nil when
    /// the amount is optional (`missing` nil).
    mutating func money(_ field: String, _ text: String, missing: String?) -> Money? {
        if text.isEmpty && missing == nil { return nil }
        return parse(field, text, missing: missing ?? "") { try Money(parsingYuan: $0) }
    }
}

/// Values computed recently, kept for a minute: dashboards, statistics pages and the child lists
/// of provinces and cities change slowly and take the most work (the pages say when their figures
/// were computed).
actor TimedCache<Value: Sendable> {
    private var entries: [String: (Value, Int64)] = [:]
    let lifetime: Int64 = 60_000
    let capacity: Int

    init(capacity: Int = 1000) { self.capacity = capacity }

    func get(_ key: String) -> (Value, Int64)? {
        guard let e = entries[key], Clock.nowMillis() - e.1 < lifetime else { return nil }
        return e
    }

    func put(_ key: String, _ value: Value) -> Int64 {
        if entries.count > capacity { entries.removeAll() }
        let now = Clock.nowMillis()
        entries[key] = (value, now)
        return now
    }

    /// The cached value, or a new one from `make`.
    func value(_ key: String, make: @Sendable () async throws -> Value) async throws -> (Value, Int64) {
        if let hit = get(key) { return hit }
        let v = try await make()
        return (v, put(key, v))
    }

    func clear() { entries.removeAll() }
}

/// A problem with a workflow step or an upload, shown beside the form of that step.
struct ActionProblem {
    var action: String
    var field: String?
    var message: String
}

extension Optional where Wrapped == ActionProblem {
    /// The message of the problem when it belongs beside `field` of the form of `action`.
    func message(_ action: String, field: String?) -> String? {
        guard let p = self, p.action == action, p.field == field else { return nil }
        return p.message
    }
}

extension Store {
    /// The actor keeps the province's own tables (programs, the 低保 lines, the dispute clocks'
    /// numbers): the system administrator, or an officer of the province who edits the registry.
    /// Pages offer the forms by it; the store decides again on every write.
    func isProvinceEditor(_ actor: Actor) async -> Bool {
        guard actor.role.mayEditRegistry else { return false }
        if actor.isSystem || actor.role == .systemAdmin { return true }
        guard let code = actor.orgCode, let org = try? await orgs.org(code: code, actor: actor) else { return false }
        return org.kind == .province
    }
}
