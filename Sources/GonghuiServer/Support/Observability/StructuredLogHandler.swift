#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import Synchronization

/// How log lines are written: `logfmt` (`key=value …`, for people and grep) or `json` (one
/// JSON object a line, for a log shipper). Chosen by the setting `log.format`.
public enum LogFormat: String, Sendable, CaseIterable {
    case logfmt, json
}

/// Where finished lines go. Each line reaches `write` whole, newline included, in one call.
public struct LogOutput: Sendable {
    let write: @Sendable ([UInt8]) -> Void

    public init(_ write: @escaping @Sendable ([UInt8]) -> Void) { self.write = write }

    /// Standard error, one `write(2)` a line (lines of concurrent requests never interleave),
    /// unbuffered, so a line is in the file the moment it is logged.
    public static let standardError = LogOutput { bytes in
        errorLock.withLock { _ in
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = systemWrite(2, raw.baseAddress! + offset, raw.count - offset)
                    if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
                }
            }
        }
    }
    private static let errorLock = Mutex<Void>(())
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// A swift-log handler writing one structured line per event: the time (UTC, milliseconds),
/// the level, the logger's label, the message and the metadata, keys sorted.
///
/// It writes what it is given: keeping identifiers, names and query strings out of the
/// metadata is the callers' part (``RequestLogMiddleware`` logs the route pattern only).
public struct StructuredLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let format: LogFormat
    let output: LogOutput

    public init(label: String, format: LogFormat, level: Logger.Level = .info, output: LogOutput = .standardError,
                metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label; self.format = format; self.logLevel = level; self.output = output
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let given = event.metadata { all.merge(given) { _, new in new } }
        if let error = event.error { all["error.type"] = .string(String(describing: type(of: error))) }
        output.write(LogLine.render(format: format, time: LogLine.now(), level: event.level, label: label,
                                    message: event.message.description, metadata: all))
    }
}

/// A metadata value that is written as a JSON number (and bare in logfmt).
public protocol LogNumber: CustomStringConvertible, Sendable {}
extension Int: LogNumber {}
extension Int64: LogNumber {}
extension UInt64: LogNumber {}

