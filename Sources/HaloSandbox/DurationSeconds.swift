extension Duration {
    /// Fractional seconds, for Retry-After arithmetic and reporting.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
