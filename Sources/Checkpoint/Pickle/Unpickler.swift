/// A pickle interpreter for the subset `torch.save` writes (protocols 2–5). It builds plain
/// values, resolves only `AllowedGlobal` names and interprets only their REDUCE forms;
/// every other global, and every opcode that could instantiate arbitrary objects, is an error.
/// Work and memory are bounded by the input size and the limits below.
struct Unpickler {
    static let maxDepth = 64
    static let maxLongBytes = 8

    private var reader: ByteReader
    private var stack: [PickleValue] = []
    private var marks: [Int] = []
    private var memo: [Int: PickleValue] = [:]
    private var file: String { reader.file }

    init(_ bytes: UnsafeRawBufferPointer, file: String) {
        reader = ByteReader(bytes, file: file)
    }

    /// Runs to STOP and returns the result.
    mutating func load() throws(CheckpointError) -> PickleValue {
        while true {
            let opcode = try reader.u8()
            if opcode == 0x2E {  // STOP
                return try pop()
            }
            try execute(opcode)
        }
    }

    private mutating func execute(_ opcode: UInt8) throws(CheckpointError) {
        switch opcode {
        case 0x80: _ = try reader.u8()                                   // PROTO
        case 0x95: _ = try reader.unsigned(8)                            // FRAME
        case 0x28: marks.append(stack.count)                             // MARK
        case 0x29: stack.append(.tuple([]))                              // EMPTY_TUPLE
        case 0x5D: stack.append(.list(PickleList()))                     // EMPTY_LIST
        case 0x7D: stack.append(.dict(PickleDict()))                     // EMPTY_DICT
        case 0x4E: stack.append(.none)                                   // NONE
        case 0x88: stack.append(.bool(true))                             // NEWTRUE
        case 0x89: stack.append(.bool(false))                            // NEWFALSE
        case 0x4B: stack.append(.int(Int(try reader.unsigned(1))))      // BININT1
        case 0x4D: stack.append(.int(Int(try reader.unsigned(2))))      // BININT2
        case 0x4A: stack.append(.int(Int(Int32(truncatingIfNeeded: try reader.unsigned(4)))))  // BININT
        case 0x8A: stack.append(.int(try long(try reader.length(1))))   // LONG1
        case 0x8B: stack.append(.int(try long(try reader.length(4))))   // LONG4
        case 0x47: stack.append(.float(Double(bitPattern: try bigEndian64())))  // BINFLOAT
        case 0x58: stack.append(.string(try text(try reader.length(4))))        // BINUNICODE
        case 0x8C: stack.append(.string(try text(try reader.length(1))))        // SHORT_BINUNICODE
        case 0x8D: stack.append(.string(try text(try reader.length(8))))        // BINUNICODE8
        case 0x55: stack.append(.string(try text(try reader.length(1))))        // SHORT_BINSTRING
        case 0x54: stack.append(.string(try text(try reader.length(4))))        // BINSTRING
        case 0x43: stack.append(.bytes(Array(try reader.take(try reader.length(1)))))  // SHORT_BINBYTES
        case 0x42: stack.append(.bytes(Array(try reader.take(try reader.length(4)))))  // BINBYTES
        case 0x8E: stack.append(.bytes(Array(try reader.take(try reader.length(8)))))  // BINBYTES8
        case 0x71: memo[Int(try reader.unsigned(1))] = try top()        // BINPUT
        case 0x72: memo[Int(try reader.unsigned(4))] = try top()        // LONG_BINPUT
        case 0x94: memo[memo.count] = try top()                          // MEMOIZE
        case 0x68: stack.append(try recall(Int(try reader.unsigned(1))))  // BINGET
        case 0x6A: stack.append(try recall(Int(try reader.unsigned(4))))  // LONG_BINGET
        case 0x30: _ = try pop()                                         // POP
        case 0x31: _ = try popMark()                                     // POP_MARK
        case 0x32: stack.append(try top())                               // DUP
        case 0x74: stack.append(try checkedTuple(try popMark()))         // TUPLE
        case 0x85: stack.append(try checkedTuple(try pop(1)))            // TUPLE1
        case 0x86: stack.append(try checkedTuple(try pop(2)))            // TUPLE2
        case 0x87: stack.append(try checkedTuple(try pop(3)))            // TUPLE3
        case 0x6C: try buildList(try popMark())                          // LIST
        case 0x64: try buildDict(try popMark())                          // DICT
        case 0x61: try append(try pop(1))                                // APPEND
        case 0x65: try append(try popMark())                             // APPENDS
        case 0x73: try setItems(try pop(2))                              // SETITEM
        case 0x75: try setItems(try popMark())                           // SETITEMS
        case 0x63: stack.append(try global(module: try line(), name: try line()))  // GLOBAL
        case 0x93:                                                        // STACK_GLOBAL
            let pair = try pop(2)
            guard case let .string(module) = pair[0], case let .string(name) = pair[1] else {
                throw malformed("STACK_GLOBAL needs two strings")
            }
            stack.append(try global(module: module, name: name))
        case 0x51: stack.append(try persistentLoad(try pop()))           // BINPERSID
        case 0x52:                                                        // REDUCE
            let args = try pop(), callable = try pop()
            stack.append(try PickleReduce.apply(callable, args, file: file))
        case 0x62: _ = try pop()                                         // BUILD: state of an allowed value is ignored
        default:
            throw .unsupported(file: file, key: nil, feature: "pickle opcode 0x\(String(opcode, radix: 16))",
                               hint: "Only the opcodes torch.save writes for state dicts are accepted; convert the file to .safetensors.")
        }
    }

