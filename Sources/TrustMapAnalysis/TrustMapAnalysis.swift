// The TrustMapAnalysis module.
