// Tests for SwitchyardSignals.
