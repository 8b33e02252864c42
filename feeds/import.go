package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"parallax/store"
)

// ImportLibrary is what Import writes to; *store.Store satisfies it, and
// tests pass a fake. AddBatches stores the feed and article files of one
// import together, so that their articles are grouped at once.
type ImportLibrary interface {
	Subscribe(ctx context.Context, f store.Feed) (feed store.Feed, isNew bool, err error)
	batchAdder
}

// Imported is what ImportAll did with one file: an account, or an error
// naming the file, or both where the file was imported in part (some
// lines of a list of feeds were not feed URLs).
type Imported struct {
	Path    string
	Message string
	Err     error
}

// ImportAll reads the files named on parallax import and acts on what
// each holds: OPML and newsboat urls files subscribe to their feeds, a
// feed file's items are imported once, and an article file (.txt, .md,
// .html) becomes one article; source names the outlet of imported
// articles. The articles of all the feed and article files are stored
// together and grouped into stories oldest first across the files, as a
// regrouping would place them: one outlet's file after another would
// otherwise group each outlet's week before the next one's. A file that
// cannot be read, parsed or stored fails alone. Each file gets a short
// account of what was done with it, or an error of one line naming it.
func ImportAll(ctx context.Context, lib ImportLibrary, paths []string, source string) []Imported {
	out := make([]Imported, len(paths))
	var batches []store.Batch
	var held []heldFile
	for i, path := range paths {
		out[i].Path = path
		data, kind, err := readImport(path)
		if err != nil {
			out[i].Err = err
			continue
		}
		var arts []store.Article
		f := heldFile{at: i, kind: kind}
		switch {
		case kind == KindFeed:
			var p Parsed
			p, err = parseImportFeed(path, data, source)
			f.title, arts, f.repeated = p.Title, p.Articles, p.Repeated
		case kind.IsArticle():
			var a store.Article
			a, err = ReadArticle(path, data, source)
			f.title, arts = a.Title, []store.Article{a}
		default:
			out[i].Message, err = importOther(ctx, lib, path, data, kind)
		}
		if err == nil && arts != nil {
			batches = append(batches, store.Batch{Articles: arts})
			held = append(held, f)
		}
		out[i].Err = err
	}
	if len(batches) == 0 {
		return out
	}
	results, errs := storeEach(ctx, lib, batches)
	for k, f := range held {
		out[f.at].Message, out[f.at].Err = f.stored(paths[f.at], results[k], errs[k])
	}
	return out
}

// heldFile is a feed or article file of one import whose articles wait to
// be stored with the others: at is its place among the paths.
type heldFile struct {
	at       int
	kind     Kind
	title    string // the feed's title, or the article's headline
	repeated int    // a feed's items left out as repeats
}

// stored is the account of storing the file's articles.
func (f heldFile) stored(path string, res store.AddResult, err error) (string, error) {
	if f.kind == KindFeed {
		msg, err := importedFeed(path, f.title, res, err)
		if err == nil && f.repeated > 0 {
			msg += fmt.Sprintf("; left out %s that repeated an earlier item's GUID, link or title", plural(f.repeated, "item"))
		}
		return msg, err
	}
	if err != nil {
		return "", fail(path, "storing the article: "+err.Error(), err)
	}
	if res.Added == 0 {
		return fmt.Sprintf("updated article %s", quoteTitle(f.title, "")), nil
	}
	return fmt.Sprintf("imported article %s", quoteTitle(f.title, "")), nil
}

// ReadSubscriptions reads the subscriptions of an OPML or newsboat urls
// file, for the reader's welcome screen to subscribe to. Its error says in
// one line what is wrong with the file without naming it, since the screen
// already does. A file that lists some feeds amid damage gives those, with
// the error naming what was left out.
func ReadSubscriptions(path string) ([]Subscription, error) {
	data, kind, err := readImport(path)
	if err != nil {
		var fe *FetchError
		if errors.As(err, &fe) {
			return nil, errors.New(fe.Reason)
		}
		return nil, err
	}
	if kind != KindOPML && kind != KindURLs {
		return nil, errors.New("neither OPML nor a urls file of subscriptions")
	}
	subs, err := parseSubscriptions(data, kind)
	if err != nil {
		return subs, errors.New(SanitizeLine(err.Error()))
	}
	return subs, nil
}

// parseSubscriptions parses an OPML or urls file: the feeds it lists, and
// what was wrong with it if anything.
func parseSubscriptions(data []byte, kind Kind) ([]Subscription, error) {
	if kind == KindOPML {
		return ParseOPML(bytes.NewReader(data))
	}
	return ParseURLs(bytes.NewReader(data))
}