/// Milliseconds with three decimals (`12.345`), from nanoseconds, without Foundation's formatter.
public struct Milliseconds: LogNumber {
    public let nanoseconds: UInt64
    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }
    public var description: String {
        let micros = nanoseconds / 1000
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

/// Rendering of one line, apart from the handler so that tests can check it byte by byte.
enum LogLine {
    /// Seconds and milliseconds since 1970, UTC.
    static func now() -> (seconds: Int, milliseconds: Int) {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return (Int(ts.tv_sec), Int(ts.tv_nsec) / 1_000_000)
    }

    /// The line's own fields; metadata of the same name is left out rather than written twice.
    static let reserved: Set<String> = ["ts", "level", "logger", "msg"]

    static func render(format: LogFormat, time: (seconds: Int, milliseconds: Int), level: Logger.Level, label: String,
                       message: String, metadata: Logger.Metadata) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        let keys = metadata.keys.sorted()
        switch format {
        case .logfmt:
            out.append(contentsOf: "ts=".utf8); appendTimestamp(time, to: &out)
            out.append(contentsOf: " level=".utf8); out.append(contentsOf: level.rawValue.utf8)
            out.append(contentsOf: " logger=".utf8); appendLogfmtValue(label, to: &out)
            out.append(contentsOf: " msg=".utf8); appendLogfmtValue(message, to: &out)
            for key in keys where !reserved.contains(key) {
                out.append(UInt8(ascii: " ")); appendLogfmtKey(key, to: &out); out.append(UInt8(ascii: "="))
                appendLogfmt(metadata[key]!, to: &out)
            }
        case .json:
            out.append(contentsOf: #"{"ts":""#.utf8); appendTimestamp(time, to: &out)
            out.append(contentsOf: #"","level":""#.utf8); out.append(contentsOf: level.rawValue.utf8)
            out.append(contentsOf: #"","logger":"#.utf8); appendJSONString(label, to: &out)
            out.append(contentsOf: #","msg":"#.utf8); appendJSONString(message, to: &out)
            for key in keys where !reserved.contains(key) {
                out.append(UInt8(ascii: ",")); appendJSONString(key, to: &out); out.append(UInt8(ascii: ":"))
                appendJSON(metadata[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// `2026-11-21T08:30:00.123Z`.
    static func appendTimestamp(_ time: (seconds: Int, milliseconds: Int), to out: inout [UInt8]) {
        var t = time_t(time.seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func digits(_ n: Int, _ width: Int) {
            var d = [UInt8](repeating: UInt8(ascii: "0"), count: width)
            var n = n
            for i in stride(from: width - 1, through: 0, by: -1) { d[i] = UInt8(ascii: "0") + UInt8(n % 10); n /= 10 }
            out.append(contentsOf: d)
        }
        digits(Int(parts.tm_year) + 1900, 4); out.append(UInt8(ascii: "-")); digits(Int(parts.tm_mon) + 1, 2)
        out.append(UInt8(ascii: "-")); digits(Int(parts.tm_mday), 2); out.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2); out.append(UInt8(ascii: ":")); digits(Int(parts.tm_min), 2)
        out.append(UInt8(ascii: ":")); digits(Int(parts.tm_sec), 2); out.append(UInt8(ascii: "."))
        digits(time.milliseconds, 3); out.append(UInt8(ascii: "Z"))
    }

    // MARK: logfmt

    static func appendLogfmt(_ value: Logger.Metadata.Value, to out: inout [UInt8]) {
        switch value {
        case .string(let s): appendLogfmtValue(s, to: &out)
        case .stringConvertible(let c): appendLogfmtValue(c.description, to: &out)
        case .array, .dictionary: appendLogfmtValue(compactJSON(value), to: &out)
        }
    }

    /// A key is written as it is, but for what would end it (space, `=`, quote, control).
    static func appendLogfmtKey(_ key: String, to out: inout [UInt8]) {
        for byte in key.utf8 {
            out.append(byte <= 0x20 || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\"") || byte == 0x7F ? UInt8(ascii: "_") : byte)
        }
    }

    /// Bare when it can be (`status=200`), quoted with escapes otherwise (`msg="a b"`); an empty
    /// value is `""`. Characters outside ASCII stay as they are (UTF-8).
    static func appendLogfmtValue(_ value: String, to out: inout [UInt8]) {
        let needsQuotes = value.isEmpty || value.utf8.contains { byte in
            byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
        }
        guard needsQuotes else { out.append(contentsOf: value.utf8); return }
        out.append(UInt8(ascii: "\""))
        appendEscaped(value, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    // MARK: JSON

    static func appendJSON(_ value: Logger.Metadata.Value, to out: inout [UInt8]) {
        switch value {
        case .string(let s): appendJSONString(s, to: &out)
        case .stringConvertible(let c):
            if c is any LogNumber { out.append(contentsOf: c.description.utf8) } else { appendJSONString(c.description, to: &out) }
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendJSON(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .dictionary(let d):
            out.append(UInt8(ascii: "{"))
            for (i, key) in d.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendJSONString(key, to: &out); out.append(UInt8(ascii: ":")); appendJSON(d[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func compactJSON(_ value: Logger.Metadata.Value) -> String {
        var out: [UInt8] = []
        appendJSON(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendJSONString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendEscaped(s, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// The escapes JSON and logfmt share: `\"`, `\\`, `\n`, `\r`, `\t`, and `\u00XX` for the
    /// other control characters, so that a value can never begin a line of its own.
    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20, 0x7F:
                out.append(contentsOf: #"\u00"#.utf8); out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
    }
}

/// The process's logging, set once: `gonghui serve` and the other commands call it as soon as
/// the configuration is read; later calls change nothing (swift-log allows one bootstrap).
public enum LogSetup {
    private static let done = Mutex(false)

    /// Returns false when logging had been set up already.
    @discardableResult
    public static func bootstrap(format: LogFormat, level: Logger.Level, output: LogOutput = .standardError) -> Bool {
        let first = done.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return false }
        LoggingSystem.bootstrap({ label, provider in
            StructuredLogHandler(label: label, format: format, level: level, output: output, metadataProvider: provider)
        }, metadataProvider: nil)
        return true
    }

    /// From the settings `log.format` and `log.level`.
    @discardableResult
    public static func bootstrap(_ configuration: AppConfiguration) -> Bool {
        bootstrap(format: LogFormat(rawValue: configuration.logFormat) ?? .logfmt,
                  level: Logger.Level(rawValue: configuration.logLevel) ?? .info)
    }
}
