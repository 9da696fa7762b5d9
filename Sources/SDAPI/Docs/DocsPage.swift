import Foundation
import Generation

/// `/docs`: a self-contained HTML page listing every route and, for request bodies, every
/// field with its type and default. Built from the OpenAPI document, so it needs no network.
enum DocsPage {
    static func html(openAPI: JSONValue) -> String {
        var html = """
            <!doctype html><html><head><meta charset="utf-8"><title>sdserve API</title><style>
            body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:.5em 0 1.5em}
            td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left;vertical-align:top}code{font-size:95%}
            .get{color:#0a6}.post{color:#06c}</style></head><body>
            <h1>sdserve API</h1><p>AUTOMATIC1111-compatible. Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p>
            <table><tr><th>method</th><th>path</th><th>summary</th></tr>
            """
        let paths = openAPI["paths"]?.objectEntries ?? []
        for (path, operations) in paths {
            for (method, operation) in operations.objectEntries ?? [] {
                html += "<tr><td class=\"\(method)\">\(method.uppercased())</td><td><a href=\"#\(anchor(method, path))\"><code>"
                    + escape(path) + "</code></a></td><td>" + escape(operation["summary"]?.stringValue ?? "") + "</td></tr>"
            }
        }
        html += "</table>"
        for (path, operations) in paths {
            for (method, operation) in operations.objectEntries ?? [] {
                html += "<h2 id=\"\(anchor(method, path))\">\(method.uppercased()) <code>\(escape(path))</code></h2>"
                html += "<p>" + escape(operation["summary"]?.stringValue ?? "") + "</p>"
                if let body = operation["requestBody"]?["content"]?["application/json"]?["schema"] {
                    html += fieldTable(title: "Request body", schema: body)
                }
                for parameter in operation["parameters"]?.arrayElements ?? [] {
                    html += "<p>Query <code>" + escape(parameter["name"]?.stringValue ?? "") + "</code>: "
                        + escape(typeName(parameter["schema"] ?? .null)) + "</p>"
                }
                if let answer = operation["responses"]?["200"]?["content"]?["application/json"]?["schema"] {
                    html += "<p>Answer: <code>" + escape(typeName(answer)) + "</code></p>"
                }
            }
        }
        return html + "</body></html>"
    }

    static func fieldTable(title: String, schema: JSONValue) -> String {
        guard let properties = schema["properties"]?.objectEntries else { return "" }
        var html = "<p>\(escape(title))<code> \(escape(schema["title"]?.stringValue ?? ""))</code></p>"
            + "<table><tr><th>field</th><th>type</th><th>default</th></tr>"
        for (name, field) in properties {
            html += "<tr><td><code>\(escape(name))</code></td><td>\(escape(typeName(field)))</td><td><code>"
                + escape(field["default"]?.jsonText ?? "") + "</code></td></tr>"
        }
        return html + "</table>"
    }

    /// A short type description: `integer`, `string | null`, `array of SamplerItem`, ...
    static func typeName(_ schema: JSONValue) -> String {
        var name = schema["title"]?.stringValue ?? schema["type"]?.stringValue ?? "any"
        if schema["type"]?.stringValue == "array", let items = schema["items"] { name = "array of " + typeName(items) }
        if let choices = schema["enum"]?.arrayElements { name += " (" + choices.map(\.jsonText).joined(separator: ", ") + ")" }
        if schema["nullable"] == .bool(true) { name += " | null" }
        return name
    }

    static func anchor(_ method: String, _ path: String) -> String {
        method + path.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
