import Generation
import Hummingbird
import Logging

/// The HTTP application: every route of every controller behind the error, CORS and auth
/// middleware. `sdserve serve` runs it; the tests drive the same value in process.
public func buildApplication(configuration: ServerConfiguration, logger: Logger = Logger(label: "sdserve"))
    async throws -> some ApplicationProtocol
{
    let services = try await APIServices(configuration: configuration, logger: logger)
    return buildApplication(services: services, logger: logger)
}

/// The application over already-created services (tests use this to reach the catalog).
public func buildApplication(services: APIServices, logger: Logger = Logger(label: "sdserve"))
    -> some ApplicationProtocol
{
    let configuration = services.configuration
    let router = Router(context: APIRequestContext.self)
    router.add(middleware: ErrorResponseMiddleware())
    if !configuration.corsAllowOrigins.isEmpty {
        router.add(middleware: CORSOriginMiddleware(allowedOrigins: configuration.corsAllowOrigins))
    }
    if !configuration.credentials.isEmpty {
        router.add(middleware: BasicAuthMiddleware(credentials: configuration.credentials))
    }
    for route in apiRoutes(services: services) {
        router.on(RouterPath(route.path), method: route.method, use: route.handler)
    }
    return Application(
        router: router,
        server: .http1(configuration: .init(additionalChannelHandlers: [ClientHangUpHandler()])),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "sdserve"),
        logger: logger)
}

/// Every route the server answers, documentation included.
func apiRoutes(services: APIServices) -> [APIRoute] {
    let api = OptionsController(services: services).routes
        + ModelsController(services: services).routes
        + ListingsController().routes
        + ProgressController(services: services).routes
        + PNGInfoController().routes
        + GenerationController(services: services).routes
        + SystemController().routes
    return api + DocsController(documented: api).routes
}
