import CDNNL

/// The process-wide oneDNN CPU engine. oneDNN objects are thread-safe to execute; each
/// execution gets its own stream because a stream is not safe to share between threads.
final class DNNLEngine: @unchecked Sendable {
    let handle: dnnl_engine_t

    private static let created: DNNLEngine? = try? DNNLEngine()

    /// The engine, or an error saying oneDNN could not open the CPU.
    static func shared() throws -> DNNLEngine {
        guard let created else {
            throw DNNLError(call: "engine_create", context: "CPU engine", status: Int(dnnl_runtime_error.rawValue))
        }
        return created
    }

    private init() throws {
        var engine: dnnl_engine_t?
        try dnnlCheck(dnnl_engine_create(&engine, dnnl_cpu, 0), "engine_create", "CPU engine")
        handle = engine!
    }

    /// One operand of an execution: argument slot, layout and the bytes it lives in.
    struct Argument {
        let slot: Int32
        let descriptor: dnnl_memory_desc_t
        let pointer: UnsafeMutableRawPointer
    }

    /// Runs `primitive` on `arguments` and waits for it.
    func execute(_ primitive: dnnl_primitive_t, _ arguments: [Argument], context: String) throws {
        var memories: [dnnl_memory_t?] = []
        defer { for memory in memories { dnnl_memory_destroy(memory) } }
        var execArgs: [dnnl_exec_arg_t] = []
        for argument in arguments {
            var memory: dnnl_memory_t?
            var md = argument.descriptor
            try dnnlCheck(dnnl_memory_create(&memory, &md, handle, argument.pointer), "memory_create", context)
            memories.append(memory)
            execArgs.append(dnnl_exec_arg_t(arg: argument.slot, memory: memory))
        }
        var stream: dnnl_stream_t?
        try dnnlCheck(dnnl_stream_create(&stream, handle, dnnl_stream_default_flags.rawValue), "stream_create", context)
        defer { dnnl_stream_destroy(stream) }
        try dnnlCheck(dnnl_primitive_execute(primitive, stream, Int32(execArgs.count), execArgs), "execute", context)
        try dnnlCheck(dnnl_stream_wait(stream), "stream_wait", context)
    }
}
