import Foundation

/// CLIP's byte-level BPE tokenizer (the one SD1, SD2 and SDXL text encoders share), matching
/// transformers' `CLIPTokenizer` with `add_special_tokens=False`. Exact spellings of the special
/// tokens in the text become their ids; everything else is cleaned, split and byte-pair encoded.
public struct CLIPTokenizer: Sendable {
    public static let startOfText: Int32 = 49406
    public static let endOfText: Int32 = 49407
    public static let vocabularySize = 49408
    static let startOfTextText = "<|startoftext|>"
    static let endOfTextText = "<|endoftext|>"

    let vocabulary: BPEVocabulary

    /// Builds the tokenizer from the text of a CLIP merges file (`#version` line + 48,894 merges).
    public init(mergesText: String, file: String = "merges") throws(PromptingError) {
        vocabulary = try BPEVocabulary(mergesText: mergesText, file: file)
    }

    /// The tokenizer over the merges file that ships with sdserve, loaded once per process.
    public static func bundled() throws(PromptingError) -> CLIPTokenizer {
        try bundledResult.get()
    }

    private static let bundledResult = Result { () throws(PromptingError) -> CLIPTokenizer in
        let url = try BundledResources.url(of: "clip-merges", extension: "txt")
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .vocabularyUnreadable(file: url.path, reason: "\(error)")
        }
        return try CLIPTokenizer(mergesText: text, file: url.path)
    }

    /// Token ids of `text`, without start/end tokens.
    public func encode(_ text: String) -> [Int32] {
        var ids: [Int32] = []
        var rest = Substring(text)
        while let (range, id) = nextSpecialToken(in: rest) {
            ids += encodePlain(String(rest[..<range.lowerBound]))
            ids.append(id)
            rest = rest[range.upperBound...]
        }
        return ids + encodePlain(String(rest))
    }

    /// The vocabulary entry of `id` in CLIP's byte alphabet (`</w>` marks a word end), or nil.
    public func tokenText(_ id: Int32) -> String? {
        vocabulary.tokens.indices.contains(Int(id)) ? vocabulary.tokens[Int(id)] : nil
    }

    /// The text a token stands for, bytes decoded as UTF-8 (lossy for partial characters),
    /// with `</w>` kept to show a word end; nil for ids outside the vocabulary.
    public func readableToken(_ id: Int32) -> String? {
        guard let token = tokenText(id) else { return nil }
        guard id < Self.startOfText else { return token }
        let wordEnd = token.hasSuffix(BPEVocabulary.wordEnd)
        let body = wordEnd ? String(token.dropLast(BPEVocabulary.wordEnd.count)) : token
        let bytes = body.compactMap { ByteCharacters.byteOf[$0] }
        return String(decoding: bytes, as: UTF8.self) + (wordEnd ? BPEVocabulary.wordEnd : "")
    }

    private func encodePlain(_ text: String) -> [Int32] {
        CLIPPreTokenizer.pieces(of: text).flatMap { vocabulary.encode(piece: $0) }
    }

    private func nextSpecialToken(in text: Substring) -> (Range<Substring.Index>, Int32)? {
        let candidates = [(Self.startOfTextText, Self.startOfText), (Self.endOfTextText, Self.endOfText)]
            .compactMap { spelling, id in text.range(of: spelling).map { ($0, id) } }
        return candidates.min { $0.0.lowerBound < $1.0.lowerBound }
    }
}
