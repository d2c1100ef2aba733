// swift-tools-version:6.0
import PackageDescription

// Benchmarks live in their own package so the main build stays light. Run them with
// Benchmarks/run.sh (release build, one process per size so peak memory is per size).
let package = Package(
    name: "yusuan-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "yusuan", path: "..")],
    targets: [
        .executableTarget(name: "yusuan-bench", dependencies: [.product(name: "YusuanKit", package: "yusuan")]),
    ]
)
