// The TrustMapClients module.
