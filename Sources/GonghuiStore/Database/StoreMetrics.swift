import Dispatch
import GonghuiDomain
import Metrics

/// The store's metrics, through swift-metrics: whatever backend the process bootstrapped
/// (`gonghui serve`: Prometheus at `/metrics`) receives them, and a process that bootstrapped
/// none (the other commands, most tests) pays next to nothing.
///
/// Names are Prometheus names already (`_seconds`, `_total`), so that no exporter has to
/// rename them, and labels take only a few fixed values: never an identifier, a name or a code.
enum StoreMetrics {
    /// Monotonic nanoseconds, the clock Hummingbird's own request timer uses.
    @inline(__always)
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Records how long `body` took in the histogram `label` (with `dimensions`), also when it throws.
    static func measure<T>(_ label: String, _ dimensions: [(String, String)], isolation: isolated (any _Concurrency.Actor)? = #isolation,
                           _ body: () async throws -> T) async rethrows -> T {
        let start = now()
        defer { Metrics.Timer(label: label, dimensions: dimensions).recordNanoseconds(Int64(now() &- start)) }
        return try await body()
    }

    /// An annual or an assistance report: `gonghui_report_duration_seconds{report=…}`.
    static func report<T>(_ report: String, isolation: isolated (any _Concurrency.Actor)? = #isolation, _ body: () async throws -> T) async rethrows -> T {
        try await measure("gonghui_report_duration_seconds", [("report", report)], body)
    }
}

/// Time spent in the store's units of work (``Database/read(_:)``, ``Database/write(_:)``):
/// how long each waited for a connection of the pool, and how long it then held it, which is
/// the time of its statements (and, for a write, its transaction).
struct DatabaseTimers: Sendable {
    enum Kind { case read, write }
    private let readWait, readRun, writeWait, writeRun: Metrics.Timer

    init(engine: SQLEngine) {
        func timer(_ label: String, _ kind: String) -> Metrics.Timer {
            Metrics.Timer(label: label, dimensions: [("engine", engine.rawValue), ("kind", kind)])
        }
        readWait = timer("gonghui_db_pool_wait_seconds", "read")
        writeWait = timer("gonghui_db_pool_wait_seconds", "write")
        readRun = timer("gonghui_db_duration_seconds", "read")
        writeRun = timer("gonghui_db_duration_seconds", "write")
    }

    /// Runs `body` once a connection has been had: the time since `askedAt` is the pool wait.
    /// It runs where its caller runs (the pool's closures may be isolated to the caller's actor).
    @inline(__always)
    func run<T>(_ kind: Kind, askedAt: UInt64, isolation: isolated (any _Concurrency.Actor)? = #isolation,
                _ body: () async throws -> T) async rethrows -> T {
        let began = StoreMetrics.now()
        (kind == .read ? readWait : writeWait).recordNanoseconds(Int64(began &- askedAt))
        defer { (kind == .read ? readRun : writeRun).recordNanoseconds(Int64(StoreMetrics.now() &- began)) }
        return try await body()
    }
}

/// An import's rows and time: `gonghui_import_rows_total{kind=…}` counts the rows an import
/// wrote (new and changed), `gonghui_import_duration_seconds{kind=…}` its time, so rows per
/// second is the one over the other. An import that wrote nothing (a dry run, a file with
/// errors) is not counted.
struct ImportTiming {
    let kind: String
    let start = StoreMetrics.now()

    init(kind: String) { self.kind = kind }

    func finish(_ result: (ImportReport, header: [String])) -> (ImportReport, header: [String]) {
        let report = result.0
        guard report.written else { return result }
        Metrics.Timer(label: "gonghui_import_duration_seconds", dimensions: [("kind", kind)])
            .recordNanoseconds(Int64(StoreMetrics.now() &- start))
        Counter(label: "gonghui_import_rows_total", dimensions: [("kind", kind)]).increment(by: report.inserted + report.updated)
        return result
    }
}
