// Tests for SwitchyardMaildir.
