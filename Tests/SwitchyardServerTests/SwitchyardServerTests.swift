// Tests for SwitchyardServer.
