import Foundation

/// Checks of the OpenBLAS environment that would otherwise crash a process deep inside a BLAS call.
public enum BLASEnvironment {
    /// OpenBLAS core types whose kernels use AVX-512 instructions.
    public static let avx512CoreTypes: Set<String> = ["skylakex", "cooperlake", "sapphirerapids"]

    /// A one-line message when `OPENBLAS_CORETYPE` names an AVX-512 core on a CPU without AVX-512 (every BLAS call
    /// would then die with an illegal instruction, SIGILL); `nil` when the setting is absent or fits the CPU.
    ///
    /// - Parameters:
    ///   - environment: the process environment (default: this process's).
    ///   - cpuFlags: the CPU's flags, as `/proc/cpuinfo` lists them (default: read from it; `nil` when unreadable,
    ///     in which case nothing is reported).
    public static func coreTypeMismatch(
        environment: [String: String] = ProcessInfo.processInfo.environment, cpuFlags: Set<String>? = readCPUFlags()
    ) -> String? {
        guard let core = environment["OPENBLAS_CORETYPE"], avx512CoreTypes.contains(core.lowercased()), let flags = cpuFlags,
              !flags.contains("avx512f")
        else { return nil }
        return "OPENBLAS_CORETYPE=\(core) needs AVX-512, which this CPU lacks (no avx512f in /proc/cpuinfo): "
            + "unset OPENBLAS_CORETYPE (`unset OPENBLAS_CORETYPE`) and run again"
    }

    /// The flags of the first processor in `/proc/cpuinfo`, or `nil` where it cannot be read (not Linux).
    public static func readCPUFlags(path: String = "/proc/cpuinfo") -> Set<String>? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return nil
    }
}
