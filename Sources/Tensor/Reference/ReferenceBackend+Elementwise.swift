import Foundation

extension ReferenceBackend {
    public func activation(_ x: Tensor, _ kind: Activation) throws -> Tensor {
        try output(x.shape, x.floats().map { Float(Self.apply(kind, Double($0))) })
    }

    public func geglu(_ x: Tensor) throws -> Tensor {
        guard let width = x.shape.last, width % 2 == 0 else {
            throw TensorError.invalidArgument(op: "geglu", reason: "last dim of \(x.shape) must be even")
        }
        let half = width / 2
        let xs = x.floats()
        var out = [Float](repeating: 0, count: x.count / 2)
        for row in 0..<(x.count / max(width, 1)) {
            for i in 0..<half {
                let a = Double(xs[row * width + i]), gate = Double(xs[row * width + half + i])
                out[row * half + i] = Float(a * Self.apply(.geluExact, gate))
            }
        }
        return try output(Array(x.shape.dropLast()) + [half], out)
    }

    public func binary(_ a: Tensor, _ b: Tensor, _ op: BinaryOp) throws -> Tensor {
        let shape = try Shape.broadcast(a.shape, b.shape, op: "binary \(op.rawValue)")
        let aStrides = Shape.broadcastStrides(a.shape, to: shape), bStrides = Shape.broadcastStrides(b.shape, to: shape)
        let outStrides = Shape.strides(shape)
        let av = a.floats(), bv = b.floats()
        var out = [Float](repeating: 0, count: shape.reduce(1, *))
        for i in 0..<out.count {
            var ai = 0, bi = 0
            for d in 0..<shape.count {
                let idx = (i / outStrides[d]) % shape[d]
                ai += idx * aStrides[d]
                bi += idx * bStrides[d]
            }
            switch op {
            case .add: out[i] = av[ai] + bv[bi]
            case .sub: out[i] = av[ai] - bv[bi]
            case .mul: out[i] = av[ai] * bv[bi]
            case .div: out[i] = av[ai] / bv[bi]
            }
        }
        return try output(shape, out)
    }

    public func affine(_ x: Tensor, scale: Float, offset: Float) throws -> Tensor {
        try output(x.shape, x.floats().map { $0 * scale + offset })
    }

    static func apply(_ kind: Activation, _ x: Double) -> Double {
        switch kind {
        case .silu: x / (1 + exp(-x))
        case .geluExact: 0.5 * x * (1 + erf(x / 2.0.squareRoot()))
        case .geluTanh: 0.5 * x * (1 + tanh((2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)))
        case .quickGELU: x / (1 + exp(-1.702 * x))
        }
    }
}
