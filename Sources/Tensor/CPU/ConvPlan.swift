import CDNNL

/// Sizes of one 2-D convolution.
struct ConvGeometry: CustomStringConvertible {
    let batch, inChannels, height, width, outChannels, kernelH, kernelW: Int
    let options: Conv2DOptions

    var outHeight: Int { (height + 2 * options.padH - kernelH) / options.strideH + 1 }
    var outWidth: Int { (width + 2 * options.padW - kernelW) / options.strideW + 1 }
    var inputShape: [Int] { [batch, inChannels, height, width] }
    var outputShape: [Int] { [batch, outChannels, outHeight, outWidth] }
    /// Multiply-adds × 2.
    var flops: Double { 2 * Double(batch * outChannels * outHeight * outWidth * inChannels * kernelH * kernelW) }

    var description: String {
        "\(inputShape)->\(outChannels) k\(kernelH)x\(kernelW) s\(options.strideH)x\(options.strideW) p\(options.padH)x\(options.padW)"
    }
}

/// A cached convolution: the primitive plus the reorders between the public NCHW f32 layout
/// and the layouts the primitive chose (none when they already match).
final class ConvPlan: @unchecked Sendable {
    let geometry: ConvGeometry
    let convolution: DNNLPrimitive
    let sourceLayout, destinationLayout: dnnl_memory_desc_t
    let weights: WeightBinding
    let nchwInput, nchwOutput, biasLayout: dnnl_memory_desc_t
    /// NCHW f32 -> the primitive's source layout and type.
    let toSource: DNNLPrimitive?
    /// The primitive's destination layout -> NCHW f32 (also used backwards for the residual).
    let fromDestination, toDestination: DNNLPrimitive?

    init(geometry: ConvGeometry, weight: DNNLWeight, bias: Bool, epilogue: Epilogue, backend: CPUBackend) throws {
        self.geometry = geometry
        let engine = backend.engine
        let attributes = try DNNLAttributes(activation: epilogue.activation, accumulate: epilogue.residual != nil)
        (convolution, weights) = try WeightBinding.primitive(
            prepared: weight.descriptor, any: DNNLMemory.any(weight.shape, backend.operandType), engine: engine
        ) { layout in
            var op = try backend.convDescriptor(geometry, weights: layout, bias: bias)
            return try DNNLPrimitive(op: &op, attributes: attributes, engine: engine, context: "conv \(geometry)")
        }
        sourceLayout = convolution.memoryDescriptor(dnnl_query_src_md)
        destinationLayout = convolution.memoryDescriptor(dnnl_query_dst_md)
        nchwInput = try DNNLMemory.rowMajor(geometry.inputShape, dnnl_f32)
        nchwOutput = try DNNLMemory.rowMajor(geometry.outputShape, dnnl_f32)
        biasLayout = try DNNLMemory.rowMajor([geometry.outChannels], dnnl_f32)
        toSource = DNNLMemory.equal(sourceLayout, nchwInput)
            ? nil : try DNNLPrimitive.reorder(from: nchwInput, to: sourceLayout, engine: engine)
        let sameOutput = DNNLMemory.equal(destinationLayout, nchwOutput)
        fromDestination = sameOutput ? nil : try DNNLPrimitive.reorder(from: destinationLayout, to: nchwOutput, engine: engine)
        toDestination = sameOutput || epilogue.residual == nil
            ? nil : try DNNLPrimitive.reorder(from: nchwOutput, to: destinationLayout, engine: engine)
    }

    /// Runs input (NCHW f32) -> output (NCHW f32), adding `residual` through the sum post-op.
    func run(input: Tensor, weight: DNNLWeight, bias: Tensor?, residual: Tensor?, backend: CPUBackend) throws -> Tensor {
        let engine = backend.engine
        let output = backend.uninitialized(geometry.outputShape)
        var source = input.storage, sourcePointer = input.rawPointer
        if let toSource {
            source = TensorStorage(uninitializedByteCount: DNNLMemory.byteSize(sourceLayout))
            sourcePointer = source.baseAddress
            try toSource.execute([
                .init(slot: DNNL_ARG_FROM, descriptor: nchwInput, pointer: input.rawPointer),
                .init(slot: DNNL_ARG_TO, descriptor: sourceLayout, pointer: sourcePointer),
            ], engine: engine)
        }
        let destination = fromDestination == nil
            ? output.storage : TensorStorage(uninitializedByteCount: DNNLMemory.byteSize(destinationLayout))
        if let residual {
            if let toDestination {
                try toDestination.execute([
                    .init(slot: DNNL_ARG_FROM, descriptor: nchwOutput, pointer: residual.rawPointer),
                    .init(slot: DNNL_ARG_TO, descriptor: destinationLayout, pointer: destination.baseAddress),
                ], engine: engine)
            } else {
                destination.baseAddress.copyMemory(from: residual.rawPointer, byteCount: residual.byteCount)
            }
        }
        var arguments: [DNNLEngine.Argument] = [
            .init(slot: DNNL_ARG_SRC, descriptor: sourceLayout, pointer: sourcePointer),
            .init(slot: DNNL_ARG_DST, descriptor: destinationLayout, pointer: destination.baseAddress),
        ]
        if let bias { arguments.append(.init(slot: DNNL_ARG_BIAS, descriptor: biasLayout, pointer: bias.rawPointer)) }
        try weights.withBytes(of: weight, scratch: backend.scratch, engine: engine) { weightBytes in
            arguments.append(.init(slot: DNNL_ARG_WEIGHTS, descriptor: weights.layout, pointer: weightBytes))
            try withExtendedLifetime(source) { try convolution.execute(arguments, engine: engine) }
        }
        if let fromDestination {
            try fromDestination.execute([
                .init(slot: DNNL_ARG_FROM, descriptor: destinationLayout, pointer: destination.baseAddress),
                .init(slot: DNNL_ARG_TO, descriptor: nchwOutput, pointer: output.rawPointer),
            ], engine: engine)
        }
        return output
    }
}
