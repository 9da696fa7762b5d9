import Foundation
import Testing
@testable import Prompting

@Suite struct CLIPTokenizerTests {
    struct Corpus: Decodable {
        struct Case: Decodable { let text: String; let ids: [Int32] }
        let cases: [Case]
    }

    @Test func matchesTransformersOnTheCorpus() throws {
        let corpus = try Fixtures.load(
            Corpus.self, from: "tokenizer_corpus.json", version: 1,
            generator: "tools/fixtures/prompting/make_tokenizer_corpus.py")
        #expect(corpus.cases.count >= 500)
        let tokenizer = try CLIPTokenizer.bundled()
        var failures: [String] = []
        for item in corpus.cases {
            let ids = tokenizer.encode(item.text)
            if ids != item.ids {
                let at = zip(ids, item.ids).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(ids.count, item.ids.count)
                failures.append("\(item.text.debugDescription): first difference at \(at): got \(ids) expected \(item.ids)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(corpus.cases.count) differ:\n\(failures.prefix(10).joined(separator: "\n"))")
    }

    @Test func knownIDs() throws {
        let tokenizer = try CLIPTokenizer.bundled()
        #expect(tokenizer.encode("a photo of a cat") == [320, 1125, 539, 320, 2368])
        #expect(tokenizer.encode("<|startoftext|><|endoftext|>") == [49406, 49407])
        #expect(tokenizer.tokenText(2368) == "cat</w>")
        #expect(tokenizer.readableToken(15304) == "café</w>")
        #expect(tokenizer.readableToken(49407) == "<|endoftext|>")
        #expect(tokenizer.tokenText(49408) == nil)
    }

    @Test func loadsQuickly() throws {
        let text = try String(contentsOf: Fixtures.directory
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Prompting/Resources/clip-merges.txt"), encoding: .utf8)
        let start = ContinuousClock.now
        let tokenizer = try CLIPTokenizer(mergesText: text)
        let elapsed = ContinuousClock.now - start
        #expect(tokenizer.vocabulary.tokens.count == CLIPTokenizer.vocabularySize)
        // Debug builds are several times slower than release; the release target is < 0.3 s.
        #expect(elapsed < .seconds(3), "building the vocabulary took \(elapsed)")
    }

    @Test func rejectsABrokenMergesFile() {
        #expect(throws: PromptingError.self) { try CLIPTokenizer(mergesText: "no header\na b\n") }
        #expect(throws: PromptingError.self) { try CLIPTokenizer(mergesText: "#version: 0.2\nzz qq\n") }
    }
}
