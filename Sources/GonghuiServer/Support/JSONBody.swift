import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// Any JSON value. Bodies are read into this first and then field by field, so a wrong type in
/// one field is reported by name together with every other problem instead of failing the
/// whole decode.
enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let i = try? c.decode(Int64.self) { self = .int(i); return }
        if let d = try? c.decode(Double.self) { self = .double(d); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSONValue].self) { self = .array(a); return }
        if let o = try? c.decode([String: JSONValue].self) { self = .object(o); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "unsupported JSON value")
    }

    var text: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): s
        case .array: "[…]"
        case .object: "{…}"
        }
    }
}

/// Reads the fields of one JSON object, collecting every problem (field, value, reason) so the
/// client gets them all in one 422.
struct BodyReader {
    let fields: [String: JSONValue]
    var problems: [FieldProblem] = []
    let prefix: String

    init(_ fields: [String: JSONValue], prefix: String = "") {
        self.fields = fields
        self.prefix = prefix
    }

    /// Reads the request body as a JSON object. An empty body counts as `{}`. A body must say
    /// it is JSON (`application/json` or `…+json`: 415 otherwise), stay under `limit` bytes (413)
    /// and name each key once (400).
    static func read(_ request: Request, context: some RequestContext, limit: Int = AppRequestContext.maxJSONBody) async throws -> BodyReader {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        if buffer.readableBytes == 0 { return BodyReader([:]) }
        let bytes = buffer.readableBytesView
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return BodyReader([:]) }
        guard isJSON(request.headers[.contentType]) else { throw APIError.unsupportedMediaType }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            if let key = error.duplicateKey { throw APIError.invalidJSON("请求体中的字段 \(key) 出现了不止一次", field: key) }
            throw APIError.invalidJSON()
        }
        guard case .object(let o) = value else { throw APIError.invalidJSON("请求体应为 JSON 对象") }
        return BodyReader(o)
    }

    /// `application/json` or a `+json` type, with any parameters.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    static func dateReason(_ error: CivilDateError) -> String {
        if case .malformed = error { return "日期格式应为 YYYY-MM-DD（如 2026-01-05）" }
        return error.message
    }

    func name(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    func has(_ key: String) -> Bool { fields[key] != nil }

    /// Present and explicitly null.
    func isNull(_ key: String) -> Bool { fields[key] == .null }

    mutating func problem(_ key: String, _ value: String, _ reason: String) {
        problems.append(FieldProblem(field: name(key), value: String(value.prefix(200)), reason: reason))
    }

    mutating func missing(_ key: String) { problem(key, "", "必填") }

    /// A string; nil when absent or null (reported when `required`). Control characters other
    /// than tab and newline are refused: they have no place in a register and some databases reject NUL.
    mutating func string(_ key: String, required: Bool = false, maxLength: Int = 500) -> String? {
        guard let v = fields[key], v != .null else {
            if required { missing(key) }
            return nil
        }
        guard case .string(let s) = v else { problem(key, v.text, "应为字符串"); return nil }
        if s.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }) {
            problem(key, s, "含有不允许的控制字符"); return nil
        }
        // Counted as the API document's maxLength counts (code points), not as letters with
        // their combining marks: the document and the server must agree on what fits.
        if s.unicodeScalars.count > maxLength { problem(key, String(s.prefix(50)) + "…", "长度不能超过 \(maxLength) 个字符"); return nil }
        if required && s.trimmingCharacters(in: .whitespaces).isEmpty { problem(key, s, "不能为空"); return nil }
        return s
    }

    /// A string where an empty one means "none".
    mutating func optionalText(_ key: String, maxLength: Int = 200) -> String? {
        guard let s = string(key, maxLength: maxLength) else { return nil }
        let t = s.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }

    mutating func int(_ key: String, required: Bool = false, min: Int = Int.min, max: Int = Int.max) -> Int? {
        guard let v = fields[key], v != .null else {
            if required { missing(key) }
            return nil
        }
        let n: Int
        switch v {
        case .int(let i) where i >= Int64(Int.min) && i <= Int64(Int.max): n = Int(i)
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: n = Int(d)
        default: problem(key, v.text, "应为整数"); return nil
        }
        if n < min || n > max { problem(key, String(n), "应在 \(min) 到 \(max) 之间"); return nil }
        return n
    }

    mutating func int64(_ key: String, required: Bool = false) -> Int64? {
        guard let v = fields[key], v != .null else {
            if required { missing(key) }
            return nil
        }
        guard case .int(let i) = v else { problem(key, v.text, "应为整数"); return nil }
        return i
    }

    mutating func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let v = fields[key], v != .null else {
            if required { missing(key) }
            return nil
        }
        guard case .bool(let b) = v else { problem(key, v.text, "应为 true 或 false"); return nil }
        return b
    }

    mutating func object(_ key: String) -> BodyReader? {
        guard let v = fields[key], v != .null else { return nil }
        guard case .object(let o) = v else { problem(key, v.text, "应为对象"); return nil }
        return BodyReader(o, prefix: name(key))
    }

    /// An array of objects, each read with its index in the field names (`family[2].name`, from 1).
    mutating func objects(_ key: String, maxCount: Int) -> [BodyReader]? {
        guard let v = fields[key], v != .null else { return nil }
        guard case .array(let items) = v else { problem(key, v.text, "应为数组"); return nil }
        if items.count > maxCount { problem(key, String(items.count), "最多 \(maxCount) 项"); return nil }
        var out: [BodyReader] = []
        for (i, item) in items.enumerated() {
            guard case .object(let o) = item else { problem("\(key)[\(i + 1)]", item.text, "应为对象"); return nil }
            out.append(BodyReader(o, prefix: "\(name(key))[\(i + 1)]"))
        }
        return out
    }

    /// An array of integers.
    mutating func ints(_ key: String, maxCount: Int, min: Int, max: Int) -> [Int]? {
        guard let v = fields[key], v != .null else { return nil }
        guard case .array(let items) = v, items.count <= maxCount else { problem(key, v.text, "应为最多 \(maxCount) 个整数的数组"); return nil }
        var out: [Int] = []
        for item in items {
            guard case .int(let n) = item, n >= Int64(min), n <= Int64(max) else { problem(key, item.text, "应为 \(min) 到 \(max) 之间的整数"); return nil }
            out.append(Int(n))
        }
        return out
    }

    /// An array of strings, each at most `maxLength` characters.
    mutating func strings(_ key: String, maxCount: Int, maxLength: Int) -> [String]? {
        guard let v = fields[key], v != .null else { return nil }
        guard case .array(let items) = v, items.count <= maxCount else { problem(key, v.text, "应为最多 \(maxCount) 项的数组"); return nil }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item, s.count <= maxLength else { problem(key, item.text, "应为不超过 \(maxLength) 字的文字"); return nil }
            out.append(s)
        }
        return out
    }

    mutating func merge(_ other: BodyReader) { problems += other.problems }

    /// A civil date "YYYY-MM-DD".
    /// A date as the API exchanges them: exactly `YYYY-MM-DD`.
    mutating func date(_ key: String, required: Bool = false) -> CivilDate? {
        guard let s = string(key, required: required, maxLength: 40) else { return nil }
        do { return try CivilDate(iso: s) } catch { problem(key, s, Self.dateReason(error)); return nil }
    }

    /// Parses a required or optional field with a domain parser that reports its own message.
    mutating func parse<T>(_ key: String, required: Bool = false, maxLength: Int = 100, _ parser: (String) throws -> T) -> T? {
        guard let s = string(key, required: required, maxLength: maxLength) else { return nil }
        do {
            return try parser(s)
        } catch let e as any UserFacingError {
            problem(key, s, e.message)
        } catch {
            problem(key, s, "格式不正确")
        }
        return nil
    }

    /// An enum value given by its API name (or a Chinese label the parser accepts).
    mutating func choice<T>(_ key: String, required: Bool = false, allowed: [String], _ parser: (String) -> T?) -> T? {
        guard let s = string(key, required: required, maxLength: 40) else { return nil }
        guard let v = parser(s) else { problem(key, s, "应为以下之一：\(allowed.joined(separator: "、"))"); return nil }
        return v
    }

    /// Throws one 422 with every problem found so far.
    func check() throws {
        if !problems.isEmpty { throw APIError.validation(problems) }
    }
}

