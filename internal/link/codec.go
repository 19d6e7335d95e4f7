package link

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
)

// The author state is read on every assessment and rewritten on every publish, so it is
// stored in a compact binary form rather than JSON (JSON decoding was 40% of the cost of
// an assessment in BenchmarkAssess). Layout, all integers varints:
//
//	version(3) next_id self:facts profiles:[id first last facts posts marks:[str] terms:[str]]
//	fact  = kind value gens:[str] freq:f64 pop:f64 ref people:f64 density:f64 flags:u8(direct=1,recent=2) at count sources:[post rev start end text]
//	post  = post rev thread forum at
//
// Times are Unix seconds. Strings are length-prefixed. Version 2 (before ref, people,
// density and terms) still decodes.
const codecVersion = 3

var errCorrupt = errors.New("link: corrupt author state")

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) f64(f float64) { e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(f)) }
func (e *encoder) time(t time.Time) {
	if t.IsZero() {
		e.int(math.MinInt64)
		return
	}
	e.int(t.Unix())
}

func (e *encoder) facts(fs []fact) {
	e.uint(uint64(len(fs)))
	for _, f := range fs {
		e.str(f.Kind)
		e.str(f.Value)
		e.uint(uint64(len(f.Generalisations)))
		for _, g := range f.Generalisations {
			e.str(g)
		}
		e.f64(f.Frequency)
		e.f64(f.Population)
		e.str(f.Ref)
		e.f64(f.People)
		e.f64(f.Density)
		var flags byte
		if f.Direct {
			flags |= 1
		}
		if f.Recent {
			flags |= 2
		}
		e.b = append(e.b, flags)
		e.time(f.At)
		e.uint(uint64(max(f.Count, 0)))
		e.uint(uint64(len(f.Sources)))
		for _, s := range f.Sources {
			e.str(s.Post)
			e.uint(uint64(s.Revision))
			e.uint(uint64(max(s.Start, 0)))
			e.uint(uint64(max(s.End, 0)))
			e.str(s.Text)
		}
	}
}

func encodeAuthor(st *authorState) []byte {
	e := encoder{b: make([]byte, 0, 1024)}
	e.b = append(e.b, codecVersion)
	e.uint(uint64(st.NextID))
	e.facts(st.Self)
	e.uint(uint64(len(st.Profiles)))
	for _, p := range st.Profiles {
		e.uint(uint64(p.ID))
		e.time(p.First)
		e.time(p.Last)
		e.facts(p.Facts)
		e.uint(uint64(len(p.Posts)))
		for _, r := range p.Posts {
			e.str(r.Post)
			e.uint(uint64(r.Revision))
			e.str(r.Thread)
			e.str(r.Forum)
			e.time(r.At)
		}
		e.uint(uint64(len(p.Marks)))
		for _, m := range p.Marks {
			e.str(m)
		}
		e.uint(uint64(len(p.Terms)))
		for _, m := range p.Terms {
			e.str(m)
		}
	}
	return e.b
}

type decoder struct {
	b       []byte
	err     error
	version byte
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length and checks it against what is left, so corrupt input cannot make
// the decoder allocate without bound.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.err = errCorrupt
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// kind reads a detail kind without allocating for the known ones.
func (d *decoder) kind() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	b := d.b[:n]
	d.b = d.b[n:]
	for _, k := range knownKinds {
		if string(b) == k {
			return k
		}
	}
	return string(b)
}

var knownKinds = []string{"age", "sex", "place", "condition", "occupation", "event", "institution",
	"date", "family", "ethnicity", "physical_feature", "public_status", "postcode_district"}

func (d *decoder) f64() float64 {
	if d.err != nil || len(d.b) < 8 {
		d.err = errCorrupt
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return v
}

func (d *decoder) byte() byte {
	if d.err != nil || len(d.b) < 1 {
		d.err = errCorrupt
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) time() time.Time {
	v := d.int()
	if v == math.MinInt64 {
		return time.Time{}
	}
	return time.Unix(v, 0).UTC()
}

func (d *decoder) facts() []fact {
	n := d.count()
	if n == 0 {
		return nil
	}
	fs := make([]fact, 0, n)
	for range n {
		var f fact
		f.Kind = d.kind()
		f.Value = d.str()
		if g := d.count(); g > 0 {
			f.Generalisations = make([]string, g)
			for i := range f.Generalisations {
				f.Generalisations[i] = d.str()
			}
		}
		f.Frequency = d.f64()
		f.Population = d.f64()
		if d.version >= 3 {
			f.Ref = d.str()
			f.People = d.f64()
			f.Density = d.f64()
		}
		flags := d.byte()
		f.Direct, f.Recent = flags&1 != 0, flags&2 != 0
		f.At = d.time()
		f.Count = int(d.uint())
		if s := d.count(); s > 0 {
			f.Sources = make([]source, s)
			for i := range f.Sources {
				src := &f.Sources[i]
				src.Post = d.str()
				src.Revision = uint32(d.uint())
				src.Start = int(d.uint())
				src.End = int(d.uint())
				src.Text = d.str()
			}
		}
		if d.err != nil {
			return nil
		}
		fs = append(fs, f)
	}
	return fs
}

func decodeAuthor(b []byte, st *authorState) error {
	if len(b) == 0 || b[0] != codecVersion && b[0] != 2 {
		return fmt.Errorf("%w: version", errCorrupt)
	}
	d := decoder{b: b[1:], version: b[0]}
	st.NextID = uint32(d.uint())
	st.Self = d.facts()
	n := d.count()
	if n > 0 {
		st.Profiles = make([]profile, n)
	}
	for i := 0; i < n && d.err == nil; i++ {
		p := &st.Profiles[i]
		p.ID = uint32(d.uint())
		p.First = d.time()
		p.Last = d.time()
		p.Facts = d.facts()
		if m := d.count(); m > 0 {
			p.Posts = make([]postRef, m)
			for j := range p.Posts {
				r := &p.Posts[j]
				r.Post = d.str()
				r.Revision = uint32(d.uint())
				r.Thread = d.str()
				r.Forum = d.str()
				r.At = d.time()
			}
		}
		if m := d.count(); m > 0 {
			p.Marks = make([]string, m)
			for j := range p.Marks {
				p.Marks[j] = d.str()
			}
		}
		if d.version >= 3 {
			if m := d.count(); m > 0 {
				p.Terms = make([]string, m)
				for j := range p.Terms {
					p.Terms[j] = d.str()
				}
			}
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errCorrupt
	}
	return d.err
}
