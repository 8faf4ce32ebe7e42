#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few libm functions the models need, in one place so other files need no platform import.
enum Math {
    @inline(__always) static func log(_ x: Double) -> Double { libmLog(x) }
    @inline(__always) static func exp(_ x: Double) -> Double { libmExp(x) }
    @inline(__always) static func sqrt(_ x: Double) -> Double { x.squareRoot() }
}

@inline(__always) private func libmLog(_ x: Double) -> Double { log(x) }
@inline(__always) private func libmExp(_ x: Double) -> Double { exp(x) }
