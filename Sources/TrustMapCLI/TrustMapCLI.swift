// The TrustMapCLI module.
