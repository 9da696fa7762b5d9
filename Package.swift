// swift-tools-version:6.0
import PackageDescription

// Module map: see ARCHITECTURE.md. Dependencies point down only:
// sdserve -> SDAPI -> Generation -> {Diffusion, Sampling, Prompting, Imaging};
// Diffusion -> Checkpoint -> Tensor -> {CDNNL, CKernels}.
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
        // CPUBackend's own vectorised kernels; -O3 always (the loops must vectorise to be
        // useful, debug or not); each function is cloned per x86 level and picked at load.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3", "-ffp-contract=fast", "-Wno-psabi"])]),
        // Tensor is optimised even in debug builds: every model test above it runs its
        // kernels, and unoptimised loops are 20-50x slower (ReferenceBackend conv2d 32ch 16x16:
        // 0.5 s -> 0.02 s). sdserve is an application, never a dependency, so unsafeFlags is fine.
        .target(
            name: "Tensor", dependencies: ["CDNNL", "CKernels"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(name: "Checkpoint", dependencies: ["Tensor"]),
        .executableTarget(
            name: "sdserve",
            dependencies: [
                "Tensor",
                "Checkpoint",
                "Diffusion",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "SDTesting", dependencies: ["Tensor"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor", "SDTesting"]),
        .testTarget(name: "CheckpointTests", dependencies: ["Checkpoint", "Tensor"]),
        .target(name: "Diffusion", dependencies: ["Tensor", "Checkpoint"]),
        .testTarget(name: "DiffusionTests", dependencies: ["Diffusion", "Checkpoint", "Tensor", "SDTesting"]),
    ]
)