/// Query parameters, validated the same way as body fields.
struct QueryReader {
    let request: Request
    var problems: [FieldProblem] = []

    init(_ request: Request) { self.request = request }

    func raw(_ key: String) -> String? {
        request.uri.queryParameters.get(key).map { $0.removingPercentEncoding ?? $0 }
    }

    mutating func string(_ key: String, maxLength: Int = 200) -> String? {
        guard let s = raw(key) else { return nil }
        if s.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            problems.append(FieldProblem(field: key, value: "", reason: "含有不允许的控制字符")); return nil
        }
        if s.unicodeScalars.count > maxLength {
            problems.append(FieldProblem(field: key, value: String(s.prefix(50)), reason: "长度不能超过 \(maxLength) 个字符")); return nil
        }
        let t = s.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }

    mutating func int(_ key: String, default d: Int, min: Int, max: Int) -> Int {
        guard let s = raw(key), !s.isEmpty else { return d }
        guard let n = Int(s.trimmingCharacters(in: .whitespaces)) else {
            problems.append(FieldProblem(field: key, value: String(s.prefix(50)), reason: "应为整数")); return d
        }
        if n < min || n > max {
            problems.append(FieldProblem(field: key, value: s, reason: "应在 \(min) 到 \(max) 之间")); return d
        }
        return n
    }

    mutating func date(_ key: String) -> CivilDate? {
        guard let s = string(key, maxLength: 40) else { return nil }
        do { return try CivilDate(iso: s) } catch {
            problems.append(FieldProblem(field: key, value: s, reason: BodyReader.dateReason(error))); return nil
        }
    }

    mutating func choice<T>(_ key: String, allowed: [String], _ parser: (String) -> T?) -> T? {
        guard let s = string(key, maxLength: 40) else { return nil }
        guard let v = parser(s) else {
            problems.append(FieldProblem(field: key, value: s, reason: "应为以下之一：\(allowed.joined(separator: "、"))")); return nil
        }
        return v
    }

    func check() throws {
        if !problems.isEmpty { throw APIError.validation(problems) }
    }
}

