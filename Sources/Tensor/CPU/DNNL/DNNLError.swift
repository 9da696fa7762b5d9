import CDNNL

/// A oneDNN call that failed: which call, on what, and the library's status.
public struct DNNLError: Error, CustomStringConvertible, Sendable {
    public let call: String
    public let context: String
    public let status: Int

    public var description: String {
        let reason = switch status {
        case Int(dnnl_unimplemented.rawValue): "no implementation for these shapes/types on this CPU"
        case Int(dnnl_out_of_memory.rawValue): "out of memory"
        case Int(dnnl_invalid_arguments.rawValue): "invalid arguments"
        default: "status \(status)"
        }
        return "oneDNN \(call) failed for \(context): \(reason)"
    }
}

/// Throws `DNNLError` unless `status` is success.
@inline(__always)
func dnnlCheck(_ status: dnnl_status_t, _ call: String, _ context: @autoclosure () -> String) throws {
    guard status == dnnl_success else {
        throw DNNLError(call: call, context: context(), status: Int(status.rawValue))
    }
}
