// Tests for SwitchyardMIME.