    private func malformed(_ reason: String) -> CheckpointError {
        .malformed(file: file, key: nil, reason: "pickle: \(reason) (offset \(reader.position))")
    }

    private mutating func pop() throws(CheckpointError) -> PickleValue {
        guard stack.count > (marks.last ?? 0), let value = stack.popLast() else { throw malformed("stack underflow") }
        return value
    }

    private mutating func pop(_ count: Int) throws(CheckpointError) -> [PickleValue] {
        guard stack.count - count >= (marks.last ?? 0), count <= stack.count else { throw malformed("stack underflow") }
        defer { stack.removeLast(count) }
        return Array(stack.suffix(count))
    }

    private func top() throws(CheckpointError) -> PickleValue {
        guard let value = stack.last else { throw malformed("empty stack") }
        return value
    }

    private mutating func popMark() throws(CheckpointError) -> [PickleValue] {
        guard let mark = marks.popLast() else { throw malformed("no MARK") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    private func recall(_ index: Int) throws(CheckpointError) -> PickleValue {
        guard let value = memo[index] else { throw malformed("memo \(index) is empty") }
        return value
    }

    /// Tuples freeze the lists and dicts they hold, like containers do, so every nesting edge
    /// has a final depth and no chain deeper than `maxDepth` can be built (its release would
    /// recurse once per level).
    private func checkedTuple(_ items: [PickleValue]) throws(CheckpointError) -> PickleValue {
        for item in items {
            if case let .list(list) = item { list.freeze() }
            if case let .dict(dict) = item { dict.freeze() }
        }
        let value = PickleValue.tuple(items)
        guard value.depth <= Self.maxDepth else { throw malformed("nesting deeper than \(Self.maxDepth)") }
        return value
    }

    private mutating func append(_ items: [PickleValue]) throws(CheckpointError) {
        guard case let .list(list) = try top() else { throw malformed("APPEND target is not a list") }
        for item in items {
            guard list.admit(item), list.depth <= Self.maxDepth else { throw malformed("list modified after nesting, or nested too deep") }
            list.items.append(item)
        }
    }

    private mutating func setItems(_ items: [PickleValue]) throws(CheckpointError) {
        guard items.count % 2 == 0, case let .dict(dict) = try top() else { throw malformed("SETITEM target is not a dict") }
        for pair in stride(from: 0, to: items.count, by: 2) {
            guard dict.admit(items[pair]), dict.admit(items[pair + 1]), dict.depth <= Self.maxDepth else {
                throw malformed("dict modified after nesting, or nested too deep")
            }
            dict.entries.append((items[pair], items[pair + 1]))
        }
    }

    private mutating func buildList(_ items: [PickleValue]) throws(CheckpointError) {
        stack.append(.list(PickleList()))
        try append(items)
    }

    private mutating func buildDict(_ items: [PickleValue]) throws(CheckpointError) {
        stack.append(.dict(PickleDict()))
        try setItems(items)
    }

    private func global(module: String, name: String) throws(CheckpointError) -> PickleValue {
        guard let allowed = AllowedGlobal.named(module: module, name: name) else {
            throw .unsafePickle(file: file, global: "\(module).\(name)")
        }
        return .global(allowed)
    }

    private func persistentLoad(_ id: PickleValue) throws(CheckpointError) -> PickleValue {
        guard case let .tuple(items, _) = id, items.count == 5, case .string("storage") = items[0],
              case let .global(.storageType(dtype)) = items[1], case let .string(key) = items[2],
              case let .int(count) = items[4], count >= 0
        else { throw malformed("persistent id is not a storage reference") }
        return .storage(StorageReference(dtype: dtype, key: key, elementCount: count))
    }

    private mutating func line() throws(CheckpointError) -> String {
        var bytes: [UInt8] = []
        while true {
            let byte = try reader.u8()
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            guard bytes.count < 256 else { throw malformed("GLOBAL name too long") }
            bytes.append(byte)
        }
    }

    private mutating func text(_ count: Int) throws(CheckpointError) -> String {
        String(decoding: try reader.take(count), as: UTF8.self)
    }

    /// Little-endian two's complement, at most 8 bytes.
    private mutating func long(_ count: Int) throws(CheckpointError) -> Int {
        guard count <= Self.maxLongBytes else { throw malformed("integer of \(count) bytes") }
        let raw = try reader.take(count)
        guard count > 0 else { return 0 }
        var value: UInt64 = raw[count - 1] & 0x80 != 0 ? ~0 : 0
        for byte in raw.reversed() { value = value << 8 | UInt64(byte) }
        return Int(truncatingIfNeeded: value)
    }

    private mutating func bigEndian64() throws(CheckpointError) -> UInt64 {
        try reader.take(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
