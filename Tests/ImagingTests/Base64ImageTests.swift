import Testing

@testable import Imaging

@Suite struct Base64ImageTests {
    @Test func roundTripsEveryLengthRemainder() throws {
        for length in 1...10 {
            let bytes = (0..<length).map { UInt8(($0 * 97 + 13) % 256) }
            #expect(try Base64Image.decode(Base64Image.encode(bytes)) == bytes)
        }
        #expect(Base64Image.encode(Array("Man".utf8)) == "TWFu")
        #expect(Base64Image.encode(Array("Ma".utf8)) == "TWE=")
        #expect(Base64Image.encode(Array("M".utf8)) == "TQ==")
    }

    @Test func acceptsDataURLsWhitespaceAndMissingPadding() throws {
        let expected = Array("hello image".utf8)
        #expect(try Base64Image.decode("data:image/png;base64,aGVsbG8gaW1hZ2U=") == expected)
        #expect(try Base64Image.decode("data:image/jpeg;base64,aGVsbG8g\naW1hZ2U") == expected)
        #expect(try Base64Image.decode("aGVs bG8g\r\naW1h Z2U=") == expected)
    }

    @Test func explainsBadInput() {
        #expect(throws: ImagingError.invalidBase64(reason: "character '*' at offset 4 is not in the base64 alphabet")) {
            try Base64Image.decode("aGVs*G8=")
        }
        #expect(throws: ImagingError.invalidBase64(reason: "no image data")) { try Base64Image.decode("") }
        #expect(throws: ImagingError.invalidBase64(reason: "no image data")) { try Base64Image.decode("data:image/png;base64,") }
        #expect(throws: ImagingError.self) { try Base64Image.decode("aGVsb") }
        #expect(throws: ImagingError.self) { try Base64Image.decode("aG==VsbG8=") }
    }

    @Test func errorMessagesSayWhatToSend() {
        let message = ImagingError.invalidBase64(reason: "x").description
        #expect(message.contains("data:image/"))
        #expect(ImagingError.unrecognizedFormat(leadingBytes: "bytes 0").description.contains("PNG, JPEG or WebP"))
    }
}
