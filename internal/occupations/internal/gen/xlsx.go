package main

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readSheet returns the cells of the first worksheet of an .xlsx file as rows of
// column-letter -> text. It reads shared strings and inline strings; numbers come as written.
func readSheet(path string, sheet int) ([]map[string]string, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	open := func(name string) (io.ReadCloser, error) {
		for _, f := range z.File {
			if f.Name == name {
				return f.Open()
			}
		}
		return nil, fmt.Errorf("%s: no %s", path, name)
	}
	var shared []string
	if r, err := open("xl/sharedStrings.xml"); err == nil {
		var sst struct {
			SI []struct {
				T string `xml:"t"`
				R []struct {
					T string `xml:"t"`
				} `xml:"r"`
			} `xml:"si"`
		}
		err = xml.NewDecoder(r).Decode(&sst)
		r.Close()
		if err != nil {
			return nil, err
		}
		for _, si := range sst.SI {
			s := si.T
			for _, run := range si.R {
				s += run.T
			}
			shared = append(shared, s)
		}
	}
	r, err := open("xl/worksheets/sheet" + strconv.Itoa(sheet) + ".xml")
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var ws struct {
		Rows []struct {
			C []struct {
				R  string `xml:"r,attr"`
				T  string `xml:"t,attr"`
				V  string `xml:"v"`
				IS struct {
					T string `xml:"t"`
				} `xml:"is"`
			} `xml:"c"`
		} `xml:"sheetData>row"`
	}
	if err := xml.NewDecoder(r).Decode(&ws); err != nil {
		return nil, err
	}
	var out []map[string]string
	for _, row := range ws.Rows {
		m := map[string]string{}
		for _, c := range row.C {
			col := strings.TrimRight(c.R, "0123456789")
			v := c.V
			switch c.T {
			case "s":
				i, _ := strconv.Atoi(v)
				if i < len(shared) {
					v = shared[i]
				}
			case "inlineStr":
				v = c.IS.T
			}
			m[col] = v
		}
		out = append(out, m)
	}
	return out, nil
}
