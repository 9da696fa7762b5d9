import Generation

/// Request checks that need more than one field or the server's limits: A1111's own (scripts,
/// init images) and sdserve's `--max-pixels` and `--max-batch`.
struct GenerationLimits: Sendable {
    var maxPixels: Int
    var maxBatch: Int

    init(configuration: ServerConfiguration) {
        maxPixels = configuration.maxPixels
        maxBatch = configuration.maxBatch
    }

    func check(_ request: Txt2ImgRequest) throws {
        try checkScripts(request.common)
        var issues = sizeIssues(request.common)
        if request.enableHR {
            let (width, height) = Self.hiresSize(request)
            if width * height > maxPixels {
                issues.append(ValidationIssue(
                    location: ["body", "hr_scale"],
                    message: "hires fix target \(width)x\(height) = \(width * height) pixels exceeds the server limit of \(maxPixels) (--max-pixels)",
                    type: "value_error.max_pixels", context: ["limit_value": .int(maxPixels)]))
            }
        }
        if !issues.isEmpty { throw RequestValidationError(issues) }
    }

    func check(_ request: Img2ImgRequest) throws {
        guard let images = request.initImages, !images.isEmpty else {
            throw APIError(status: .notFound, detail: "Init image not found")
        }
        try checkScripts(request.common)
        let issues = sizeIssues(request.common)
        if !issues.isEmpty { throw RequestValidationError(issues) }
    }

    /// sdserve has no A1111 scripts, so any script named is unknown (A1111 answers 422).
    private func checkScripts(_ fields: GenerationFields) throws {
        if let script = fields.scriptName, !script.isEmpty {
            throw APIError(status: .unprocessableContent, detail: "Script '\(script)' not found")
        }
        if let script = fields.alwaysonScripts.entries.first?.key {
            throw APIError(status: .unprocessableContent, detail: "Script '\(script)' not found")
        }
    }

    private func sizeIssues(_ fields: GenerationFields) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if fields.width * fields.height > maxPixels {
            issues.append(ValidationIssue(
                location: ["body", "width"],
                message: "\(fields.width)x\(fields.height) = \(fields.width * fields.height) pixels exceeds the server limit of \(maxPixels) (--max-pixels)",
                type: "value_error.max_pixels", context: ["limit_value": .int(maxPixels)]))
        }
        if fields.batchSize > maxBatch {
            issues.append(ValidationIssue(
                location: ["body", "batch_size"], message: "ensure this value is less than or equal to \(maxBatch)",
                type: "value_error.number.not_le", context: ["limit_value": .int(maxBatch)]))
        }
        return issues
    }

    /// The final size of a hires-fix job, as A1111 computes it (with the legacy
    /// `firstphase_*` fields, `width`/`height` already are the final size).
    static func hiresSize(_ request: Txt2ImgRequest) -> (Int, Int) {
        let width = request.common.width
        let height = request.common.height
        if request.firstphaseWidth > 0 || request.firstphaseHeight > 0 { return (width, height) }
        switch (request.hrResizeX, request.hrResizeY) {
        case (0, 0): return (Int(Double(width) * request.hrScale), Int(Double(height) * request.hrScale))
        case (let x, 0): return (x, x * height / max(width, 1))
        case (0, let y): return (y * width / max(height, 1), y)
        case (let x, let y): return (x, y)
        }
    }
}
