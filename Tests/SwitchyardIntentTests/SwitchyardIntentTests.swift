// Tests for SwitchyardIntent.
