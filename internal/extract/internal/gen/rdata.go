package main

// A reader for the data frames of R's .rda files (R packages ship their data sets
// this way): a bzip2-, gzip- or uncompressed stream "RDX2\n" or "RDX3\n", "X\n" and
// R's XDR serialisation (R Internals, "Serialization formats"). Only what data
// frames of names and counts need is read: pairlists, symbols, character, logical,
// integer and double vectors, lists, attributes, references, and the compact
// integer sequences that R may store row names as.

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// R serialisation types (SEXPTYPE and the pseudo types of serialize.c).
const (
	rNilSXP     = 0
	rSymSXP     = 1
	rListSXP    = 2
	rLangSXP    = 6
	rCharSXP    = 9
	rLglSXP     = 10
	rIntSXP     = 13
	rRealSXP    = 14
	rStrSXP     = 16
	rVecSXP     = 19
	rAltrepSXP  = 238
	rAttrList   = 239
	rAttrLang   = 240
	rEmptyEnv   = 242
	rBaseEnv    = 241
	rGlobalEnv  = 253
	rNilValue   = 254
	rRefSXP     = 255
	rMissingArg = 251
	rBaseNS     = 250
	rUnbound    = 252
)

// rNAInt is R's integer NA.
const rNAInt = math.MinInt32

// robj is one decoded R object.
type robj struct {
	typ   int
	attr  *robj // pairlist of attributes, or nil
	tag   *robj // for pairlist cells
	car   *robj
	cdr   *robj
	name  string    // symbols
	strs  []string  // character vectors (NA as "")
	na    []bool    // character NA flags
	ints  []int32   // integer and logical vectors
	reals []float64 // double vectors
	elems []*robj   // lists
}

// attrib returns the attribute called name.
func (o *robj) attrib(name string) *robj {
	for c := o.attr; c != nil && c.typ != rNilValue; c = c.cdr {
		if c.tag != nil && c.tag.name == name {
			return c.car
		}
	}
	return nil
}

type rreader struct {
	r    *bufio.Reader
	refs []*robj
}

func (d *rreader) int() (int32, error) {
	var b [4]byte
	if _, err := io.ReadFull(d.r, b[:]); err != nil {
		return 0, err
	}
	return int32(binary.BigEndian.Uint32(b[:])), nil
}

func (d *rreader) length() (int, error) {
	n, err := d.int()
	if err != nil {
		return 0, err
	}
	if n == -1 {
		hi, err := d.int()
		if err != nil {
			return 0, err
		}
		lo, err := d.int()
		if err != nil {
			return 0, err
		}
		return int(uint64(uint32(hi))<<32 | uint64(uint32(lo))), nil
	}
	if n < 0 {
		return 0, fmt.Errorf("rdata: negative length %d", n)
	}
	return int(n), nil
}

// item reads one serialised object.
func (d *rreader) item() (*robj, error) {
	flags, err := d.int()
	if err != nil {
		return nil, err
	}
	return d.read(flags)
}

