// The TrustMapExport module.