/// JSON responses: camelCase keys, dates as "YYYY-MM-DD" (``CivilDate``'s own encoding).
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        // The document's `date-time` (a token's expiry), as OpenAPI's runtime writes it.
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    /// 201 Created, with the new resource's address in `Location`.
    static func created<T: Encodable>(_ value: T, at location: String) throws -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return try make(value, status: .created, headers: headers)
    }

    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) throws -> Response {
        let body = try StreamingJSON.encode(value).map { ByteBuffer(bytes: $0) } ?? ByteBuffer(bytes: encoder.encode(value))
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    static func noContent(headers: HTTPFields = [:]) -> Response {
        Response(status: .noContent, headers: headers)
    }
}

extension RequestContext {
    /// A path parameter, percent-decoded.
    func path(_ name: String) throws -> String {
        guard let raw = parameters.get(name) else { throw APIError.notFound() }
        let s = raw.removingPercentEncoding ?? raw
        if s.isEmpty || s.count > 200 || s.unicodeScalars.contains(where: { $0.value < 0x20 }) { throw APIError.notFound() }
        return s
    }

    /// A numeric id in the path; anything else is simply not found.
    func pathID(_ name: String) throws -> Int64 {
        guard let s = parameters.get(name), let id = Int64(s), id > 0 else { throw APIError.notFound() }
        return id
    }
}

extension StoreError {
    /// A store's refusal of a file's rows ("第 3 行 …") as the API names them, by their index in
    /// the request's `rows` (`rows[3]`).
    static func apiRows(_ problems: [FieldProblem]) -> StoreError {
        .invalid(problems.map { p in
            var q = p
            if let m = p.field.firstMatch(of: /^第 (\d+) 行/) { q.field = "rows[\(m.1)]" }
            return q
        })
    }
}

extension BodyReader {
    /// The largest amount in fen an API row may carry (10 亿元): beyond it sums could overflow.
    static let maxFen: Int64 = 100_000_000_000

    /// An amount in fen between 0 and `maxFen`, else a problem on `key`.
    mutating func checkFen(_ key: String, _ value: Int64?) {
        if let value, !(0...Self.maxFen).contains(value) { problem(key, String(value), "应在 0 至 10 亿元之间") }
    }
}
