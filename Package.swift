// swift-tools-version:6.0
import PackageDescription

// Module map: see ARCHITECTURE.md. Dependencies point down only:
// sdserve -> SDAPI -> Generation -> {Diffusion, Sampling, Prompting, Imaging};
// Diffusion -> Checkpoint -> Tensor -> CDNNL.
let package = Package(
    name: "sdserve",
    platforms: [.macOS(.v15)],  // 15: TaskExecutor (GenerationService's engine thread)
    products: [
        .executable(name: "sdserve", targets: ["sdserve"]),
        // A library product so the libFuzzer package in Fuzz/ can link the parsers.
        .library(name: "Checkpoint", targets: ["Checkpoint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),  // LogEvent
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // C libraries, each behind one door.
        .systemLibrary(name: "CDNNL", pkgConfig: nil, providers: [.apt(["libdnnl-dev"])]),
        .systemLibrary(
            name: "CImageCodecs",
            pkgConfig: nil,
            providers: [.apt(["libpng-dev", "libjpeg62-turbo-dev", "libwebp-dev", "zlib1g-dev"])]
        ),
        .target(name: "CImageCodecsShims", dependencies: ["CImageCodecs"]),
        // CPUBackend's own vectorised kernels; -O3 always (the loops must vectorise to be
        // useful, debug or not); each function is cloned per x86 level and picked at load.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3", "-ffp-contract=fast", "-Wno-psabi"])]),

        // Engine, lowest first.
        // Tensor is optimised even in debug builds: every model test above it runs its
        // kernels, and unoptimised loops are 20-50x slower (ReferenceBackend conv2d 32ch 16x16:
        // 0.5 s -> 0.02 s). sdserve is an application, never a dependency, so unsafeFlags is fine.
        .target(
            name: "Tensor", dependencies: ["CDNNL", "CKernels"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(name: "Checkpoint", dependencies: ["Tensor"]),
        .target(name: "Diffusion", dependencies: ["Tensor", "Checkpoint"]),
        .target(name: "Prompting", resources: [.copy("Resources/clip-merges.txt"), .copy("Resources/CLIP-LICENSE")]),
        .target(name: "Sampling"),
        .target(name: "Imaging", dependencies: ["CImageCodecsShims"]),
        .target(
            name: "Generation",
            dependencies: [
                "Tensor", "Checkpoint", "Diffusion", "Prompting", "Sampling", "Imaging",
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
                "Tensor",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),

        .executableTarget(
            name: "sdserve",
            dependencies: [
                "Tensor",
                "Checkpoint",
                "Diffusion",
                "Prompting",
                "Generation",
                "SDAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Tests.
        .target(name: "SDTesting", dependencies: ["Tensor", "Checkpoint", "Imaging"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor", "SDTesting"]),
        .testTarget(name: "CheckpointTests", dependencies: ["Checkpoint", "Tensor"]),
        .testTarget(name: "DiffusionTests", dependencies: ["Diffusion", "Checkpoint", "Tensor", "SDTesting"]),
        .testTarget(name: "PromptingTests", dependencies: ["Prompting"]),
        .testTarget(name: "SamplingTests", dependencies: ["Sampling"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "SDTesting"]),
        .testTarget(
            name: "GenerationTests",
            dependencies: ["Generation", "Diffusion", "Checkpoint", "Prompting", "Sampling", "Imaging", "Tensor", "SDTesting"]),
        .testTarget(
            name: "SDAPITests",
            dependencies: [
                "SDAPI",
                "Generation",
                "Imaging",
                "Checkpoint",
                "SDTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "SDServeTests", dependencies: ["sdserve", "Prompting", "Checkpoint"]),
    ]
)
