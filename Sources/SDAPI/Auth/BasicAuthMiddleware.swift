import Foundation
import Hummingbird

/// HTTP Basic authentication on every route when `--api-auth` is set. Failures answer 401 in
/// A1111's error shape without a `WWW-Authenticate` header (so browsers do not prompt), and
/// credentials are compared in constant time.
struct BasicAuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let credentials: [APICredential]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let header = request.headers[.authorization] else { throw APIError.notAuthenticated }
        guard let (user, password) = Self.decodeBasic(header) else { throw APIError.badCredentials }
        // Check every pair, without stopping early, so timing does not reveal which one matched.
        var matched = false
        for credential in credentials {
            let userMatches = Self.constantTimeEqual(Array(user.utf8), Array(credential.user.utf8))
            let passwordMatches = Self.constantTimeEqual(Array(password.utf8), Array(credential.password.utf8))
            matched = matched || (userMatches && passwordMatches)
        }
        guard matched else { throw APIError.badCredentials }
        return try await next(request, context)
    }

    /// `(user, password)` from `Basic base64(user:password)`.
    static func decodeBasic(_ header: String) -> (String, String)? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":")
        else { return nil }
        return (String(decoded[..<colon]), String(decoded[decoded.index(after: colon)...]))
    }

    /// Compares every byte of the longer input whatever the contents, so the time taken depends
    /// only on the lengths.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(lhs.count == rhs.count ? 0 : 1)
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }
}