// read reads the object that flags (already read) start.
func (d *rreader) read(flags int32) (*robj, error) {
	var err error
	typ := int(flags & 0xff)
	hasAttr := flags&(1<<9) != 0
	hasTag := flags&(1<<10) != 0
	switch typ {
	case rNilValue, rEmptyEnv, rBaseEnv, rGlobalEnv, rMissingArg, rBaseNS, rUnbound:
		return &robj{typ: rNilValue}, nil
	case rRefSXP:
		i := int(flags >> 8)
		if i == 0 {
			n, err := d.int()
			if err != nil {
				return nil, err
			}
			i = int(n)
		}
		if i < 1 || i > len(d.refs) {
			return nil, fmt.Errorf("rdata: bad reference %d", i)
		}
		return d.refs[i-1], nil
	case rSymSXP:
		c, err := d.item()
		if err != nil {
			return nil, err
		}
		s := &robj{typ: rSymSXP}
		if len(c.strs) == 1 {
			s.name = c.strs[0]
		}
		d.refs = append(d.refs, s)
		return s, nil
	case rListSXP, rLangSXP, rAttrList, rAttrLang:
		// A pairlist is read cell by cell (the cdr of the last is R_NilValue).
		head := &robj{typ: rListSXP}
		cell := head
		for {
			if hasAttr {
				if cell.attr, err = d.item(); err != nil {
					return nil, err
				}
			}
			if hasTag {
				if cell.tag, err = d.item(); err != nil {
					return nil, err
				}
			}
			if cell.car, err = d.item(); err != nil {
				return nil, err
			}
			// Peek at the next cell's flags: another pairlist cell continues the loop.
			next, err := d.int()
			if err != nil {
				return nil, err
			}
			nt := int(next & 0xff)
			if nt != rListSXP && nt != rLangSXP && nt != rAttrList && nt != rAttrLang {
				rest, err := d.read(next)
				if err != nil {
					return nil, err
				}
				cell.cdr = rest
				return head, nil
			}
			hasAttr, hasTag = next&(1<<9) != 0, next&(1<<10) != 0
			cell.cdr = &robj{typ: rListSXP}
			cell = cell.cdr
		}
	case rCharSXP:
		n, err := d.int()
		if err != nil {
			return nil, err
		}
		if n == -1 {
			return &robj{typ: rCharSXP, strs: []string{""}, na: []bool{true}}, nil
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(d.r, b); err != nil {
			return nil, err
		}
		return &robj{typ: rCharSXP, strs: []string{string(b)}, na: []bool{false}}, nil
	case rLglSXP, rIntSXP:
		n, err := d.length()
		if err != nil {
			return nil, err
		}
		o := &robj{typ: typ, ints: make([]int32, n)}
		for i := range o.ints {
			if o.ints[i], err = d.int(); err != nil {
				return nil, err
			}
		}
		return o, d.attrs(o, hasAttr)
	case rRealSXP:
		n, err := d.length()
		if err != nil {
			return nil, err
		}
		o := &robj{typ: typ, reals: make([]float64, n)}
		var b [8]byte
		for i := range o.reals {
			if _, err := io.ReadFull(d.r, b[:]); err != nil {
				return nil, err
			}
			o.reals[i] = math.Float64frombits(binary.BigEndian.Uint64(b[:]))
		}
		return o, d.attrs(o, hasAttr)
	case rStrSXP:
		n, err := d.length()
		if err != nil {
			return nil, err
		}
		o := &robj{typ: typ, strs: make([]string, n), na: make([]bool, n)}
		for i := range o.strs {
			c, err := d.item()
			if err != nil {
				return nil, err
			}
			if c.typ != rCharSXP {
				return nil, fmt.Errorf("rdata: string element of type %d", c.typ)
			}
			o.strs[i], o.na[i] = c.strs[0], c.na[0]
		}
		return o, d.attrs(o, hasAttr)
	case rVecSXP:
		n, err := d.length()
		if err != nil {
			return nil, err
		}
		o := &robj{typ: typ, elems: make([]*robj, n)}
		for i := range o.elems {
			if o.elems[i], err = d.item(); err != nil {
				return nil, err
			}
		}
		return o, d.attrs(o, hasAttr)
	case rAltrepSXP:
		return d.altrep()
	}
	return nil, fmt.Errorf("rdata: unsupported type %d", typ)
}

func (d *rreader) attrs(o *robj, has bool) error {
	if !has {
		return nil
	}
	a, err := d.item()
	o.attr = a
	return err
}

// altrep reads an ALTREP object: its class (a pairlist of class symbol, package
// symbol and type), its state and its attributes. Compact integer and double
// sequences (state: length, first, step) are expanded; wrappers yield what they wrap.
func (d *rreader) altrep() (*robj, error) {
	info, err := d.item()
	if err != nil {
		return nil, err
	}
	state, err := d.item()
	if err != nil {
		return nil, err
	}
	attr, err := d.item()
	if err != nil {
		return nil, err
	}
	class := ""
	if info != nil && info.car != nil {
		class = info.car.name
	}
	var o *robj
	switch class {
	case "compact_intseq":
		if len(state.reals) != 3 {
			return nil, errors.New("rdata: bad compact_intseq state")
		}
		n, first, step := int(state.reals[0]), int32(state.reals[1]), int32(state.reals[2])
		o = &robj{typ: rIntSXP, ints: make([]int32, n)}
		for i := range o.ints {
			o.ints[i] = first + int32(i)*step
		}
	case "compact_realseq":
		if len(state.reals) != 3 {
			return nil, errors.New("rdata: bad compact_realseq state")
		}
		n, first, step := int(state.reals[0]), state.reals[1], state.reals[2]
		o = &robj{typ: rRealSXP, reals: make([]float64, n)}
		for i := range o.reals {
			o.reals[i] = first + float64(i)*step
		}
	case "wrap_integer", "wrap_real", "wrap_string", "wrap_logical", "wrap_list":
		// state: a pairlist (wrapped object, metadata).
		if state.car == nil {
			return nil, errors.New("rdata: bad wrapper state")
		}
		c := *state.car
		o = &c
	default:
		return nil, fmt.Errorf("rdata: unsupported ALTREP class %q", class)
	}
	if attr != nil && attr.typ != rNilValue {
		o.attr = attr
	}
	return o, nil
}

// readRData reads an .rda file and returns its objects by name.
func readRData(path string) (map[string]*robj, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r io.Reader = bytes.NewReader(raw)
	switch {
	case bytes.HasPrefix(raw, []byte("BZh")):
		r = bzip2.NewReader(r)
	case bytes.HasPrefix(raw, []byte{0x1f, 0x8b}):
		if r, err = gzip.NewReader(r); err != nil {
			return nil, err
		}
	case bytes.HasPrefix(raw, []byte{0xfd, '7', 'z', 'X', 'Z'}):
		return nil, fmt.Errorf("%s: xz-compressed; decompress it first (xz -dc)", path)
	}
	br := bufio.NewReader(r)
	magic := make([]byte, 7)
	if _, err := io.ReadFull(br, magic); err != nil {
		return nil, err
	}
	if string(magic) != "RDX2\nX\n" && string(magic) != "RDX3\nX\n" {
		return nil, fmt.Errorf("%s: not an XDR .rda file", path)
	}
	d := &rreader{r: br}
	version, err := d.int()
	if err != nil {
		return nil, err
	}
	if _, err := d.int(); err != nil { // writer's R version
		return nil, err
	}
	if _, err := d.int(); err != nil { // minimal reader version
		return nil, err
	}
	if version == 3 {
		n, err := d.int()
		if err != nil {
			return nil, err
		}
		if _, err := io.ReadFull(d.r, make([]byte, n)); err != nil { // native encoding
			return nil, err
		}
	}
	top, err := d.item()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[string]*robj{}
	for c := top; c != nil && c.typ == rListSXP; c = c.cdr {
		if c.tag != nil {
			out[c.tag.name] = c.car
		}
	}
	return out, nil
}

// rColumn is one column of a data frame, read as strings or numbers.
type rColumn struct {
	strs []string
	nums []float64
}

// dataFrame returns the columns of a data frame by name. Factors are expanded to
// their labels; integer NA becomes NaN.
func dataFrame(o *robj) (map[string]rColumn, int, error) {
	if o == nil || o.typ != rVecSXP {
		return nil, 0, errors.New("rdata: not a list")
	}
	names := o.attrib("names")
	if names == nil || len(names.strs) != len(o.elems) {
		return nil, 0, errors.New("rdata: data frame without names")
	}
	cols := map[string]rColumn{}
	rows := -1
	for i, e := range o.elems {
		var c rColumn
		switch e.typ {
		case rStrSXP:
			c.strs = e.strs
		case rIntSXP, rLglSXP:
			if lv := e.attrib("levels"); lv != nil && e.typ == rIntSXP {
				c.strs = make([]string, len(e.ints))
				for k, v := range e.ints {
					if v >= 1 && int(v) <= len(lv.strs) {
						c.strs[k] = lv.strs[v-1]
					}
				}
				break
			}
			c.nums = make([]float64, len(e.ints))
			for k, v := range e.ints {
				if v == rNAInt {
					c.nums[k] = math.NaN()
				} else {
					c.nums[k] = float64(v)
				}
			}
		case rRealSXP:
			c.nums = e.reals
		default:
			continue
		}
		n := len(c.strs) + len(c.nums)
		if rows >= 0 && n != rows {
			return nil, 0, fmt.Errorf("rdata: column %q has %d rows, want %d", names.strs[i], n, rows)
		}
		rows = n
		cols[names.strs[i]] = c
	}
	return cols, rows, nil
}
