// Tests for SwitchyardSMTP.
