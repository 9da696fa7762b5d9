import Foundation

/// NVIDIA's Align Your Steps noise levels for 10 steps, as A1111 ships them, stretched to other
/// step counts by linear interpolation of log σ.
public enum AlignYourSteps {
    public enum Family: String, Sendable { case stableDiffusion1, stableDiffusionXL }

    static func table(_ family: Family) -> [Double] {
        switch family {
        case .stableDiffusion1:
            [14.615, 6.475, 3.861, 2.697, 1.886, 1.396, 0.963, 0.652, 0.399, 0.152, 0.029]
        case .stableDiffusionXL:
            [14.615, 6.315, 3.771, 2.181, 1.342, 0.862, 0.555, 0.380, 0.234, 0.113, 0.029]
        }
    }

    /// `steps` + 1 sigmas ending in 0.
    static func sigmas(steps: Int, family: Family) -> [Double] {
        let table = table(family)
        guard steps != table.count else { return table + [0] }
        // np.interp over the reversed (ascending) log table at evenly spaced positions.
        let logs = table.reversed().map { Foundation.log($0) }
        let interpolated = (0..<steps).map { k -> Double in
            let position = steps == 1 ? 0 : Double(k) / Double(steps - 1) * Double(logs.count - 1)
            let low = min(Int(position), logs.count - 2)
            let w = position - Double(low)
            return Foundation.exp(logs[low] + w * (logs[low + 1] - logs[low]))
        }
        return interpolated.reversed() + [0]
    }
}
