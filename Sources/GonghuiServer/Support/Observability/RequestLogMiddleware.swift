import Dispatch
import Hummingbird
import Logging

/// One line per request, at info, once its answer has been written:
/// `msg=request method=POST route=/api/v1/members/lookup status=200 duration_ms=0.840 hb.request.id=…`.
///
/// The route is the pattern the router matched (`/api/v1/members/{id}`), never the path or the
/// query string, which can carry names and ID numbers; a request no route matched is `unmatched`.
/// The request id is Hummingbird's (`hb.request.id`), the one `X-Request-Id`, the problem
/// document and the error page show, so a user's report finds its line.
///
/// It sits outside ``ProblemMiddleware``, so it sees the status the client got. Liveness and
/// readiness probes, polled every few seconds, are logged at debug.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    /// What is logged (and labelled) for a request no route matched: Hummingbird's router names
    /// it `NotFound`, and a request a middleware turned away before routing has none.
    static var unmatched: String { "unmatched" }
    static var probes: Set<String> { ["/healthz", "/readyz"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let logger = context.logger
        // Above info nothing here is logged: no clock, no wrapped body.
        guard logger.logLevel <= .info else { return try await next(request, context) }
        let start = DispatchTime.now().uptimeNanoseconds
        let method = request.method
        let endpoint = context.coreContext.endpointPath
        do {
            var response = try await next(request, context)
            let status = response.status.code
            let body = response.body
            response.body = ResponseBody(contentLength: body.contentLength) { writer in
                do {
                    try await body.write(writer)
                } catch {
                    Self.log(logger, method: method, route: endpoint.value, status: status, start: start, aborted: true)
                    throw error
                }
                Self.log(logger, method: method, route: endpoint.value, status: status, start: start, aborted: false)
            }
            return response
        } catch {
            // Only when an error gets past the problem middleware, which turns every error into an answer.
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            Self.log(logger, method: method, route: endpoint.value, status: status, start: start, aborted: false)
            throw error
        }
    }

    static func log(_ logger: Logger, method: HTTPRequest.Method, route: String?, status: Int, start: UInt64, aborted: Bool) {
        let route = route.flatMap { $0 == "NotFound" ? nil : $0 } ?? unmatched
        let level: Logger.Level = probes.contains(route) ? .debug : .info
        guard logger.logLevel <= level else { return }
        var metadata: Logger.Metadata = [
            "method": .string(method.rawValue),
            "route": .string(route),
            "status": .stringConvertible(status),
            "duration_ms": .stringConvertible(Milliseconds(nanoseconds: DispatchTime.now().uptimeNanoseconds &- start)),
        ]
        // The client went away before the whole answer was written.
        if aborted { metadata["aborted"] = .string("true") }
        logger.log(level: level, "request", metadata: metadata)
    }
}
