// Package link keeps, per author, the patients a reader could piece together from the
// author's published posts (the mosaic effect), links each new post's patient to them,
// and says how many people would still match once the post is published.
//
// The ledger lives in the linker's own Badger database (key schema in keys.go). Only
// published posts count: Assess records a candidate revision as pending, Publish moves
// its details into the author's profiles, Discard forgets it, and Unpublish takes a
// deleted post's contributions back out. Each author's state is one bounded value, so
// assessing a post costs the same whatever the author's history.
package link

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/mosaicgw/mosaic/internal/extract"
	"github.com/mosaicgw/mosaic/internal/places"
	"github.com/mosaicgw/mosaic/internal/risk"
	mosaicv1 "github.com/mosaicgw/mosaic/proto/mosaic/v1"
)

// DefaultThreshold is the anonymity-set size below which a post is held: 5.
//
// Why 5: the figure is an order-of-magnitude estimate, so the threshold means "a handful
// of people at most", the group in which an acquaintance of the patient would recognise
// them. UK health-statistics practice treats counts that small as disclosive (NHS
// England suppresses HES counts of 1-7; ONS and the ICO's anonymisation guidance warn
// about small cells), and k-anonymity practice uses k of about 5 for releases to a
// restricted audience and 11 or more for public ones (the US CMS minimum cell size is 11).
// The forum is membership-only, so 5; public areas use DefaultPublicThreshold. On the dev
// scenarios (with the extractor of 2026-11-24) the expected holds came out at k ≤ 2.8 and
// the expected releases at k ≥ 5.9: 5 separates them, but by a factor of two only, which
// is about the precision of the priors.
const DefaultThreshold = 5.0

// DefaultPublicThreshold applies to posts in publicly readable areas, where any reader
// (neighbours, the patient's employer, the press) can piece details together: 11, the
// usual k for public release of health data.
const DefaultPublicThreshold = 11.0

// DefaultNationalThreshold is the threshold when the only population known is the whole
// UK: 1. A reader who cannot place the patient can only recognise someone they already
// know, so a description is held only when it is likely unique nationwide ("a 3-year-old
// with retinoblastoma" matches several children across the country; add the town and
// it matches one).
const DefaultNationalThreshold = 1.0

// Errors.
var (
	ErrBadID  = errors.New("link: empty id or id containing NUL")
	ErrClosed = errors.New("link: ledger has no database")
)

// Place is where an author practises, resolved from free text.
type Place struct {
	Name string
	// Chain lists the places that contain it, narrowest first ("cumbria", "north west").
	Chain      []string
	Population float64
	// Ref is the place's ID in internal/places, "" when it has none.
	Ref string
	// Hospital is set when the place is where a hospital service is rather than the
	// author's practice (a hospital, a trust, a board, a regional service).
	Hospital bool
	// Fixed is set when Population is an institution's own (a prison's roll, a
	// service's catchment) rather than the place's: the author's role changes nothing.
	Fixed bool
}

// Options configures a Ledger. The zero value works: thresholds default to
// DefaultThreshold and DefaultPublicThreshold, and author locations are not resolved.
type Options struct {
	Logger *slog.Logger
	// Threshold is the k below which a post about a patient is held (DefaultThreshold).
	Threshold float64
	// PublicThreshold is the threshold for posts in public areas (DefaultPublicThreshold).
	PublicThreshold float64
	// ThresholdFor, when set, gives the threshold per forum and audience and overrides
	// Threshold and PublicThreshold: the policy engine answers it, so per-forum overrides
	// and policy reloads reach the ledger without a restart.
	ThresholdFor func(forumID string, audience mosaicv1.Audience) float64
	// NationalThreshold applies when no place at all is known (neither the text nor the
	// author's profile narrows the patient below the whole UK): DefaultNationalThreshold.
	NationalThreshold float64
	// DeletedKeepCounting keeps a deleted post's details in the author's profiles: copies
	// of a published post persist (screenshots, quotes), so a strict policy may keep them.
	DeletedKeepCounting bool
	// MinConfidence is the extractor confidence below which details are ignored (0.5).
	MinConfidence float64
	// IntervalZ is how many standard deviations of log k the plausible range spans each
	// way (risk.DefaultZ when 0). A post is held while the low end of the range is
	// below the threshold: confidently when the high end is too, "uncertain" otherwise.
	IntervalZ float64
	// Locate resolves an author's free-text location ("Keswick, Cumbria") to the place
	// their patients come from, with its population; when nil, GazetteerLocator.
	Locate func(text string) (Place, bool)
	// Lookup gives the frequency or population of a generalised value for fix
	// suggestions (e.g. the population of a county); optional.
	Lookup func(kind, value string) (frequency, population float64, ok bool)
}

