import Testing

@testable import Imaging

@Suite struct ExifTests {
    @Test func userCommentBlockMatchesPiexif() throws {
        let fixtures = try ImagingFixtures()
        for item in fixtures.manifest.exif_user_comment {
            let payload = ExifWriter.userCommentPayload(item.text)
            #expect(payload.map { String(format: "%02x", $0) }.joined() == item.payload_hex, "\(item.text)")
            #expect(ExifFields(payload: payload).userComment == item.text)
        }
    }

    @Test func readsLittleEndianOrientation() {
        // II*\0, IFD at 8: one entry, tag 0x0112 SHORT count 1 value 6, next IFD 0.
        let payload: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0x08, 0, 0, 0, 0x01, 0x00,
                                0x12, 0x01, 0x03, 0x00, 0x01, 0, 0, 0, 0x06, 0x00, 0, 0, 0, 0, 0, 0]
        let fields = ExifFields(payload: payload)
        #expect(fields.orientation == 6)
        #expect(fields.userComment == nil)
    }

    @Test func damagedBlocksYieldNothing() {
        #expect(ExifFields(payload: []) == ExifFields(payload: [0x4D, 0x4D]))
        #expect(ExifFields(payload: [0x4D, 0x4D, 0, 0x2A, 0xFF, 0xFF, 0xFF, 0xFF]).orientation == nil)
    }

    @Test func decodesOtherUserCommentEncodings() {
        #expect(ExifFields.decodeUserComment(Array("ASCII\0\0\0hello".utf8)) == "hello")
        #expect(ExifFields.decodeUserComment(Array("UNICODE\0".utf8) + [0xFF, 0xFE, 0x68, 0x00, 0x69, 0x00]) == "hi")
        #expect(ExifFields.decodeUserComment(Array("plain text".utf8)) == "plain text")
    }
}
