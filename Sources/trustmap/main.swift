import TrustMapCLI
await TrustMapCommand.main()
