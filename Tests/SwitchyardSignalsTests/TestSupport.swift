@testable import SwitchyardSignals

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Paths relative to the package root (CI clones the repo with shared/ beside it).
enum TestPaths {
    static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/SwitchyardSignalsTests/TestSupport.swift
        return parts.joined(separator: "/")
    }()
    static let models = packageRoot + "/models"
    static let shared = packageRoot + "/../shared"
    static let fixtures = packageRoot + "/Tests/SwitchyardSignalsTests/Fixtures"

    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }
}

/// The shipped models, loaded once for all tests (immutable after loading).
enum TestModels {
    static let shared: SignalModels? = try? SignalModels.load(directory: TestPaths.models)
}

extension Array where Element == Entity {
    func of(_ type: EntityType) -> [Entity] { filter { $0.type == type } }
}
