/// One `user:password` pair accepted by `--api-auth`.
public struct APICredential: Sendable, Equatable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// Parses `user:pass[,user:pass...]`. The password is everything after the first `:`, so
    /// it may itself contain `:` (A1111 breaks on that); a `,` always separates pairs.
    public static func parseList(_ text: String) throws(CredentialFormatError) -> [APICredential] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { pair throws(CredentialFormatError) in
            guard let colon = pair.firstIndex(of: ":"), colon != pair.startIndex,
                pair.index(after: colon) != pair.endIndex
            else { throw CredentialFormatError(entry: String(pair.prefix(while: { $0 != ":" }))) }
            return APICredential(user: String(pair[..<colon]), password: String(pair[pair.index(after: colon)...]))
        }
    }
}

/// `--api-auth` was not a comma-separated list of `user:password`.
public struct CredentialFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The user part of the bad entry (never the password).
    public var entry: String

    public var description: String {
        "--api-auth entry '\(entry):…' is not 'user:password'; give one or more user:password pairs separated by commas"
    }
}
