import Foundation
import Testing
import Tensor
@testable import Checkpoint

@Suite struct SafetensorsTests {
    @Test func roundTripKeepsValuesShapesAndMetadata() throws {
        let dir = TestDirectory()
        let a = try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6], dtype: .f32)
        let b = try Tensor(shape: [4], values: [0.5, -1, 2, 65504], dtype: .f16)
        let c = try Tensor(shape: [1, 2], values: [3.140625, -0.25], dtype: .bf16)
        let path = dir.path("model.safetensors")
        try SafetensorsWriter.write(to: path, tensors: ["a": a, "b": b, "c": c], metadata: ["ss_output_name": "x\"y"])

        let file = try SafetensorsFile(path: path)
        #expect(file.metadata == ["ss_output_name": "x\"y"])
        #expect(file.infos["a"] == TensorInfo(dtype: .f32, shape: [2, 3]))
        #expect(try file.tensor("a").floats() == [1, 2, 3, 4, 5, 6])
        #expect(try file.tensor("b").floats() == [0.5, -1, 2, 65504])
        #expect(try file.tensor("c").dtype == .bf16)
        #expect(try file.tensor("c").floats() == [3.140625, -0.25])
    }

    @Test func tensorsAreViewsIntoOneMapping() throws {
        let dir = TestDirectory()
        let path = dir.path("m.safetensors")
        try SafetensorsWriter.write(to: path, tensors: ["x": Tensor(zeros: [8]), "y": Tensor(zeros: [8])])
        let file = try SafetensorsFile(path: path)
        let x = try file.tensor("x"), y = try file.tensor("y")
        #expect(x.storage === y.storage)
        #expect(x.byteOffset != y.byteOffset)
        #expect(x.storage.byteCount == Int(try FileManager.default.attributesOfItem(atPath: path)[.size] as! UInt64))
    }

    @Test func headerIsPaddedSoDataIsAligned() throws {
        let bytes = SafetensorsWriter.headerBytes(names: ["a"], planned: ["a": TensorInfo(dtype: .f32, shape: [1])], metadata: [:])
        #expect(bytes.count % 8 == 0)
    }

    @Test func unsupportedDTypeIsListedButNotReadable() throws {
        let dir = TestDirectory()
        let path = dir.write("i.safetensors", safetensorsBytes(
            header: #"{"ids":{"dtype":"I64","shape":[1,2],"data_offsets":[0,16]}}"#, data: Array(repeating: 0, count: 16)))
        let file = try SafetensorsFile(path: path)
        #expect(file.infos["ids"] == TensorInfo(dtype: .i64, shape: [1, 2]))
        #expect {
            try file.tensor("ids")
        } throws: { error in
            guard case let CheckpointError.unsupported(_, key, feature, _) = error else { return false }
            return key == "ids" && feature.contains("I64")
        }
        #expect(throws: CheckpointError.missingTensor(file: path, key: "nope")) { try file.tensor("nope") }
    }

    @Test(arguments: [
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,16]}}"#, "not inside"),
        (#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, "needs 12 bytes"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, "overlaps"),
        (#"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, "negative"),
        (#"{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,8]}}"#, "non-integer"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, "not inside"),
        (#"{"a":{"dtype":"F32","shape":[4294967296,4294967296,4],"data_offsets":[0,8]}}"#, "overflows"),
        (#"{"a":{"dtype":"F32"}}"#, "needs 'dtype'"),
        (#"[1,2]"#, "not a JSON object"),
        (#"{"a":"#, "not valid JSON"),
        (#"{"__metadata__":{"k":1}}"#, "not a string"),
    ])
    func malformedHeadersAreRejected(header: String, reason: String) throws {
        let dir = TestDirectory()
        let path = dir.write("bad.safetensors", safetensorsBytes(header: header, data: Array(repeating: 0, count: 8)))
        #expect {
            try SafetensorsFile(path: path)
        } throws: { error in
            guard case let CheckpointError.malformed(file, _, text) = error else { return false }
            return file == path && text.contains(reason)
        }
    }

    @Test func impossibleHeaderLengthIsRejectedBeforeReading() throws {
        let dir = TestDirectory()
        var bytes = withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { Array($0) }
        bytes += Array("{}".utf8)
        let path = dir.write("huge.safetensors", bytes)
        #expect(throws: CheckpointError.self) { try SafetensorsFile(path: path) }
        #expect(throws: CheckpointError.self) { try SafetensorsFile(path: dir.write("short", [1, 2, 3])) }
        #expect(throws: CheckpointError.self) { try SafetensorsFile(path: dir.write("empty", [])) }
        #expect(throws: CheckpointError.self) { try SafetensorsFile(path: dir.path("missing")) }
    }

    @Test func unknownDTypeNamesTheDType() throws {
        let dir = TestDirectory()
        let path = dir.write("q.safetensors", safetensorsBytes(
            header: #"{"a":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}}"#, data: [0]))
        #expect {
            try SafetensorsFile(path: path)
        } throws: { error in
            "\(error)".contains("Q4")
        }
    }
}
