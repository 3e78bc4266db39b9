import CoreMetrics
import GonghuiDomain
import GonghuiStore
import Metrics
import Prometheus

/// The process's metrics, in Prometheus' text format at `/metrics`.
///
/// What is recorded through swift-metrics (Hummingbird's `MetricsMiddleware`, the store's
/// database, import and report timers) reaches ``registry`` once ``bootstrap()`` has run, which
/// `gonghui serve` does before it opens the store. Figures that are a state of the data (the audit
/// chain's length, hardship archives per stage, grants per state) are read from the database at
/// each scrape instead (``refresh(from:)``).
public enum ServerMetrics {
    /// The registry `/metrics` emits.
    public static let registry = PrometheusCollectorRegistry()

    /// Histogram buckets, in seconds. Hummingbird's and swift-prometheus' defaults start at
    /// 5 ms, where a look-up (about 1 ms) and a database read (well under) would all fall into
    /// the first bucket.
    static let requestBuckets: [Duration] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
        .map { Duration.microseconds(Int64($0 * 1_000_000)) }
    static let databaseBuckets: [Duration] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5]
        .map { Duration.microseconds(Int64($0 * 1_000_000)) }
    static let longBuckets: [Duration] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800]
        .map { Duration.milliseconds(Int64($0 * 1000)) }

    /// Hummingbird's names (OpenTelemetry's, with dots) become Prometheus names with the unit
    /// and `_total` for counters; its labels become `route`, `method` and `status`. The route is
    /// the matched pattern; the router's `NotFound` (and the none of a request turned away before
    /// routing) is `unmatched`, so no path a client made up becomes a series of its own.
    static let names: [String: String] = [
        "hb.requests": "http_server_requests_total",
        "hb.request.errors": "http_server_request_errors_total",
        "http.server.request.duration": "http_server_request_duration_seconds",
        "http.server.active_requests": "http_server_active_requests",
    ]
    static let labels: [String: String] = [
        "http.route": "route", "http.request.method": "method", "http.response.status_code": "status", "error.type": "error_type",
    ]

    static func sanitize(_ name: String, _ dimensions: [(String, String)]) -> (String, [(String, String)]) {
        let dimensions = dimensions.map { key, value -> (String, String) in
            let key = labels[key] ?? key
            if key == "route" && (value == "NotFound" || value == "Unknown") { return (key, RequestLog.unmatched) }
            return (key, value)
        }
        return (names[name] ?? name, dimensions)
    }

    /// The factory `gonghui serve` bootstraps, writing into `registry`.
    public static func factory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, dimensions in sanitize(name, dimensions) }
        factory.defaultDurationHistogramBuckets = requestBuckets
        factory.durationHistogramBuckets = [
            "gonghui_db_duration_seconds": databaseBuckets,
            "gonghui_db_pool_wait_seconds": databaseBuckets,
            "gonghui_import_duration_seconds": longBuckets,
            "gonghui_report_duration_seconds": longBuckets,
        ]
        return factory
    }

    private static let bootstrapped: Void = { MetricsSystem.bootstrap(factory(registry: registry)) }()

    /// Sends swift-metrics to ``registry``. Once per process (swift-metrics allows one
    /// bootstrap); calling it again does nothing.
    public static func bootstrap() { _ = bootstrapped }

    /// Sets the gauges that are read from the database: `gonghui_audit_chain_length`,
    /// `gonghui_hardship_archives{stage}` and `gonghui_grants{state}`.
    static func refresh(from store: Store, into registry: PrometheusCollectorRegistry) async throws {
        let figures = try await store.watchedFigures()
        registry.makeGauge(name: "gonghui_audit_chain_length", help: "Entries in the hash-chained audit log")
            .set(Double(figures.auditChainLength))
        for (stage, count) in figures.archivesByStage {
            registry.makeGauge(name: "gonghui_hardship_archives", labels: [("stage", stage.rawValue)], help: "Hardship archives by stage")
                .set(Double(count))
        }
        if let b = figures.lastBackup {
            registry.makeGauge(name: "gonghui_backup_last_timestamp_seconds", help: "When the last backup's snapshot was taken (Unix time)")
                .set(Double(b.at) / 1000)
            registry.makeGauge(name: "gonghui_backup_last_size_bytes", help: "Size of the last backup's data file")
                .set(Double(b.size))
        }
        for (state, count) in figures.grantsByState {
            registry.makeGauge(name: "gonghui_grants", labels: [("state", state.rawValue)], help: "Assistance grants by state")
                .set(Double(count))
        }
    }
}
