import CDNNL
import CKernels

extension CPUBackend {
    /// Spatial size used to let oneDNN choose a weight layout at load time.
    static let layoutProbeSize = 32

    public func prepareConvWeight(_ weight: Tensor) throws -> PreparedWeight {
        guard weight.rank == 4 else {
            throw TensorError.invalidArgument(
                op: "prepareConvWeight", reason: "expected [outC, inC, kH, kW], got \(weight.shape)")
        }
        let (oc, ic, kh, kw) = (weight.shape[0], weight.shape[1], weight.shape[2], weight.shape[3])
        let size = Self.layoutProbeSize
        let geometry = ConvGeometry(
            batch: 1, inChannels: ic, height: size + kh - 1, width: size + kw - 1, outChannels: oc, kernelH: kh, kernelW: kw,
            options: Conv2DOptions())
        var op = try convDescriptor(geometry, weights: DNNLMemory.any(weight.shape, operandType), bias: false)
        let probe = try DNNLPrimitive(op: &op, attributes: nil, engine: engine, context: "conv \(weight.shape) layout")
        let prepared = try DNNLWeight.reordered(
            try operandSource(weight), sourceDescriptor: DNNLMemory.rowMajor(weight.shape, dnnl_f32),
            into: probe.memoryDescriptor(dnnl_query_weights_md), compactType: compactType(storedAs: weight.dtype), shape: weight.shape,
            precision: precision, engine: engine)
        return PreparedWeight(original: weight, backendData: prepared)
    }

    public func conv2d(_ x: Tensor, weight: PreparedWeight, bias: Tensor?, options: Conv2DOptions) throws -> Tensor {
        try conv2d(x, weight: weight, bias: bias, options: options, epilogue: .none)
    }

    /// `residual + activation(conv(x) + bias)` as one oneDNN convolution with post-ops. The
    /// primitive runs on the blocked/NHWC activation layout it prefers; NCHW is converted on
    /// the way in and out (a cheap pass next to the convolution itself).
    public func conv2d(
        _ x: Tensor, weight: PreparedWeight, bias: Tensor?, options: Conv2DOptions, epilogue: Epilogue
    ) throws -> Tensor {
        if options.paddingMode == .circular {
            // oneDNN pads with zeros only: wrap the input first, then convolve unpadded.
            var unpadded = options
            (unpadded.padH, unpadded.padW, unpadded.paddingMode) = (0, 0, .zeros)
            let wrapped = try circularPad(x, height: options.padH, width: options.padW)
            return try conv2d(wrapped, weight: weight, bias: bias, options: unpadded, epilogue: epilogue)
        }
        let w = try dnnlWeight(weight, prepare: prepareConvWeight)
        guard x.rank == 4, x.shape[1] == w.shape[1] else {
            throw TensorError.shapeMismatch(op: "conv2d", expected: [x.shape.first ?? 0, w.shape[1], -1, -1], got: x.shape)
        }
        let geometry = ConvGeometry(
            batch: x.shape[0], inChannels: x.shape[1], height: x.shape[2], width: x.shape[3], outChannels: w.shape[0],
            kernelH: w.shape[2], kernelW: w.shape[3], options: options)
        guard geometry.outHeight > 0, geometry.outWidth > 0 else {
            throw TensorError.invalidArgument(op: "conv2d", reason: "kernel \(w.shape) larger than padded input \(x.shape)")
        }
        let biasVector = try vector(bias, count: geometry.outChannels, op: "conv2d bias")
        let outputShape = geometry.outputShape
        if let residual = epilogue.residual, residual.shape != outputShape {
            throw TensorError.shapeMismatch(op: "conv2d residual", expected: outputShape, got: residual.shape)
        }
        let key = "conv \(geometry) \(bias != nil) \(epilogue.activation?.rawValue ?? "-") \(epilogue.residual != nil) \(precision)"
        let plan = try cache.value(for: key) {
            try ConvPlan(geometry: geometry, weight: w, bias: bias != nil, epilogue: epilogue, backend: self)
        }
        return try plan.run(input: operandSource(x), weight: w, bias: biasVector, residual: epilogue.residual.map(f32), backend: self)
    }

    /// A convolution descriptor with activations in format `any` (the primitive's choice).
    func convDescriptor(_ g: ConvGeometry, weights: dnnl_memory_desc_t, bias: Bool) throws -> dnnl_convolution_desc_t {
        var src = try DNNLMemory.any(g.inputShape, operandType)
        var wei = weights
        var dst = try DNNLMemory.any(g.outputShape, dnnl_f32)
        var biasDescriptor = bias ? try DNNLMemory.rowMajor([g.outChannels], dnnl_f32) : dnnl_memory_desc_t()
        var op = dnnl_convolution_desc_t()
        let strides = DNNLMemory.dims([g.options.strideH, g.options.strideW])
        let padding = DNNLMemory.dims([g.options.padH, g.options.padW])
        try withUnsafePointer(to: &biasDescriptor) { biasPointer in
            try dnnlCheck(
                dnnl_convolution_forward_desc_init(
                    &op, dnnl_forward_inference, dnnl_convolution_direct, &src, &wei, bias ? biasPointer : nil, &dst,
                    strides, padding, padding),
                "convolution_forward_desc_init", "\(g)")
        }
        return op
    }
}
