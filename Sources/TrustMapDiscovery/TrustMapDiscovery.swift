// The TrustMapDiscovery module.
