import Testing

@testable import Generation

@Suite struct JSONValueTests {
    @Test func parsesKeepingOrderAndNumberKinds() throws {
        let value = try JSONValue.parse(#"{"b": 1, "a": 1.0, "c": [true, null, "x\u00e9\n"], "d": -2.5e3}"#)
        #expect(value.objectEntries?.map(\.key) == ["b", "a", "c", "d"])
        #expect(value["b"] == .int(1))
        #expect(value["a"] == .double(1))
        #expect(value["c"] == .array([.bool(true), .null, .string("xé\n")]))
        #expect(value["d"] == .double(-2500))
    }

    @Test func writesLikePython() {
        let value: JSONValue = ["steps": 20, "cfg_scale": 7.0, "eta": 0.25, "name": "a\"b", "none": nil]
        #expect(value.jsonText == #"{"steps": 20, "cfg_scale": 7.0, "eta": 0.25, "name": "a\"b", "none": null}"#)
        #expect(JSONValue.double(.infinity).jsonText == "null")
    }

    @Test func roundTrips() throws {
        let text = #"{"x": [1, 2.5, "é", {"y": false}], "z": "\u0001"}"#
        #expect(try JSONValue.parse(JSONValue.parse(text).jsonText) == JSONValue.parse(text))
    }

    @Test func reportsWhereTheTextStopsBeingJSON() {
        #expect(throws: JSONSyntaxError(offset: 0, reason: "Expecting value")) { try JSONValue.parse("") }
        #expect(throws: JSONSyntaxError(offset: 9, reason: "Expecting value")) { try JSONValue.parse(#"{"steps":}"#) }
        #expect(throws: JSONSyntaxError(offset: 2, reason: "Extra data")) { try JSONValue.parse("1 2") }
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(#"{"a" 1}"#) }
    }
}
