package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/usnames.sqlite was made with the sqlite3 shell (page size 512, so that the
// table spans interior pages and one row overflows):
//
//	sqlite3 usnames.sqlite "PRAGMA page_size=512; CREATE TABLE usNameData ( id INTEGER PRIMARY KEY NOT NULL,
//	  name TEXT NOT NULL, sex TEXT NOT NULL, births INTEGER NOT NULL, rank INTEGER NOT NULL, year INTEGER NOT NULL );
//	  WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 400)
//	  INSERT INTO usNameData (name, sex, births, rank, year) SELECT 'name' || i,
//	  CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, i * 1000, i, 1900 + i % 100 FROM c;
//	  INSERT INTO usNameData (name, sex, births, rank, year)
//	  VALUES (replace(hex(zeroblob(1000)), '00', 'ab'), 'F', -5, 401, 2024);"
func TestSQLiteTable(t *testing.T) {
	var n int
	var sum int64
	var long string
	err := sqliteTable("testdata/usnames.sqlite", "usNameData", func(cols []string, row []any) error {
		if strings.Join(cols, ",") != "id,name,sex,births,rank,year" {
			t.Fatalf("columns %v", cols)
		}
		if row[0] != nil {
			t.Errorf("rowid alias column = %v, want nil", row[0])
		}
		n++
		sum += row[3].(int64)
		if s := row[1].(string); len(s) > 100 {
			long = s
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 401 || sum != 400*401/2*1000-5 {
		t.Errorf("rows %d, births %d; want 401, %d", n, sum, 400*401/2*1000-5)
	}
	if long != strings.Repeat("ab", 1000) {
		t.Errorf("overflowing row: %d bytes, want 2000 of abab...", len(long))
	}
	if err := sqliteTable("testdata/usnames.sqlite", "nosuch", func([]string, []any) error { return nil }); err == nil {
		t.Error("missing table: no error")
	}
}

// xdr writes R's XDR serialisation for the test.
type xdr struct{ bytes.Buffer }

func (w *xdr) int(v int32) { binary.Write(&w.Buffer, binary.BigEndian, v) }
func (w *xdr) flags(typ int, attr, tag bool) {
	f := int32(typ)
	if attr {
		f |= 1 << 9
	}
	if tag {
		f |= 1 << 10
	}
	w.int(f)
}
func (w *xdr) char(s string) { w.flags(rCharSXP, false, false); w.int(int32(len(s))); w.WriteString(s) }
func (w *xdr) sym(s string)  { w.flags(rSymSXP, false, false); w.char(s) }
func (w *xdr) strs(attr bool, ss ...string) {
	w.flags(rStrSXP, attr, false)
	w.int(int32(len(ss)))
	for _, s := range ss {
		if s == "NA" {
			w.flags(rCharSXP, false, false)
			w.int(-1)
			continue
		}
		w.char(s)
	}
}
func (w *xdr) ints(attr bool, vs ...int32) {
	w.flags(rIntSXP, attr, false)
	w.int(int32(len(vs)))
	for _, v := range vs {
		w.int(v)
	}
}
func (w *xdr) reals(vs ...float64) {
	w.flags(rRealSXP, false, false)
	w.int(int32(len(vs)))
	for _, v := range vs {
		binary.Write(&w.Buffer, binary.BigEndian, math.Float64bits(v))
	}
}

// writeTestRda writes an .rda holding one data frame, df, with a character column
// (one NA), a factor, an integer column, a double column and an ALTREP compact
// integer sequence; the second symbol "name" is written as a reference.
func writeTestRda(t *testing.T) string {
	var w xdr
	w.WriteString("RDX3\nX\n")
	w.int(3)
	w.int(0x40300)
	w.int(0x30500)
	w.int(5)
	w.WriteString("UTF-8")
	// Top pairlist: tag df, value the data frame.
	w.flags(rListSXP, false, true)
	w.sym("df") // reference 1
	w.flags(rVecSXP, true, false)
	w.int(5)
	w.strs(false, "OLIVIA", "NA", "Jack")
	w.ints(true, 1, 2, 1) // factor
	w.flags(rListSXP, false, true)
	w.sym("levels") // reference 2
	w.strs(false, "F", "M")
	w.flags(rListSXP, false, true)
	w.sym("class") // reference 3
	w.strs(false, "factor")
	w.int(rNilValue)
	w.ints(false, 5, rNAInt, 7)
	w.reals(1996, 1997, 1998)
	// ALTREP compact_intseq: info pairlist (class, package, type), state, attributes.
	w.int(rAltrepSXP)
	w.flags(rListSXP, false, false)
	w.sym("compact_intseq")
	w.flags(rListSXP, false, false)
	w.sym("base")
	w.flags(rListSXP, false, false)
	w.ints(false, rIntSXP)
	w.int(rNilValue)
	w.reals(3, 10, 2)
	w.int(rNilValue)
	// Attributes of the data frame: names, class (a reference), row.names.
	w.flags(rListSXP, false, true)
	w.sym("names")
	w.strs(false, "name", "sex", "n", "year", "seq")
	w.flags(rListSXP, false, true)
	w.int(3<<8 | rRefSXP) // the symbol "class"
	w.strs(false, "data.frame")
	w.flags(rListSXP, false, true)
	w.sym("row.names")
	w.ints(false, rNAInt, -3)
	w.int(rNilValue)
	w.int(rNilValue) // end of the top pairlist
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(w.Bytes())
	zw.Close()
	p := filepath.Join(t.TempDir(), "df.rda")
	if err := os.WriteFile(p, z.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadRData(t *testing.T) {
	objs, err := readRData(writeTestRda(t))
	if err != nil {
		t.Fatal(err)
	}
	if objs["df"] == nil {
		t.Fatalf("objects %v, want df", objs)
	}
	if c := objs["df"].attrib("class"); c == nil || len(c.strs) != 1 || c.strs[0] != "data.frame" {
		t.Errorf("class attribute %+v", c)
	}
	cols, n, err := dataFrame(objs["df"])
	if err != nil || n != 3 {
		t.Fatalf("dataFrame: %d rows, %v", n, err)
	}
	if got := strings.Join(cols["name"].strs, ","); got != "OLIVIA,,Jack" {
		t.Errorf("name = %q", got)
	}
	if got := strings.Join(cols["sex"].strs, ","); got != "F,M,F" {
		t.Errorf("sex (factor) = %q", got)
	}
	if v := cols["n"].nums; v[0] != 5 || !math.IsNaN(v[1]) || v[2] != 7 {
		t.Errorf("n = %v", v)
	}
	if v := cols["year"].nums; v[2] != 1998 {
		t.Errorf("year = %v", v)
	}
	if v := cols["seq"].nums; len(v) != 3 || v[0] != 10 || v[2] != 14 {
		t.Errorf("compact_intseq = %v", v)
	}
}

func TestNameParts(t *testing.T) {
	for in, want := range map[string]string{
		"ELLIE-MAE": "ellie mae", "Siobhan": "siobhan", "D'ARCY": "", "MD.": "", "A-J": "", "Mary Jane": "mary jane",
	} {
		if got := strings.Join(nameParts(in), " "); got != want {
			t.Errorf("nameParts(%q) = %q, want %q", in, got, want)
		}
	}
}

// testUKData builds a small world: full lists from 1996 (England and Wales), 1974
// (Scotland) and 1997 (Northern Ireland) to 2020, top-100 rankings (here a few
// names) for 1904-1994, and US lists for every year.
func testUKData() *ukData {
	u := &ukData{t: &nameTable{idx: map[string]int32{}}, babies: map[int32]float64{}}
	id := u.t.id
	full := func(names ...string) dist {
		m := map[int32]float64{}
		for i, n := range names {
			m[id(n)] = float64(len(names) - i)
		}
		return normalise(m)
	}
	for nat, first := range map[int]int{natEW: 1996, natSc: 1974, natNI: 1997} {
		for s := 0; s < 2; s++ {
			u.full[nat][s] = map[int]dist{}
		}
		for y := first; y <= 2020; y++ {
			switch nat {
			case natEW:
				u.full[nat][0][y] = full("olivia", "amelia", "ffion")
				u.full[nat][1][y] = full("oliver", "jack", "dafydd")
			case natSc:
				u.full[nat][0][y] = full("eilidh", "olivia", "morag")
				u.full[nat][1][y] = full("jack", "hamish", "ruaraidh")
			case natNI:
				u.full[nat][0][y] = full("aoife", "olivia")
				u.full[nat][1][y] = full("jack", "cathal")
			}
		}
	}
	for _, n := range []string{"olivia", "amelia", "ffion", "oliver", "jack", "dafydd", "eilidh", "morag", "hamish", "ruaraidh", "aoife", "cathal"} {
		u.babies[id(n)] = 1000
	}
	for s := range u.ranks {
		u.ranks[s] = map[int][]int32{}
		u.us[s] = map[int]dist{}
	}
	for y := 1904; y <= 1994; y += 10 {
		u.ranks[0][y] = []int32{id("margaret"), id("mary")}
		u.ranks[1][y] = []int32{id("john"), id("william")}
	}
	for y := 1900; y <= 2024; y++ {
		u.us[0][y] = full("mary", "linda", "olivia")
		u.us[1][y] = full("john", "james", "jack")
	}
	return u
}

func TestUKModel(t *testing.T) {
	u := testUKData()
	m, err := newUKModel(u)
	if err != nil {
		t.Fatal(err)
	}
	if m.first != [nNations]int{1996, 1974, 1997} || m.last != 2020 {
		t.Fatalf("first %v last %d", m.first, m.last)
	}
	for _, c := range [][3]int{{natEW, 0, 1950}, {natEW, 1, 1985}, {natSc, 0, 1940}, {natNI, 1, 1960}, {natEW, 0, 2022}} {
		sum := 0.0
		for _, v := range m.dist(c[0], c[1], c[2]) {
			sum += v
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("dist %v sums to %g", c, sum)
		}
	}
	share, female := m.shares()
	total := 0.0
	for _, v := range share {
		total += v
	}
	if math.Abs(total-1) > 1e-9 {
		t.Errorf("shares sum to %g", total)
	}
	get := func(n string) (float64, float64) {
		i := u.t.idx[n]
		return share[i], female[i] / share[i]
	}
	// Margaret, only in the historic rankings, is an old person's name with a real
	// share; Ffion, only in the Welsh years of the full lists, a young one.
	mg, mgF := get("margaret")
	ff, _ := get("ffion")
	if mg < 0.02 || mgF != 1 {
		t.Errorf("margaret share %g female %g", mg, mgF)
	}
	if ff <= 0 || ff >= mg {
		t.Errorf("ffion %g, margaret %g: want 0 < ffion < margaret", ff, mg)
	}
	// Hamish reaches England and Wales's older years only through Scotland's list in
	// the tail, so his share comes mostly from Scotland.
	if h, hf := get("hamish"); h <= 0 || hf != 0 {
		t.Errorf("hamish share %g female %g", h, hf)
	}
	// A US-only name reaches the UK model only in the tail of years before 1974.
	if l, _ := get("linda"); l <= 0 || l >= mg {
		t.Errorf("linda %g", l)
	}
}

func TestSelectFirstNames(t *testing.T) {
	u := &ukData{t: &nameTable{idx: map[string]int32{}}, babies: map[int32]float64{},
		usBirths: map[int32]float64{}, usFemale: map[int32]float64{}, usTotal: 1e8}
	share, female := map[int32]float64{}, map[int32]float64{}
	add := func(n string, babies, sh, fem, us float64) {
		i := u.t.id(n)
		u.babies[i], share[i], female[i] = babies, sh, sh*fem
		u.usBirths[i], u.usFemale[i] = us, us*fem
	}
	add("eluned", 70, 3e-6, 1, 0)      // rare UK name: kept
	add("agnieszka", 60, 1e-6, 1, 0)   // below the UK share: left out
	add("dre", 500, 6e-6, 0, 0)        // three letters, rare: left out
	add("huw", 3000, 4e-5, 0, 0)       // three letters, common enough: kept
	add("blue", 400, 1e-5, 0.5, 0)     // an ordinary word, rare: left out
	add("oban", 40, 2.3e-6, 0, 0)      // a place, rare: left out
	add("khan", 400, 4e-6, 0, 0)       // commoner as a surname: left out
	add("bill", 100, 3e-5, 0, 40000)   // US share larger: taken
	add("margaret", 1e4, 4e-3, 1, 2e5) // UK share larger: taken
	add("latoya", 10, 0, 1, 50000)     // US only: US share
	rows := selectFirstNames(u, share, female,
		map[string]bool{"blue": true, "bill": true}, map[string]bool{"oban": true},
		map[string]float64{"khan": 1.4e-3},
		firstNameOptions{minBabies: 30, minUS: 2000, wordShare: 2.5e-5, usShare: 1e-6, ukShare: 2e-6, shortShare: 3e-5, usMax: true})
	got := map[string]firstNameRow{}
	for _, r := range rows {
		got[r.name] = r
	}
	for _, n := range []string{"agnieszka", "dre", "blue", "oban", "khan"} {
		if _, ok := got[n]; ok {
			t.Errorf("%s listed", n)
		}
	}
	for n, want := range map[string]float64{"eluned": 3e-6, "huw": 4e-5, "bill": 4e-4, "margaret": 4e-3, "latoya": 5e-4, "geoff": diminutiveShare} {
		if r, ok := got[n]; !ok || math.Abs(r.share-want) > want*1e-9 {
			t.Errorf("%s: %+v, want share %g", n, r, want)
		}
	}
	if got["eluned"].female != 1 || got["bill"].female != 0 {
		t.Errorf("female shares: eluned %g bill %g", got["eluned"].female, got["bill"].female)
	}
}

func TestSelectSurnames(t *testing.T) {
	rows := selectSurnames(map[string]float64{"jones": 0.0103, "smith": 0.013, "taylor": 0.008},
		[]string{"Jones", "Aab", "Rose", "Oliver", "O'Neill", "Zz"},
		map[string]bool{"oliver": true, "taylor": true}, map[string]bool{"smith": true, "rose": true})
	var got []string
	for _, r := range rows {
		got = append(got, r.name)
	}
	// Taylor is a UK surname though also a first name; Oliver from humannames is a
	// first name; Smith and Rose are words.
	if strings.Join(got, ",") != "aab,jones,taylor" {
		t.Errorf("surnames %v", got)
	}
	if rows[0].share != unknownSurnameShare || rows[1].share != 0.0103 {
		t.Errorf("shares %+v", rows)
	}
}
