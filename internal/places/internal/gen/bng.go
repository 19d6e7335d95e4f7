package main

import "math"

// toBNG projects WGS84 latitude/longitude (degrees) onto the British National Grid
// (Airy 1830 ellipsoid, transverse Mercator, OS parameters). The datum shift from
// WGS84 to OSGB36 (about 100-150 m) is ignored: the generator only needs it to find
// the nearest Ordnance Survey place to a GeoNames point, to within a few kilometres.
func toBNG(latDeg, lonDeg float64) (e, n float64) {
	const (
		a, b   = 6377563.396, 6356256.909
		f0     = 0.9996012717
		lat0   = 49 * math.Pi / 180
		lon0   = -2 * math.Pi / 180
		n0, e0 = -100000.0, 400000.0
	)
	phi := latDeg * math.Pi / 180
	lam := lonDeg * math.Pi / 180
	e2 := 1 - (b*b)/(a*a)
	nn := (a - b) / (a + b)
	sinPhi, cosPhi, tanPhi := math.Sin(phi), math.Cos(phi), math.Tan(phi)
	nu := a * f0 / math.Sqrt(1-e2*sinPhi*sinPhi)
	rho := a * f0 * (1 - e2) / math.Pow(1-e2*sinPhi*sinPhi, 1.5)
	eta2 := nu/rho - 1
	dphi, sphi := phi-lat0, phi+lat0
	m := b * f0 * ((1+nn+5.0/4*nn*nn+5.0/4*nn*nn*nn)*dphi -
		(3*nn+3*nn*nn+21.0/8*nn*nn*nn)*math.Sin(dphi)*math.Cos(sphi) +
		(15.0/8*nn*nn+15.0/8*nn*nn*nn)*math.Sin(2*dphi)*math.Cos(2*sphi) -
		(35.0/24*nn*nn*nn)*math.Sin(3*dphi)*math.Cos(3*sphi))
	i := m + n0
	ii := nu / 2 * sinPhi * cosPhi
	iii := nu / 24 * sinPhi * math.Pow(cosPhi, 3) * (5 - tanPhi*tanPhi + 9*eta2)
	iiia := nu / 720 * sinPhi * math.Pow(cosPhi, 5) * (61 - 58*tanPhi*tanPhi + math.Pow(tanPhi, 4))
	iv := nu * cosPhi
	v := nu / 6 * math.Pow(cosPhi, 3) * (nu/rho - tanPhi*tanPhi)
	vi := nu / 120 * math.Pow(cosPhi, 5) * (5 - 18*tanPhi*tanPhi + math.Pow(tanPhi, 4) + 14*eta2 - 58*tanPhi*tanPhi*eta2)
	dl := lam - lon0
	n = i + ii*dl*dl + iii*math.Pow(dl, 4) + iiia*math.Pow(dl, 6)
	e = e0 + iv*dl + v*math.Pow(dl, 3) + vi*math.Pow(dl, 5)
	return e, n
}
