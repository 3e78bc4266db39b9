import Foundation
import GonghuiStore
import Hummingbird
import Logging
import Prometheus
import Synchronization

/// `/readyz` (may this server take traffic?) and `/metrics` (Prometheus). `/healthz`, the
/// cheap liveness check, stays with the router itself.
struct ObservabilityRoutes {
    let store: Store
    /// `metrics.token`: without one, `/metrics` is not there (404).
    let metricsToken: String?
    let registry: PrometheusCollectorRegistry
    /// How long `/readyz` waits for the database before it answers 503.
    var readinessTimeout: Duration = .seconds(2)

    func register(on router: Router<AppRequestContext>) {
        router.get("readyz") { _, context in try await ready(context: context) }
        router.get("metrics") { request, context in try await metrics(request, context: context) }
    }

    struct ReadyJSON: Encodable {
        var status = "ready"
        var schemaVersion: Int
    }

    /// 200 when the database answers and its newest migration is this build's; a 503 problem
    /// otherwise, saying which.
    func ready(context: AppRequestContext) async throws -> Response {
        let readiness: Readiness
        do {
            readiness = try await withTimeout(readinessTimeout) { try await store.database.readiness() }
        } catch {
            context.logger.warning("not ready: database unreachable", metadata: ["error.type": .string(String(describing: type(of: error)))])
            throw APIError(status: .serviceUnavailable, code: "not_ready", detail: "数据库无法连接或无响应")
        }
        guard readiness.isCurrent else {
            let applied = readiness.appliedVersion.map { "第 \($0) 号" } ?? "尚无"
            throw APIError(status: .serviceUnavailable, code: "not_ready",
                           detail: "数据库结构与程序不一致：已应用\(applied)迁移，程序需要第 \(readiness.expectedVersion) 号，请运行 gonghui migrate")
        }
        return try JSONResponse.make(ReadyJSON(schemaVersion: readiness.expectedVersion))
    }

    /// The Prometheus text format, for the bearer of `metrics.token` only.
    func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        // Without a token the endpoint does not exist, exactly like any unknown path.
        guard let token = metricsToken, !token.isEmpty else { throw APIError.notFound() }
        let sent = request.headers[.authorization] ?? ""
        guard sent.hasPrefix("Bearer "), AuthMiddleware.constantTimeEqual(String(sent.dropFirst("Bearer ".count)), token) else {
            throw APIError(status: .unauthorized, code: "unauthenticated", detail: "请在 Authorization 请求头中提供监控令牌（配置项 metrics.token）")
        }
        do {
            try await withTimeout(readinessTimeout) { try await ServerMetrics.refresh(from: store, into: registry) }
        } catch {
            // The rest is still worth having (it shows the database trouble); the gauges keep their last values.
            context.logger.warning("metrics: figures not read from the database", metadata: ["error.type": .string(String(describing: type(of: error)))])
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
}

struct TimedOut: Error {}

/// `body`'s value, or ``TimedOut`` after `limit`. A database that hangs (a PostgreSQL pool with
/// every connection stuck) must not hang the probe as well, so on time-out `body` is cancelled
/// and left behind rather than awaited.
func withTimeout<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let pending = PendingResult<T>()
    return try await withCheckedThrowingContinuation { continuation in
        pending.continuation.withLock { $0 = continuation }
        let work = Task {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            _ = pending.finish(result)
        }
        Task {
            try? await Task.sleep(for: limit)
            if pending.finish(.failure(TimedOut())) { work.cancel() }
        }
    }
}

/// A continuation resumed once, by whichever comes first.
private final class PendingResult<T: Sendable>: Sendable {
    let continuation = Mutex<CheckedContinuation<T, any Error>?>(nil)

    func finish(_ result: Result<T, any Error>) -> Bool {
        guard let c = continuation.withLock({ $0.take() }) else { return false }
        c.resume(with: result)
        return true
    }
}
