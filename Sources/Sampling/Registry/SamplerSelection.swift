/// A request's sampler and scheduler, resolved as A1111 v1.10's API does
/// (`get_sampler_and_scheduler`), except that an unknown name is an error instead of a silent
/// fallback to DPM++ 2M.
public struct SamplerSelection: Sendable, Equatable {
    public let sampler: SamplerDefinition
    /// The scheduler to run; `automatic` means the sampler's default (or uniform spacing).
    public let scheduler: Scheduler

    /// - Parameters:
    ///   - samplerName: `sampler_name`; may end in a scheduler label/name/alias ("DPM++ 2M Karras").
    ///   - samplerIndex: `sampler_index`, used when `sampler_name` is empty (API default "Euler").
    ///   - scheduler: `scheduler` (name, label or alias); empty/nil means Automatic. A scheduler
    ///     suffix on the sampler name wins over it.
    public init(samplerName: String?, samplerIndex: String? = nil, scheduler: String? = nil) throws {
        var name = [samplerName, samplerIndex].compactMap { $0 }.first { !$0.isEmpty } ?? "DPM++ 2M"
        var chosen = try scheduler.flatMap { $0.isEmpty ? nil : try Scheduler.resolve($0) } ?? .automatic
        if SamplerRegistry.named(name) == nil, let (base, suffix) = Self.splitSchedulerSuffix(name) {
            name = base
            chosen = suffix
        }
        guard let sampler = SamplerRegistry.named(name) else {
            throw SamplingError.unknownSampler(name, known: SamplerRegistry.names)
        }
        // A scheduler equal to the sampler's default is reported as Automatic.
        if chosen == sampler.defaultScheduler { chosen = .automatic }
        self.sampler = sampler
        self.scheduler = chosen
    }

    /// The scheduler that actually computes the sigmas.
    public var effectiveScheduler: Scheduler {
        scheduler == .automatic ? (sampler.defaultScheduler ?? .uniform) : scheduler
    }

    /// "Schedule type" for infotext: the label, or nil for Automatic.
    public var scheduleTypeLabel: String? { scheduler == .automatic ? nil : scheduler.label }

    /// "<sampler> <scheduler spelling>" with the longest matching scheduler spelling.
    private static func splitSchedulerSuffix(_ text: String) -> (String, Scheduler)? {
        var best: (String, Scheduler, Int)?
        for scheduler in Scheduler.allCases {
            for spelling in [scheduler.label, scheduler.name] + (scheduler.aliases ?? []) + scheduler.extraSpellings
            where text.count > spelling.count + 1 && text.lowercased().hasSuffix(" " + spelling.lowercased()) {
                if spelling.count > (best?.2 ?? -1) {
                    best = (String(text.dropLast(spelling.count + 1)), scheduler, spelling.count)
                }
            }
        }
        return best.map { ($0.0, $0.1) }
    }
}
