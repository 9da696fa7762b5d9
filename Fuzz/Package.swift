// swift-tools-version:6.0
import PackageDescription

// libFuzzer harness for the checkpoint parsers; kept out of the main package because a fuzzer
// executable has no `main`. See README.md, "Fuzzing the model-file parsers".
let package = Package(
    name: "CheckpointFuzz",
    dependencies: [.package(name: "sdserve", path: "..")],
    targets: [
        .executableTarget(
            name: "CheckpointFuzzer",
            dependencies: [.product(name: "Checkpoint", package: "sdserve")],
            swiftSettings: [.unsafeFlags(["-parse-as-library", "-sanitize=fuzzer,address"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]
        ),
    ]
)
