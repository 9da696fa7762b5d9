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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CDNNL", pkgConfig: nil, providers: [.apt(["libdnnl-dev"])]),
        .target(name: "Tensor", dependencies: ["CDNNL"]),
        .target(name: "Imaging"),
        .target(
            name: "Generation",
            dependencies: [
                "Imaging",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "SDAPI",
            dependencies: [
                "Generation",
                "Imaging",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "sdserve",
            dependencies: [
                "Tensor",
                "SDAPI",
                "Generation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "SDTesting", dependencies: ["Imaging"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "SDTesting"]),
        .testTarget(name: "GenerationTests", dependencies: ["Generation", "SDTesting"]),
        .testTarget(
            name: "SDAPITests",
            dependencies: [
                "SDAPI",
                "Generation",
                "Imaging",
                "SDTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
