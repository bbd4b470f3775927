/// The seconds a section's start and duration may be, wherever one is given
/// (a flag, a manifest line): a day at most, so that no sum of them (a
/// section's end, a window around it) overflows to inf.
public enum SectionRange {
    public static let start: ClosedRange<Double> = 0...86_400
    public static let duration: ClosedRange<Double> = 0.001...86_400
}
