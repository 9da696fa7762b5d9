import Generation
import SDTesting
import Tensor
import Testing

@Suite struct ConditioningPaddingTests {
    let backend = ReferenceBackend()

    func context(chunks: Int, value: Float, width: Int = 3) throws -> Tensor {
        try Tensor(shape: [1, 77 * chunks, width], values: Array(repeating: value, count: 77 * chunks * width))
    }

    @Test func shorterSideGetsEmptyPromptChunks() throws {
        let empty = try context(chunks: 1, value: 9)
        let cond = PromptConditioning(crossAttention: try context(chunks: 3, value: 1), vector: nil)
        let uncond = PromptConditioning(crossAttention: try context(chunks: 1, value: 2), vector: nil)
        let (paddedCond, paddedUncond) = try ConditioningPadding.equalized(cond, uncond, emptyPrompt: empty, backend: backend)
        #expect(paddedCond.crossAttention.floats() == cond.crossAttention.floats())
        #expect(paddedUncond.crossAttention.shape == [1, 231, 3])
        let values = paddedUncond.crossAttention.floats()
        #expect(values[0..<231].allSatisfy { $0 == 2 } && values[231...].allSatisfy { $0 == 9 })
    }

    @Test func stackingRepeatsTheLastTokenVector() throws {
        let long = try context(chunks: 2, value: 1)
        let short = try Tensor(shape: [1, 77, 3], values: (0..<231).map(Float.init))
        let stacked = try ConditioningPadding.stacked([long, short], backend: backend)
        #expect(stacked.shape == [2, 154, 3])
        let second = Array(stacked.floats()[462...])
        #expect(Array(second[0..<231]) == short.floats())
        for token in 77..<154 { #expect(Array(second[token * 3..<token * 3 + 3]) == [228, 229, 230]) }
    }
}
