/// A1111's `--listen` takes no value and means "all interfaces"; sdserve also accepts
/// `--listen HOST`. A bare `--listen` (last, or followed by another option) becomes
/// `--listen=0.0.0.0` before parsing.
enum ListenArgument {
    static let allInterfaces = "0.0.0.0"

    static func normalized(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            guard argument == "--listen" else {
                result.append(argument)
                continue
            }
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            if let next, !next.hasPrefix("-") {
                result.append(argument)
            } else {
                result.append("--listen=\(allInterfaces)")
            }
        }
        return result
    }
}
