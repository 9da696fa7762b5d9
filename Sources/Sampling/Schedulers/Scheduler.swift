/// A sigma scheduler, named as A1111 names it (spec §4.4), plus ComfyUI's `linear_quadratic`.
/// ComfyUI's other scheduler names resolve to the A1111 entry of the same name or purpose
/// (`ddim_uniform` → DDIM); where the two UIs compute a name differently (`beta`,
/// `kl_optimal`) the A1111 formula is used.
public enum Scheduler: String, Sendable, CaseIterable {
    case automatic, uniform, karras, exponential, polyexponential
    case sgmUniform = "sgm_uniform"
    case klOptimal = "kl_optimal"
    case alignYourSteps = "align_your_steps"
    case simple, normal, ddim, beta
    case linearQuadratic = "linear_quadratic"

    /// The request/API name (`/schedulers` `name`).
    public var name: String { rawValue }

    /// The display label (`/schedulers` `label`, infotext "Schedule type").
    public var label: String {
        switch self {
        case .automatic: "Automatic"
        case .uniform: "Uniform"
        case .karras: "Karras"
        case .exponential: "Exponential"
        case .polyexponential: "Polyexponential"
        case .sgmUniform: "SGM Uniform"
        case .klOptimal: "KL Optimal"
        case .alignYourSteps: "Align Your Steps"
        case .simple: "Simple"
        case .normal: "Normal"
        case .ddim: "DDIM"
        case .beta: "Beta"
        case .linearQuadratic: "Linear Quadratic"
        }
    }

    /// A1111's `aliases` (null for all but SGM Uniform).
    public var aliases: [String]? {
        self == .sgmUniform ? ["SGMUniform"] : nil
    }

    /// Whether A1111's `/schedulers` lists it; ComfyUI-only schedules are accepted by name but
    /// not offered, so A1111 clients see A1111's list.
    public var isListedByA1111: Bool { self != .linearQuadratic }

    /// Further accepted spellings that `/schedulers` does not list (ComfyUI names).
    var extraSpellings: [String] {
        self == .ddim ? ["ddim_uniform"] : []
    }

    /// A1111's `default_rho` (−1 when the scheduler has no ρ).
    public var defaultRho: Double {
        switch self {
        case .karras: 7
        case .polyexponential: 1
        default: -1
        }
    }

    /// A1111's `need_inner_model`: the schedule reads the model's sigma table.
    public var needsInnerModel: Bool {
        switch self {
        case .uniform, .sgmUniform, .simple, .normal, .ddim, .beta: true
        default: false
        }
    }

    /// Resolves a name, label or alias, case-sensitively first and then ignoring case.
    public static func named(_ text: String) -> Scheduler? {
        let spellings = { (s: Scheduler) in [s.name, s.label] + (s.aliases ?? []) + s.extraSpellings }
        return allCases.first { spellings($0).contains(text) }
            ?? allCases.first { spellings($0).contains { $0.lowercased() == text.lowercased() } }
    }

    /// Resolves a name or throws a typed error listing the accepted names.
    public static func resolve(_ text: String) throws -> Scheduler {
        guard let scheduler = named(text) else {
            throw SamplingError.unknownScheduler(text, known: allCases.map(\.name))
        }
        return scheduler
    }
}
