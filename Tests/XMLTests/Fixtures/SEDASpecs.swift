#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reference XSDs in `shared/specs/`, the folder beside the repository's root (not part of
/// the repository: tests that need it are skipped when it is absent).
enum SEDASpecs {
    /// `<repository>/../shared/specs`, from this file's path
    /// (`<repository>/Tests/XMLTests/Fixtures/SEDASpecs.swift`).
    static let directory: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(4)
        return components.joined(separator: "/") + "/../shared/specs"
    }()

    static var available: Bool {
        SEDAFixtures.Version.allCases.allSatisfy { access($0.mainXSD, R_OK) == 0 }
    }
}
