// End-to-end tests with real clients; see Package.swift.
