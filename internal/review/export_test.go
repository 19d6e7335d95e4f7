package review

// DummyPasswordChecks is how many sign-ins were checked against the dummy hash.
func DummyPasswordChecks() int64 { return dummyPasswordChecks.Load() }

// DummyHash is the directory's dummy password hash.
func (d *Directory) DummyHash() string { return d.dummyHash }
