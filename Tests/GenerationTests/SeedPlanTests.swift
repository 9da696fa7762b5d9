import Testing
@testable import Generation

struct SeedPlanTests {
    @Test func seedsCountUpPerImage() {
        let plan = SeedPlan(seed: 100, subseed: 7, subseedStrength: 0, count: 4)
        #expect(plan.seeds == [100, 101, 102, 103])
        #expect(plan.subseeds == [7, 8, 9, 10])
        #expect(plan.batch(1, size: 2).seeds == [102, 103])
    }

    @Test func variationStrengthKeepsOneSeed() {
        let plan = SeedPlan(seed: 5, subseed: 50, subseedStrength: 0.5, count: 3)
        #expect(plan.seeds == [5, 5, 5])
        #expect(plan.subseeds == [50, 51, 52])
    }

    @Test func minusOneIsRandomInA1111Range() {
        var draws = [42, 43]
        let plan = SeedPlan(seed: -1, subseed: -1, subseedStrength: 0, count: 2) { draws.removeFirst() }
        #expect(plan.seeds == [42, 43])
        #expect(plan.subseeds == [43, 44])
        for _ in 0..<100 { #expect((0..<4_294_967_294).contains(SeedPlan.randomSeed())) }
    }

    @Test func otherNegativeSeedsAreKept() {
        #expect(SeedPlan(seed: -5, subseed: 0, subseedStrength: 0, count: 2).seeds == [-5, -4])
    }
}
