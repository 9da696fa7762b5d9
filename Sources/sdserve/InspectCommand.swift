import ArgumentParser
import Checkpoint
import Foundation

/// `sdserve inspect FILE`: what a model file is and what is inside it.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a checkpoint, VAE, LoRA or embedding file (format, architecture, dtypes, sizes).")

    @Argument(help: "Model file (.safetensors, .ckpt, .pt).")
    var file: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        let report = try ModelInspector.inspect(path: file, fileBytes: bytes)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(InspectText.render(report))
        }
    }
}

/// The human-readable form of a `ModelReport`.
enum InspectText {
    static func render(_ r: ModelReport) -> String {
        var lines = ["file:          \(r.file) (\(megabytes(r.fileBytes)))", "format:        \(r.format.rawValue)"]
        lines.append("architecture:  \(r.architecture)")
        if let prediction = r.prediction { lines.append("prediction:    \(prediction.rawValue)\(r.zeroTerminalSNR == true ? " (zero terminal SNR)" : "")") }
        if let layout = r.layout { lines.append("key layout:    \(layout.rawValue)") }
        if let scale = r.latentScaleFactor { lines.append("latent scale:  \(scale)") }
        lines.append("dtypes:        " + r.dtypes.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
        lines.append("parameters:    " + r.parameters.sorted { $0.key < $1.key }.map { "\($0.key) \(millions($0.value))" }.joined(separator: ", "))
        if let u = r.unet {
            lines.append("unet:          \(u.modelChannels) ch × \(u.channelMult), in \(u.inChannels), context \(u.contextDim.map(String.init) ?? "-"), "
                + "depth \(u.transformerDepth), middle \(u.transformerDepthMiddle)\(u.admInChannels.map { ", adm \($0)" } ?? "")")
        }
        for e in r.textEncoders ?? [] {
            let c = e.config
            lines.append("text encoder:  \(e.role.rawValue): \(c.layers) layers × \(c.width), \(c.heads) heads, vocab \(c.vocabSize)"
                + "\(c.projectionDim.map { ", projection \($0)" } ?? "")")
        }
        if let v = r.vae { lines.append("vae:           \(v.baseChannels) ch × \(v.channelMult), latent \(v.latentChannels), downscale \(v.downscaleFactor)") }
        if let l = r.lora {
            lines.append("lora:          \(l.modules) modules (\(l.unetModules) unet, \(l.textEncoderModules) text), forms \(l.forms), ranks \(l.ranks), alphas \(l.alphas)")
            if let hint = l.baseHint { lines.append("lora base:     \(hint)") }
            if l.usesDoRA { lines.append("warning:       uses DoRA (dora_scale), which sdserve does not apply") }
        }
        if let e = r.embedding {
            lines.append("embedding:     '\(e.name)', \(e.vectors) vectors, widths \(e.widths)\(e.step.map { ", step \($0)" } ?? "")")
        }
        if !r.metadata.isEmpty {
            lines.append("metadata:      " + r.metadata.keys.sorted().prefix(12).map { "\($0)=\(r.metadata[$0]!.prefix(40))" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    private static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
    private static func millions(_ count: Int) -> String { String(format: "%.2fM", Double(count) / 1_000_000) }
}
