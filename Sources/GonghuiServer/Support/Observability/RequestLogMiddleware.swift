import Dispatch
import Hummingbird
import Logging

/// One line per request, at info, as its answer leaves the router:
/// `msg=request duration_ms=0.840 hb.request.id=… method=POST route=/api/v1/members/lookup status=200`.
///
/// The route is the pattern the router matched (`/api/v1/members/{id}`), never the path or the
/// query string, which can carry names and ID numbers; a request no route matched is `unmatched`.
/// The request id is Hummingbird's (`hb.request.id`), the one `X-Request-Id`, the problem
/// document and the error page show, so a user's report finds its line.
///
/// It sits outside ``ProblemMiddleware``, so it sees the status the client got. The duration runs
/// until the answer is ready to be written: the look-up path answers with one buffer, and the
/// time of a streamed body is in the `http_server_request_duration_seconds` histogram, which
/// Hummingbird's metrics middleware records once the body is written. (Waiting for the body here
/// too would wrap every answer's body a second time, for no figure the histogram lacks.)
/// Liveness and readiness probes, polled every few seconds, are logged at debug.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let logger = context.logger
        // Above info nothing here is logged: no clock.
        guard logger.logLevel <= .info else { return try await next(request, context) }
        let start = DispatchTime.now().uptimeNanoseconds
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            // Only when an error gets past the problem middleware, which turns every error into an answer.
            RequestLog.log(logger, method: request.method, route: context.endpointPath,
                           status: (error as? any HTTPResponseError)?.status.code ?? 500, start: start)
            throw error
        }
        RequestLog.log(logger, method: request.method, route: context.endpointPath, status: response.status.code, start: start)
        return response
    }
}

/// What ``RequestLogMiddleware`` writes, apart from its context type.
enum RequestLog {
    /// What is logged (and labelled) for a request no route matched: Hummingbird's router names
    /// it `NotFound`, and a request a middleware turned away before routing has none.
    static let unmatched = "unmatched"
    static let probes: Set<String> = ["/healthz", "/readyz"]

    static func route(_ endpoint: String?) -> String {
        guard let endpoint, endpoint != "NotFound" else { return unmatched }
        return endpoint
    }

    static func log(_ logger: Logger, method: HTTPRequest.Method, route endpoint: String?, status: Int, start: UInt64) {
        let route = route(endpoint)
        let level: Logger.Level = probes.contains(route) ? .debug : .info
        guard logger.logLevel <= level else { return }
        logger.log(level: level, "request", metadata: [
            "method": .string(method.rawValue),
            "route": .string(route),
            "status": .stringConvertible(status),
            "duration_ms": .stringConvertible(Milliseconds(nanoseconds: DispatchTime.now().uptimeNanoseconds &- start)),
        ])
    }
}