// Ledger is the per-author record of published patient details. It is safe for
// concurrent use; assessments of one author's posts are expected to be serialised by
// the caller (the linker consumes posts in order per author).
type Ledger struct {
	db   *badger.DB
	opts Options
	log  *slog.Logger
}

// Open returns a Ledger over db, which the caller owns and closes.
func Open(db *badger.DB, opts Options) (*Ledger, error) {
	if db == nil {
		return nil, ErrClosed
	}
	if opts.Threshold <= 0 {
		opts.Threshold = DefaultThreshold
	}
	if opts.PublicThreshold <= 0 {
		opts.PublicThreshold = DefaultPublicThreshold
	}
	if opts.NationalThreshold <= 0 {
		opts.NationalThreshold = min(DefaultNationalThreshold, opts.Threshold)
	}
	if opts.MinConfidence <= 0 {
		opts.MinConfidence = 0.5
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.Locate == nil {
		opts.Locate = GazetteerLocator()
	}
	return &Ledger{db: db, opts: opts, log: log}, nil
}

// Candidate is a post revision to assess.
type Candidate struct {
	PostID        string
	Revision      uint32
	AuthorID      string
	ForumID       string
	ThreadID      string
	ReplyToPostID string
	Audience      mosaicv1.Audience
	At            time.Time
	// AuthorRole and AuthorLocation come from the platform's author profile.
	AuthorRole, AuthorLocation string
	Body                       string
	// Reading is the extractor's reading of Body.
	Reading extract.Reading
}

// Result is the ledger's verdict on a candidate.
type Result struct {
	// Findings are QUASI_IDENTIFIERS (the post alone narrows a patient down) or
	// CUMULATIVE_REIDENTIFICATION (with the author's earlier published posts), each
	// SEVERITY_HOLD; empty when the patient stays hidden among enough people.
	Findings []*mosaicv1.Finding
	// Risk is the estimate for the riskiest profile the post touches; nil when the post
	// has no detail about a patient.
	Risk *mosaicv1.Risk
}

// Assess reads the author's profiles, links the candidate's patient to one of them (or
// none), estimates k for the post alone and for the linked profile, and records the
// candidate as pending. Assessing the same (post, revision) again gives the same result:
// pending revisions never count.
func (l *Ledger) Assess(ctx context.Context, c Candidate) (Result, error) {
	if !validID(c.AuthorID) || !validID(c.PostID) {
		return Result{}, fmt.Errorf("assess post %q by %q: %w", c.PostID, c.AuthorID, ErrBadID)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	var st *authorState
	err := l.db.View(func(txn *badger.Txn) error {
		var err error
		st, err = loadAuthor(txn, c.AuthorID)
		return err
	})
	if err != nil {
		return Result{}, fmt.Errorf("assess post %s rev %d: %w", c.PostID, c.Revision, err)
	}
	pend := l.pendingFrom(c)
	res := l.assess(st, c, pend)
	val, err := json.Marshal(pend)
	if err != nil {
		return Result{}, fmt.Errorf("encode pending %s/%d: %w", c.PostID, c.Revision, err)
	}
	// A blind write: it reads nothing, so it never conflicts with a concurrent publish.
	err = l.db.Update(func(txn *badger.Txn) error {
		return txn.Set(pendingKey(c.AuthorID, c.PostID, c.Revision), val)
	})
	if err != nil {
		return Result{}, fmt.Errorf("assess post %s rev %d: %w", c.PostID, c.Revision, err)
	}
	return res, nil
}

// Publish marks a revision published: its pending details enter the author's profiles.
// If releasedBody is not empty a moderator edited the text: the details whose words are
// still in the released text count, the rest do not. PublishDetails, with details
// re-read from the released text, is exact; this is the fallback, and it errs
// towards counting (a detail reworded by the moderator may still be counted).
func (l *Ledger) Publish(ctx context.Context, authorID, postID string, revision uint32, releasedBody string) error {
	if releasedBody != "" {
		low := strings.ToLower(releasedBody)
		still := func(fs []fact) []fact {
			return slices.DeleteFunc(fs, func(f fact) bool {
				return !slices.ContainsFunc(f.Sources, func(s source) bool {
					return s.Text == "" || strings.Contains(low, strings.ToLower(s.Text))
				})
			})
		}
		return l.publish(ctx, authorID, postID, revision, func(p *pendingPost) {
			p.Facts, p.Self = still(p.Facts), still(p.Self)
		})
	}
	return l.publish(ctx, authorID, postID, revision, nil)
}

// PublishReading publishes a revision whose released text a moderator edited, with the
// extractor's reading of that text (body is the released text, for span display).
func (l *Ledger) PublishReading(ctx context.Context, authorID, postID string, revision uint32, body string, r extract.Reading) error {
	return l.publish(ctx, authorID, postID, revision, func(p *pendingPost) {
		c := Candidate{PostID: postID, Revision: revision, AuthorID: authorID, Body: body, Reading: r,
			At: p.At, ThreadID: p.Thread, ForumID: p.Forum, ReplyToPostID: p.ReplyTo, AuthorRole: p.Role, AuthorLocation: p.Location}
		np := l.pendingFrom(c)
		p.Facts, p.Self = np.Facts, np.Self
		if body != "" {
			p.Cues = np.Cues
		}
	})
}

func (l *Ledger) publish(ctx context.Context, authorID, postID string, revision uint32, edit func(*pendingPost)) error {
	if !validID(authorID) || !validID(postID) {
		return fmt.Errorf("publish post %q by %q: %w", postID, authorID, ErrBadID)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err := l.update(func(txn *badger.Txn) error {
		item, err := txn.Get(pendingKey(authorID, postID, revision))
		if errors.Is(err, badger.ErrKeyNotFound) {
			// Already published (redelivery) or never assessed: nothing to add.
			l.log.Debug("publish without pending revision", "author", authorID, "post", postID, "revision", revision)
			return nil
		}
		if err != nil {
			return err
		}
		var p pendingPost
		if err := item.Value(func(v []byte) error { return json.Unmarshal(v, &p) }); err != nil {
			return fmt.Errorf("decode pending: %w", err)
		}
		if edit != nil {
			edit(&p)
		}
		st, err := loadAuthor(txn, authorID)
		if err != nil {
			return err
		}
		// A new revision of a published post replaces the old one's contributions.
		st.removePost(postID)
		st.Self = mergeFacts(st.Self, p.Self)
		if len(p.Facts) > 0 {
			pc := l.contextFor(st, p.Role, p.Location)
			d := decide(st, post{ID: p.Post, Thread: p.Thread, Forum: p.Forum, ReplyTo: p.ReplyTo, At: p.At, Cues: p.Cues, Facts: p.Facts}, pc)
			st.add(d.Profiles, p)
		}
		if err := saveAuthor(txn, authorID, st); err != nil {
			return err
		}
		return txn.Delete(pendingKey(authorID, postID, revision))
	})
	if err != nil {
		return fmt.Errorf("publish post %s rev %d: %w", postID, revision, err)
	}
	return nil
}

// Discard forgets a pending revision that was held, rejected, withdrawn or returned: it
// never counts.
func (l *Ledger) Discard(ctx context.Context, authorID, postID string, revision uint32) error {
	if !validID(authorID) || !validID(postID) {
		return fmt.Errorf("discard post %q by %q: %w", postID, authorID, ErrBadID)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err := l.db.Update(func(txn *badger.Txn) error {
		return txn.Delete(pendingKey(authorID, postID, revision))
	})
	if err != nil {
		return fmt.Errorf("discard post %s rev %d: %w", postID, revision, err)
	}
	return nil
}

// Unpublish takes a post the platform deleted out of the author's profiles (and drops
// any of its pending revisions), unless Options.DeletedKeepCounting.
func (l *Ledger) Unpublish(ctx context.Context, authorID, postID string) error {
	if !validID(authorID) || !validID(postID) {
		return fmt.Errorf("unpublish post %q by %q: %w", postID, authorID, ErrBadID)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err := l.update(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: pendingPostPrefix(authorID, postID)})
		var keys [][]byte
		for it.Rewind(); it.Valid(); it.Next() {
			keys = append(keys, it.Item().KeyCopy(nil))
		}
		it.Close()
		for _, k := range keys {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		if l.opts.DeletedKeepCounting {
			return nil
		}
		st, err := loadAuthor(txn, authorID)
		if err != nil {
			return err
		}
		if !st.removePost(postID) {
			return nil
		}
		return saveAuthor(txn, authorID, st)
	})
	if err != nil {
		return fmt.Errorf("unpublish post %s: %w", postID, err)
	}
	return nil
}

// EraseAuthor forgets everything the ledger holds about an author: their profiles and
// every pending revision (EraseAuthor: the right to erasure).
func (l *Ledger) EraseAuthor(ctx context.Context, authorID string) error {
	if !validID(authorID) {
		return fmt.Errorf("erase author %q: %w", authorID, ErrBadID)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	prefix := append([]byte(prefixPending+authorID), 0)
	err := l.update(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		var keys [][]byte
		for it.Rewind(); it.Valid(); it.Next() {
			keys = append(keys, it.Item().KeyCopy(nil))
		}
		it.Close()
		for _, k := range append(keys, authorKey(authorID)) {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("erase author: %w", err)
	}
	return nil
}

// update runs a read-modify-write transaction, retrying when a concurrent writer to the
// same author won (Badger's optimistic concurrency).
func (l *Ledger) update(fn func(txn *badger.Txn) error) error {
	var err error
	for range 8 {
		err = l.db.Update(fn)
		if !errors.Is(err, badger.ErrConflict) {
			return err
		}
	}
	return err
}

func loadAuthor(txn *badger.Txn, author string) (*authorState, error) {
	st := &authorState{}
	item, err := txn.Get(authorKey(author))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return st, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load author: %w", err)
	}
	if err := item.Value(func(v []byte) error { return decodeAuthor(v, st) }); err != nil {
		return nil, fmt.Errorf("decode author: %w", err)
	}
	return st, nil
}

func saveAuthor(txn *badger.Txn, author string, st *authorState) error {
	if len(st.Profiles) == 0 && len(st.Self) == 0 {
		return txn.Delete(authorKey(author))
	}
	return txn.Set(authorKey(author), encodeAuthor(st))
}

// removePost takes a post out of every profile; profiles left with no facts go.
func (st *authorState) removePost(postID string) bool {
	changed := false
	st.Self, changed = removePost(st.Self, postID)
	out := st.Profiles[:0]
	for _, pr := range st.Profiles {
		var ch bool
		pr.Facts, ch = removePost(pr.Facts, postID)
		n := len(pr.Posts)
		pr.Posts = slices.DeleteFunc(pr.Posts, func(r postRef) bool { return r.Post == postID })
		if ch || n != len(pr.Posts) {
			changed = true
		}
		if len(pr.Facts) == 0 {
			continue
		}
		out = append(out, pr)
	}
	st.Profiles = out
	return changed
}

// add records a published post's facts in the linked profiles, merged into one, or in a
// new profile when none is linked.
func (st *authorState) add(linked []int, p pendingPost) {
	ref := postRef{Post: p.Post, Revision: p.Revision, Thread: p.Thread, Forum: p.Forum, At: p.At}
	i := -1
	if len(linked) > 0 {
		i = linked[0]
		// The post showed these profiles are one patient: fold the others into the first.
		for _, j := range linked[1:] {
			o := st.Profiles[j]
			pr := &st.Profiles[i]
			pr.Facts = mergeFacts(pr.Facts, o.Facts)
			pr.addMarks(o.Marks)
			pr.addTerms(o.Terms)
			pr.Posts = append(pr.Posts, o.Posts...)
			slices.SortStableFunc(pr.Posts, func(a, b postRef) int { return a.At.Compare(b.At) })
			if o.First.Before(pr.First) {
				pr.First = o.First
			}
			if o.Last.After(pr.Last) {
				pr.Last = o.Last
			}
		}
		id := st.Profiles[i].ID
		var gone []uint32
		for _, j := range linked[1:] {
			gone = append(gone, st.Profiles[j].ID)
		}
		st.Profiles = slices.DeleteFunc(st.Profiles, func(pr profile) bool { return slices.Contains(gone, pr.ID) })
		i = slices.IndexFunc(st.Profiles, func(pr profile) bool { return pr.ID == id })
	}
	if i < 0 {
		st.NextID++
		st.Profiles = append(st.Profiles, profile{ID: st.NextID, First: p.At, Last: p.At})
		i = len(st.Profiles) - 1
		if len(st.Profiles) > maxProfiles {
			// Forget the profile least recently written about.
			oldest := 0
			for j := range st.Profiles[:i] {
				if st.Profiles[j].Last.Before(st.Profiles[oldest].Last) {
					oldest = j
				}
			}
			st.Profiles = slices.Delete(st.Profiles, oldest, oldest+1)
			i = len(st.Profiles) - 1
		}
	}
	pr := &st.Profiles[i]
	pr.Facts = mergeFacts(pr.Facts, p.Facts)
	pr.addMarks(p.Cues.Marks)
	pr.addTerms(p.Cues.Terms)
	pr.Posts = append(pr.Posts, ref)
	if len(pr.Posts) > maxPostsPerProf {
		pr.Posts = pr.Posts[len(pr.Posts)-maxPostsPerProf:]
	}
	if p.At.After(pr.Last) {
		pr.Last = p.At
	}
	if pr.First.IsZero() || p.At.Before(pr.First) {
		pr.First = p.At
	}
}

// overlapsDate reports whether a detail's span lies inside a date's.
func overlapsDate(ds []extract.Detail, d extract.Detail) bool {
	for _, o := range ds {
		if o.Kind == extract.KindDate && o.Start < d.End && d.Start < o.End {
			return true
		}
	}
	return false
}

// dedupe merges repeated mentions of one value within a post.
func dedupe(fs []fact) []fact {
	if len(fs) < 2 {
		return fs
	}
	var out []fact
	for _, f := range fs {
		i := slices.IndexFunc(out, func(o fact) bool { return o.key() == f.key() })
		if i < 0 {
			out = append(out, f)
			continue
		}
		out[i].Sources = append(out[i].Sources, f.Sources...)
	}
	return out
}

// contextFor works out where the author's patients live: a place the author has stated
// about themself in published posts, else the platform profile's location, sized by the
// author's role (a hospital draws on a wider area than its town).
func (l *Ledger) contextFor(st *authorState, role, location string) risk.Context {
	ctx, _ := l.contextFrom(st, role, location)
	return ctx
}

// contextFrom is contextFor that also says which posts the place came from, when it came
// from the author's own posts rather than the platform profile.
func (l *Ledger) contextFrom(st *authorState, role, location string) (risk.Context, []source) {
	var ctx risk.Context
	var from []source
	if l.opts.Lookup != nil {
		ctx.Lookup = l.opts.Lookup
	}
	// The narrowest of the places the author has given for themself and the platform
	// profile's location.
	var pl Place
	ok := false
	for _, f := range st.Self {
		e := risk.Compute([]risk.Factor{f.factor(true)}, risk.Context{})
		if !ok || e.Population < pl.Population {
			pl = Place{Name: f.Value, Chain: f.Generalisations, Population: e.Population, Ref: f.Ref}
			ok, from = true, f.Sources
		}
	}
	if location != "" && l.opts.Locate != nil {
		if lp, found := l.opts.Locate(location); found && (!ok || lp.Population < pl.Population) {
			pl, ok, from = lp, true, nil
		}
	}
	if !ok {
		return ctx, nil
	}
	ctx.Place = strings.ToLower(pl.Name)
	ctx.PlaceRef = pl.Ref
	for _, g := range pl.Chain {
		ctx.PlaceChain = append(ctx.PlaceChain, strings.ToLower(g))
	}
	ctx.Population = catchmentFor(role, pl)
	return ctx, from
}

// catchmentFor is the population an author's patients come from, given the place their
// profile or posts name and their role: a hospital doctor whose profile names only a
// town serves that town's district; a GP in a village serves the villages around it
// (a rural practice's list, about 3,000 people, unless the district is smaller); a
// practice in a district of a city serves, as readers see it, the city.
func catchmentFor(role string, pl Place) float64 {
	pop := pl.Population
	catch, _ := risk.Catchment(role)
	g := places.Default()
	var p *places.Place
	if id, err := strconv.Atoi(pl.Ref); err == nil {
		p = g.Place(int32(id))
	}
	switch {
	case pl.Fixed:
	case catch >= risk.CatchmentHospital && !pl.Hospital && p != nil:
		if c := g.Ancestor(p, places.Council); c != nil && c.Population > pop {
			pop = c.Population
		}
	case p != nil && p.Kind == places.Suburb:
		// A district of a city: readers place its patients in the city.
		if c := g.Ancestor(p, places.Council); c != nil && c.Population > pop {
			pop = c.Population
		}
	case catch == risk.CatchmentPractice && p != nil && p.Island:
		// An island's practice serves the island, however few live there.
		if isl := g.Ancestor(p, places.Island); isl != nil && isl.Population > pop {
			pop = isl.Population
		}
	case catch == risk.CatchmentPractice && p != nil && p.Kind.Settlement() && pop < ruralPractice:
		limit := float64(ruralPractice)
		if c := g.Ancestor(p, places.Council); c != nil {
			limit = min(limit, c.Population)
		}
		pop = max(pop, limit)
	}
	return pop
}

// ruralPractice is the population a village practice draws on: the registered list of
// a small rural practice (NHS Digital's smallest practices hold 2,000-4,000 patients).
const ruralPractice = 3000

// GazetteerLocator resolves an author's free-text location with internal/places: the
// place their patients come from and the population of it, by the kind of place
// named: a practice, its town; a district general hospital, its district; a regional
// or national service, the region or the nation. Results are cached (locations repeat
// with every post of an author).
func GazetteerLocator() func(text string) (Place, bool) {
	var cache sync.Map
	type entry struct {
		p  Place
		ok bool
	}
	return func(text string) (Place, bool) {
		if v, hit := cache.Load(text); hit {
			e := v.(entry)
			return e.p, e.ok
		}
		g := places.Default()
		pr := g.ResolveProfile(text)
		var out Place
		ok := pr.Place != nil && pr.Population > 0
		if ok {
			out = Place{Name: pr.Place.Name, Population: pr.Population, Ref: strconv.Itoa(int(pr.Place.ID))}
			for _, a := range g.Chain(pr.Place)[1:] {
				out.Chain = append(out.Chain, strings.ToLower(a.Name))
			}
			if in := pr.Institution; in != nil && in.Kind != places.Practice || pr.Scope >= places.District {
				out.Hospital = true
			}
			out.Fixed = pr.Institution != nil || pr.Population != pr.Place.Population
		}
		cache.Store(text, entry{out, ok})
		return out, ok
	}
}
