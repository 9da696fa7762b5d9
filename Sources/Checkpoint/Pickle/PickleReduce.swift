/// The REDUCE calls an allowed global may make, interpreted as data: no function is called.
enum PickleReduce {
    static func apply(_ callable: PickleValue, _ args: PickleValue, file: String) throws(CheckpointError) -> PickleValue {
        guard case let .global(global) = callable, case let .tuple(items, _) = args else {
            throw .malformed(file: file, key: nil, reason: "pickle: REDUCE needs an allowed global and an argument tuple")
        }
        switch global {
        case .orderedDict:
            return .dict(PickleDict())
        case .torchSize:
            guard items.count == 1, case .tuple = items[0] else { break }
            return items[0]
        case .rebuildParameter:
            guard items.count >= 1, case .tensor = items[0] else { break }
            return items[0]
        case .rebuildTensorV2:
            return .tensor(try rebuildTensor(items, file: file))
        case .storageType:
            break
        }
        throw .malformed(file: file, key: nil, reason: "pickle: unexpected arguments for \(global)")
    }

    /// `_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata])`;
    /// only contiguous row-major tensors are accepted, which is what state dicts hold.
    static func rebuildTensor(_ items: [PickleValue], file: String) throws(CheckpointError) -> TensorReference {
        guard items.count >= 4, case let .storage(storage) = items[0], case let .int(offset) = items[1],
              let shape = integers(items[2]), let strides = integers(items[3]), shape.count == strides.count,
              offset >= 0, shape.allSatisfy({ $0 >= 0 })
        else {
            throw .malformed(file: file, key: nil, reason: "pickle: malformed _rebuild_tensor_v2 arguments")
        }
        var expected = 1, count = 1
        for (size, stride) in zip(shape, strides).reversed() {
            if size != 1, stride != expected {
                throw .unsupported(file: file, key: storage.key, feature: "a non-contiguous tensor (strides \(strides) for shape \(shape))",
                                   hint: "Save the checkpoint with contiguous tensors or convert it to .safetensors.")
            }
            let (next, overflow) = expected.multipliedReportingOverflow(by: max(size, 1))
            let (total, overflow2) = count.multipliedReportingOverflow(by: size)
            guard !overflow, !overflow2 else { throw .malformed(file: file, key: storage.key, reason: "tensor shape \(shape) overflows") }
            expected = next
            count = total
        }
        guard offset <= storage.elementCount, count <= storage.elementCount - offset else {
            throw .malformed(file: file, key: storage.key,
                             reason: "tensor of \(count) elements at offset \(offset) exceeds its storage of \(storage.elementCount)")
        }
        return TensorReference(storage: storage, storageOffset: offset, shape: shape)
    }

    private static func integers(_ value: PickleValue) -> [Int]? {
        guard case let .tuple(items, _) = value else { return nil }
        var result: [Int] = []
        for item in items {
            guard case let .int(number) = item else { return nil }
            result.append(number)
        }
        return result
    }
}
