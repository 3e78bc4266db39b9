import Foundation
import GonghuiStore
import Hummingbird
import Logging

/// The composition root: the one place where the store, the middleware and the routes are
/// wired. `gonghui serve` and the tests both call it, so tests exercise what production runs.
///
/// The caller opens (and, for `--demo`, seeds) the store and closes it after the application
/// has stopped.
public func buildApplication(configuration: AppConfiguration, store: Store, logger: Logger) -> some ApplicationProtocol {
    var logger = logger
    // The stricter of the caller's level and the configured one: tests hand in a quiet logger
    // and would otherwise print a line for each of their requests.
    logger.logLevel = max(logger.logLevel, Logger.Level(rawValue: configuration.logLevel) ?? .info)
    let router = buildRouter(store: store, configuration: configuration)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "gonghui"),
        services: [NotificationJobs(store: store, sender: LogMessageSender(logger: logger), logger: logger),
                   OperationsJobs(store: store, configuration: configuration, logger: logger)],
        logger: logger)
}

/// The router of the JSON API, also usable on its own in tests.
public func buildRouter(store: Store, configuration: AppConfiguration) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    // Middleware applies to routes registered after it. Metrics and the request log come first,
    // outside the problem middleware, so that they see the status the client got; the problem
    // middleware is next, so that every answer, including "not found", is a problem document
    // with a request id.
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: ProblemMiddleware())
    // Probes and metrics are for machines: registered before the pages' middleware, so that
    // their answers (a 503, a 404) are problem documents, never HTML error pages.
    ObservabilityRoutes(store: store, metricsToken: configuration.metricsToken, registry: ServerMetrics.registry).register(on: router)
    let cache = TokenCache()
    let throttle = LoginThrottle()
    // Pages (everything outside /api): sessions, CSRF on forms, security headers, HTML errors.
    router.add(middleware: WebMiddleware(store: store, cache: cache, secureCookies: configuration.secureCookies))

    // The benchmark baseline: no authentication, no database.
    router.get("healthz") { _, _ in
        try JSONResponse.make(StatusJSON(status: "ok"))
    }

    let api = router.group("api/v1")
    api.get("openapi.yaml") { _, _ in
        var headers = HTTPFields()
        headers[.contentType] = "application/yaml; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
    }

    api.add(middleware: AuthMiddleware(store: store, cache: cache))
    // Every route that needs a user is registered here: its context is made after the auth
    // middleware ran and cannot exist without a signed-in user (401, or 403 without CSRF token).
    let officers = api.group(context: APIOfficerContext.self)
    AuthRoutes(store: store, cache: cache, throttle: throttle, secureCookies: configuration.secureCookies).register(on: api, officers: officers)
    OrgRoutes(store: store).register(on: officers)
    MemberRoutes(store: store).register(on: officers)
    TransferRoutes(store: store).register(on: officers)
    AdminRoutes(store: store).register(on: officers)
    StatisticsRoutes(store: store).register(on: officers)
    HardshipRoutes(store: store).register(on: officers)
    DisputeRoutes(store: store).register(on: officers)
    MediationRoutes(store: store).register(on: officers)
    MediatorRoutes(store: store).register(on: officers)
    RightsRoutes(store: store).register(on: officers)
    MutualAidRoutes(store: store).register(on: officers)
    LoanRoutes(store: store).register(on: officers)
    CardRoutes(store: store).register(on: officers)
    AssistanceRoutes(store: store).register(on: officers)
    WebRoutes(store: store, cache: cache, throttle: throttle, secureCookies: configuration.secureCookies, configuration: configuration).register(on: router)
    return router
}
