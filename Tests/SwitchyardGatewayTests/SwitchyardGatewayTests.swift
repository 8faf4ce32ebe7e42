// Tests for SwitchyardGateway.
