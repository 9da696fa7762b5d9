import Foundation
import Generation
import HTTPTypes
import Hummingbird
import Logging

/// Turns every failure into the answer A1111 gives: 422 `{"detail": [...]}` for validation,
/// `{error, detail, body, errors}` for everything else (500 when unexpected), FastAPI's
/// `{"detail": "Not Found"}` for unknown routes. Also stamps `X-Process-Time` as A1111 does.
struct ErrorResponseMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = Self.response(for: error, request: request, logger: context.logger)
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        response.headers[Self.processTime] = String(format: "%.4f", seconds)
        return response
    }

    static let processTime = HTTPField.Name("X-Process-Time")!

    static func response(for error: any Error, request: Request, logger: Logger) -> Response {
        switch error {
        case let validation as RequestValidationError:
            return .json(validation.body, status: .unprocessableContent)
        case let apiError as APIError:
            var response = Response.json(apiError.body, status: apiError.status)
            response.headers.append(contentsOf: apiError.headers)
            return response
        case let catalogError as CatalogError:
            let apiError = APIError.catalog(catalogError)
            return .json(apiError.body, status: apiError.status)
        case let loraError as LoRARequestError:
            let apiError = APIError.lora(loraError)
            return .json(apiError.body, status: apiError.status)
        case let httpError as HTTPError where httpError.status == .notFound:
            return .json(["detail": "Not Found"], status: .notFound)
        case let httpError as HTTPError:
            let apiError = APIError(status: httpError.status, detail: httpError.body ?? httpError.status.reasonPhrase)
            return .json(apiError.body, status: apiError.status)
        default:
            logger.error("\(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
            let apiError = APIError.unexpected(error)
            return .json(apiError.body, status: apiError.status)
        }
    }
}
