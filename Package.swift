// swift-tools-version:6.0
import PackageDescription

// Module map: see ARCHITECTURE.md. Dependencies point down only:
// sdserve -> SDAPI -> Generation -> {Diffusion, Sampling, Prompting, Imaging};
// Diffusion -> Checkpoint -> Tensor -> CDNNL.
let package = Package(
    name: "sdserve",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sdserve", targets: ["sdserve"]),
        .library(name: "Checkpoint", targets: ["Checkpoint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CDNNL", pkgConfig: nil, providers: [.apt(["libdnnl-dev"])]),
        .target(name: "Tensor", dependencies: ["CDNNL"]),
        .target(name: "Checkpoint", dependencies: ["Tensor"]),
        .executableTarget(
            name: "sdserve",
            dependencies: [
                "Tensor",
                "Checkpoint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "CheckpointTests", dependencies: ["Checkpoint", "Tensor"]),
    ]
)
