package main

// A reader for the rows of one table of an SQLite 3 database file (the file format
// documented at sqlite.org/fileformat2.html): enough to walk a table's b-tree and
// decode its records, so that the generator needs no SQLite library. It reads
// rowid tables only (not WITHOUT ROWID tables) and UTF-8 text only.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
)

type sqliteFile struct {
	b        []byte
	pageSize int
	usable   int
}

func openSQLite(path string) (*sqliteFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 100 || string(b[:16]) != "SQLite format 3\x00" {
		return nil, fmt.Errorf("%s: not an SQLite 3 database", path)
	}
	ps := int(binary.BigEndian.Uint16(b[16:18]))
	if ps == 1 {
		ps = 65536
	}
	if enc := binary.BigEndian.Uint32(b[56:60]); enc != 0 && enc != 1 {
		return nil, fmt.Errorf("%s: text encoding %d, want UTF-8", path, enc)
	}
	return &sqliteFile{b: b, pageSize: ps, usable: ps - int(b[20])}, nil
}

// page returns page n (1-based) and the offset of its b-tree header.
func (f *sqliteFile) page(n int) ([]byte, int, error) {
	if n < 1 || n*f.pageSize > len(f.b) {
		return nil, 0, fmt.Errorf("sqlite: page %d out of range", n)
	}
	p := f.b[(n-1)*f.pageSize : n*f.pageSize]
	if n == 1 {
		return p, 100, nil
	}
	return p, 0, nil
}

// sqliteVarint decodes SQLite's big-endian variable-length integer.
func sqliteVarint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < 9 && i < len(b); i++ {
		if i == 8 {
			return v<<8 | uint64(b[i]), 9
		}
		v = v<<7 | uint64(b[i]&0x7f)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}

// walk calls fn with the payload of every row of the table b-tree rooted at page root.
func (f *sqliteFile) walk(root int, fn func(payload []byte) error) error {
	p, h, err := f.page(root)
	if err != nil {
		return err
	}
	typ := p[h]
	ncell := int(binary.BigEndian.Uint16(p[h+3:]))
	switch typ {
	case 0x05: // interior table page
		ptrs := p[h+12:]
		for i := 0; i < ncell; i++ {
			off := int(binary.BigEndian.Uint16(ptrs[2*i:]))
			if err := f.walk(int(binary.BigEndian.Uint32(p[off:])), fn); err != nil {
				return err
			}
		}
		return f.walk(int(binary.BigEndian.Uint32(p[h+8:])), fn)
	case 0x0d: // leaf table page
		ptrs := p[h+8:]
		for i := 0; i < ncell; i++ {
			off := int(binary.BigEndian.Uint16(ptrs[2*i:]))
			size, n := sqliteVarint(p[off:])
			off += n
			_, n = sqliteVarint(p[off:]) // rowid
			off += n
			payload, err := f.payload(p, off, int(size))
			if err != nil {
				return err
			}
			if err := fn(payload); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("sqlite: page %d has type %#x, want a table b-tree page", root, typ)
}

// payload gathers a cell's payload of size bytes starting at p[off:], following
// overflow pages when it spills.
func (f *sqliteFile) payload(p []byte, off, size int) ([]byte, error) {
	u := f.usable
	x := u - 35
	if size <= x {
		return p[off : off+size], nil
	}
	m := (u-12)*32/255 - 23
	local := m + (size-m)%(u-4)
	if local > x {
		local = m
	}
	out := append([]byte(nil), p[off:off+local]...)
	next := int(binary.BigEndian.Uint32(p[off+local:]))
	for len(out) < size {
		if next == 0 {
			return nil, errors.New("sqlite: overflow chain ends early")
		}
		op, _, err := f.page(next)
		if err != nil {
			return nil, err
		}
		next = int(binary.BigEndian.Uint32(op))
		out = append(out, op[4:min(u, 4+size-len(out))]...)
	}
	return out, nil
}

// record decodes a record into its values: nil, int64, float64, string or []byte.
func sqliteRecord(b []byte) ([]any, error) {
	hsize, n := sqliteVarint(b)
	if n == 0 || int(hsize) > len(b) {
		return nil, errors.New("sqlite: bad record header")
	}
	hdr, body := b[n:hsize], b[hsize:]
	var vals []any
	for len(hdr) > 0 {
		st, n := sqliteVarint(hdr)
		if n == 0 {
			return nil, errors.New("sqlite: bad serial type")
		}
		hdr = hdr[n:]
		var size int
		switch {
		case st == 0 || st == 8 || st == 9:
			size = 0
		case st <= 4:
			size = int(st)
		case st == 5:
			size = 6
		case st == 6 || st == 7:
			size = 8
		case st >= 12:
			size = int(st-12) / 2
		default:
			return nil, fmt.Errorf("sqlite: reserved serial type %d", st)
		}
		if size > len(body) {
			return nil, errors.New("sqlite: record body too short")
		}
		v := body[:size]
		body = body[size:]
		switch {
		case st == 0:
			vals = append(vals, nil)
		case st == 8:
			vals = append(vals, int64(0))
		case st == 9:
			vals = append(vals, int64(1))
		case st <= 6:
			// Big-endian two's complement of 1, 2, 3, 4, 6 or 8 bytes.
			var x int64
			if len(v) > 0 && v[0]&0x80 != 0 {
				x = -1
			}
			for _, c := range v {
				x = x<<8 | int64(c)
			}
			vals = append(vals, x)
		case st == 7:
			vals = append(vals, math.Float64frombits(binary.BigEndian.Uint64(v)))
		case st%2 == 1:
			vals = append(vals, string(v))
		default:
			vals = append(vals, append([]byte(nil), v...))
		}
	}
	return vals, nil
}

// sqliteTable calls fn with the column names and each row of the named table.
// Columns that are the rowid alias (INTEGER PRIMARY KEY) are stored as NULL and
// come back as nil.
func sqliteTable(path, table string, fn func(cols []string, row []any) error) error {
	f, err := openSQLite(path)
	if err != nil {
		return err
	}
	root, sql := 0, ""
	err = f.walk(1, func(payload []byte) error {
		v, err := sqliteRecord(payload)
		if err != nil {
			return err
		}
		if len(v) >= 5 && v[0] == "table" && v[1] == table {
			root = int(v[3].(int64))
			sql, _ = v[4].(string)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if root == 0 {
		return fmt.Errorf("%s: no table %q", path, table)
	}
	cols := sqliteColumns(sql)
	return f.walk(root, func(payload []byte) error {
		v, err := sqliteRecord(payload)
		if err != nil {
			return err
		}
		return fn(cols, v)
	})
}

// sqliteColumns reads the column names of a plain CREATE TABLE statement.
func sqliteColumns(sql string) []string {
	i, j := strings.IndexByte(sql, '('), strings.LastIndexByte(sql, ')')
	if i < 0 || j < i {
		return nil
	}
	var cols []string
	for _, def := range strings.Split(sql[i+1:j], ",") {
		fs := strings.Fields(def)
		if len(fs) == 0 {
			continue
		}
		switch strings.ToUpper(fs[0]) {
		case "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "CONSTRAINT":
			continue
		}
		cols = append(cols, strings.Trim(fs[0], "\"`[]"))
	}
	return cols
}
