package eval

import "fmt"

// InputError is a malformed line in an input file; the eval command exits 2 on it.
type InputError struct {
	File string
	Line int
	Err  error
}

func (e *InputError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

func (e *InputError) Unwrap() error { return e.Err }