// readImport reads a file named on parallax import and tells what it holds.
func readImport(path string) ([]byte, Kind, error) {
	data, err := readFileCapped(path, DefaultMaxBytes)
	if err != nil {
		return nil, 0, fail(path, fileReason(err, DefaultMaxBytes), err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, 0, fail(path, "the file is empty", ErrNotArticle)
	}
	if hasBOM(data) {
		// The mark tells the encoding, whatever the file holds.
		if data, err = toUTF8(data, ""); err != nil {
			return nil, 0, fail(path, err.Error(), err)
		}
		return data, Sniff(path, data), nil
	}
	kind := Sniff(path, data)
	if data, err = localText(data, kind); err != nil {
		return nil, 0, fail(path, err.Error(), err)
	}
	return data, kind, nil
}

// localText is a local file of kind, without a byte-order mark, in UTF-8.
// Files saved to disk come in the encodings of their day: a page's <meta
// charset> or an OPML file's XML declaration names its own, and text that
// is not UTF-8 is read as Windows-1252, the Latin-1 that editors on
// Windows write. A page that is UTF-8 by its bytes is read as UTF-8
// whatever it names (see pageEncoding). A feed file is left to the feed
// parser, which reads its declaration.
func localText(data []byte, kind Kind) ([]byte, error) {
	switch {
	case kind == KindFeed || kind == KindUnknown:
		return data, nil
	case kind == KindHTML:
		enc, name := pageEncoding(data, "text/html")
		if name == "utf-8" {
			return data, nil
		}
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("wrong encoding: not valid %s", name)
		}
		return out, nil
	case utf8.Valid(data), kind == KindOPML && xmlEncoding(data) != "":
		return data, nil
	}
	return charmap.Windows1252.NewDecoder().Bytes(data)
}

// parseImportFeed parses a feed file to import, which must have items.
func parseImportFeed(path string, data []byte, source string) (Parsed, error) {
	p, err := ParseFeedFile(path, data, source)
	if err != nil {
		return Parsed{}, err
	}
	if len(p.Articles) == 0 {
		return Parsed{}, fail(path, "the feed has no items", nil)
	}
	return p, nil
}

// importedFeed is the account of storing a feed file's items.
func importedFeed(path, title string, res store.AddResult, err error) (string, error) {
	if err != nil {
		return "", fail(path, "storing articles: "+err.Error(), err)
	}
	return fmt.Sprintf("imported %s from %s", plural(res.Added, "new article"), quoteTitle(title, "the feed")) +
		already(res.Updated), nil
}

// importOther imports a file that holds no articles: a list of
// subscriptions.
func importOther(ctx context.Context, lib ImportLibrary, path string, data []byte, kind Kind) (string, error) {
	switch kind {
	case KindOPML, KindURLs:
		subs, perr := parseSubscriptions(data, kind)
		if perr != nil && len(subs) == 0 {
			return "", fail(path, perr.Error(), perr)
		}
		done, known, addErr := subscribe(ctx, lib, subs)
		msg := fmt.Sprintf("subscribed to %s", plural(done, "feed"))
		if known > 0 {
			msg = fmt.Sprintf("subscribed to %s (%d already subscribed)", plural(done, "new feed"), known)
		}
		if perr == nil {
			perr = addErr
		}
		if perr != nil {
			err := fail(path, msg+"; "+perr.Error(), perr)
			if done+known == 0 {
				msg = "" // nothing was done with the file
			}
			return msg, err
		}
		return msg, nil
	}
	return "", fail(path, "not a file parallax can import (neither OPML, a urls file, a feed nor an article)", ErrNotArticle)
}

// subscribe adds each subscription as a feed and returns how many were
// new, how many the library had already, and the first failure.
func subscribe(ctx context.Context, lib ImportLibrary, subs []Subscription) (done, known int, first error) {
	for _, s := range subs {
		_, isNew, err := lib.Subscribe(ctx, s.Feed())
		switch {
		case err != nil:
			if first == nil {
				first = fmt.Errorf("adding %s: %w", s.URL, err)
			}
		case isNew:
			done++
		default:
			known++
		}
	}
	return done, known, first
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func already(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d already in the library)", n)
}

func quoteTitle(title, otherwise string) string {
	if strings.TrimSpace(title) == "" {
		return otherwise
	}
	return `"` + title + `"`
}
