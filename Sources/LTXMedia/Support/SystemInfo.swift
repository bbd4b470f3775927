import LTXSystem

public enum SystemInfo {
    /// Online CPU cores, for sizing concurrent probes.
    public static var activeProcessorCount: Int { ThisProcess.activeProcessorCount }
}
