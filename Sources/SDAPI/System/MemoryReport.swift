import Foundation
import Generation

/// `/memory`: the process's resident memory against the machine's, in A1111's shape
/// (`ram.used` is this process, `ram.free` the rest); sdserve computes on the CPU, so `cuda`
/// reports `unavailable` as A1111 does without a GPU.
enum MemoryReport {
    static func wire() -> JSONValue {
        let ram: JSONValue
        if let total = totalMemory(), let used = residentMemory() {
            ram = ["free": .int(total - used), "used": .int(used), "total": .int(total)]
        } else {
            ram = ["error": "cannot read /proc/meminfo or /proc/self/statm"]
        }
        return ["ram": ram, "cuda": ["error": "unavailable"]]
    }

    /// Bytes of physical memory (`MemTotal`).
    static func totalMemory() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") }),
            let kib = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kib * 1024
    }

    /// Bytes this process has resident (`/proc/self/statm` pages × page size).
    static func residentMemory() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static let schema = Schema.object("MemoryResponse", [("ram", Schema.anyObject), ("cuda", Schema.anyObject)])
}
