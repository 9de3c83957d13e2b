/// Emulated CloudTrail telemetry (issue 5): being written.
public enum Simulation {}
