// The TrustMapWire module.
