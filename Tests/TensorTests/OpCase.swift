import SDTesting
import Tensor

/// One op case from `Tests/Fixtures/tensor/manifest.json` (written by
/// `tools/fixtures/tensor/make_fixtures.py`), and how to run it on any backend.
struct OpCase: Decodable, Sendable {
    let name: String
    let op: String
    let inputs: [String]
    let output: String
    let ints: [String: IntList]
    let floats: [String: Float]
    let strings: [String: String]

    /// An int or a list of ints in the manifest.
    struct IntList: Decodable, Sendable {
        let values: [Int]
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let single = try? container.decode(Int.self) { values = [single] } else { values = try container.decode([Int].self) }
        }
    }

    struct Manifest: Decodable { let cases: [OpCase] }

    static let formatVersion = 2

    static func loadAll() throws -> (FixtureSet, [OpCase]) {
        let fixtures = try FixtureSet(area: "tensor", expectedVersion: formatVersion)
        return (fixtures, try fixtures.decodeManifest(as: Manifest.self).cases)
    }

    func int(_ key: String) throws -> Int { try list(key)[0] }

    func list(_ key: String) throws -> [Int] {
        guard let value = ints[key], !value.values.isEmpty else { throw OpCaseError.missingParameter(name, key) }
        return value.values
    }

    func activation() throws -> Activation {
        guard let raw = strings["activation"], let kind = Activation(rawValue: raw) else {
            throw OpCaseError.missingParameter(name, "activation")
        }
        return kind
    }

    /// Runs this case's op on `backend` with the fixture's inputs.
    func run(on backend: any Backend, fixtures: FixtureSet) throws -> Tensor {
        let x = try inputs.map { try fixtures.tensor(named: $0) }
        let optional = { (i: Int) in i < x.count ? x[i] : nil }
        switch op {
        case "linear":
            return try backend.linear(x[0], weight: backend.prepareLinearWeight(x[1]), bias: optional(2))
        case "linearEpilogue":
            return try backend.linear(
                x[0], weight: backend.prepareLinearWeight(x[1]), bias: x[2],
                epilogue: Epilogue(activation: activation(), residual: x[3]))
        case "matmul":
            return try backend.matmul(x[0], x[1], transposeB: ints["transposeB"] != nil)
        case "attention":
            return try backend.attention(q: x[0], k: x[1], v: x[2], scale: floats["scale"], causal: ints["causal"] != nil)
        case "conv2d", "conv2dEpilogue":
            var options = Conv2DOptions(stride: try int("stride"), padding: try int("padding"))
            if ints["circular"] != nil { options.paddingMode = .circular }
            let weight = try backend.prepareConvWeight(x[1])
            guard op == "conv2dEpilogue" else { return try backend.conv2d(x[0], weight: weight, bias: optional(2), options: options) }
            return try backend.conv2d(
                x[0], weight: weight, bias: x[2], options: options, epilogue: Epilogue(activation: activation(), residual: x[3]))
        case "groupNorm", "groupNormSiLU":
            return try backend.groupNorm(
                x[0], groups: int("groups"), weight: optional(1), bias: optional(2), eps: floats["eps"] ?? 1e-5,
                activation: op == "groupNormSiLU" ? .silu : nil)
        case "layerNorm":
            return try backend.layerNorm(x[0], weight: optional(1), bias: optional(2), eps: floats["eps"] ?? 1e-5)
        case "softmax":
            return try backend.softmax(x[0])
        case "mean":
            return try backend.mean(x[0], dims: list("dims"), keepDims: int("keepDims") != 0)
        case "variance":
            return try backend.variance(x[0], dims: list("dims"), correction: int("correction"), keepDims: int("keepDims") != 0)
        case "activation":
            return try backend.activation(x[0], activation())
        case "geglu":
            return try backend.geglu(x[0])
        case "add", "sub", "mul", "div":
            guard let kind = BinaryOp(rawValue: op) else { throw OpCaseError.unknownOp(name, op) }
            return try backend.binary(x[0], x[1], kind)
        case "affine":
            return try backend.affine(x[0], scale: floats["scale"] ?? 1, offset: floats["offset"] ?? 0)
        case "convert":
            guard let dtype = strings["dtype"].flatMap(DType.init(rawValue:)) else { throw OpCaseError.missingParameter(name, "dtype") }
            return try backend.convert(x[0], to: dtype)
        case "concat":
            return try backend.concat(x, dim: int("dim"))
        case "slice":
            return try backend.slice(x[0], dim: int("dim"), start: int("start"), end: int("end"))
        case "permute":
            return try backend.permute(x[0], list("dims"))
        case "pad":
            return try backend.pad(x[0], before: list("before"), after: list("after"))
        case "embedding":
            return try backend.embedding(x[0], indices: list("indices"))
        case "resizeNearest":
            let size = try list("size")
            return try backend.resizeNearest(x[0], height: size[0], width: size[1])
        case "bilinear", "bicubic":
            let size = try list("size")
            guard let mode = ResizeMode(rawValue: op) else { throw OpCaseError.unknownOp(name, op) }
            return try backend.resize(x[0], height: size[0], width: size[1], mode: mode)
        default:
            throw OpCaseError.unknownOp(name, op)
        }
    }
}

enum OpCaseError: Error, CustomStringConvertible {
    case unknownOp(String, String)
    case missingParameter(String, String)

    var description: String {
        switch self {
        case let .unknownOp(name, op): "case \(name): no runner for op \(op); add it to OpCase.run"
        case let .missingParameter(name, key): "case \(name): manifest lacks parameter \(key)"
        }
    }
}
