// Command parallax is a terminal news reader that groups the articles of many
// outlets into stories and compares how each outlet tells them.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/mattn/go-isatty"

	"parallax/feeds"
	"parallax/feeds/sample"
	"parallax/store"
	"parallax/store/story"
	"parallax/themes"
	"parallax/ui"
)

// version is the release this binary reports; builds may set it with
// -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Exit statuses, as the command line promises them.
const (
	exitOK      = 0
	exitPartial = 1 // done in part: some feeds or files failed, the rest was kept
	exitUsage   = 2 // bad usage, or nothing could be done

	// exitInterrupted is what a shell reports for a command that SIGINT
	// killed, so that a script or a loop around parallax stops as it would
	// for any other command the user interrupted; 1 would say the work was
	// done, some of it having failed.
	exitInterrupted = 130
)

// command is one subcommand: its flags, its one-line synopsis and the
// function that runs it.
type command struct {
	name     string
	synopsis string
	help     string
	flags    func(fs *flag.FlagSet, o *options)
	run      func(ctx context.Context, env *env, args []string) int

	// noArgs says the command takes flags only: a word after it is a
	// mistake ("parallax fetch bbc"), not something to ignore.
	noArgs bool
	// writes says the command changes the library, and so stops before
	// any work where the library can only be read.
	writes bool
}

// options holds every flag a subcommand may take.
type options struct {
	db         string
	json       bool
	limit      int
	minSources int
	query      string
	source     string
	format     string
	output     string
	theme      string
	config     string
	sample     bool
	defaults   bool
	preview    bool
	version    bool
	dryRun     bool
	keepDays   int

	// given holds the flags the command line set, so that a value given
	// on purpose ("--keep-days 0", "--db ''") is not taken for its default.
	given map[string]bool
}

// env is what a running command reaches: its options, its output streams and
// the library, opened on first use.
type env struct {
	opts   options
	stdout io.Writer
	stderr io.Writer
	lib    *store.Store
	cmd    *command // nil for the reader
	writes bool     // the command changes the library (see command.writes)

	// term is stderr as given, for the progress bar, which draws with
	// escapes where it is a terminal.
	term io.Writer
}

func main() {
	// Ctrl-C, or the terminal closing under the reader or a command (its
	// window shut, the connection to it lost), asks the command to stop,
	// so that what it leaves behind goes; a second, should stopping be
	// slow, kills it as it would any program.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGHUP)
	context.AfterFunc(ctx, stop)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func commands() []command {
	jsonFlag := func(fs *flag.FlagSet, o *options) {
		fs.BoolVar(&o.json, "json", false, "print JSON to stdout")
	}
	return []command{
		{name: "add", synopsis: "add URL|PATH ... [--defaults]", help: "Subscribe to feeds. A web page is searched for its feed link; a path or file:// URL reads a local feed file.",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.BoolVar(&o.defaults, "defaults", false, "subscribe to the built-in list of world-news outlets")
			}, run: cmdAdd, writes: true},
		{name: "remove", synopsis: "remove URL ...", help: "Unsubscribe from feeds. Articles in saved stories stay.", run: cmdRemove, writes: true},
		{name: "feeds", synopsis: "feeds [--json]", help: "List subscriptions and their health.", flags: jsonFlag, run: cmdFeeds, noArgs: true},
		{name: "fetch", synopsis: "fetch [--json]", help: "Refresh every feed now. Then, as the config's fulltext and keep_days say, fetch the full text of articles and purge old ones.",
			flags: func(fs *flag.FlagSet, o *options) {
				jsonFlag(fs, o)
				configFlag(fs, o)
			}, run: cmdFetch, noArgs: true, writes: true},
		{name: "purge", synopsis: "purge [--dry-run] [--keep-days N] [--json]", help: "Remove unsaved articles older than keep_days (config, default 60), by their date and by when they were fetched, with the stories they leave empty; a feed that still carries them does not bring them back. --dry-run shows what would go.",
			flags: func(fs *flag.FlagSet, o *options) {
				jsonFlag(fs, o)
				configFlag(fs, o)
				fs.BoolVar(&o.dryRun, "dry-run", false, "show what would be purged without removing it")
				fs.IntVar(&o.keepDays, "keep-days", 0, "keep articles `N` days (default: the config's keep_days)")
			}, run: cmdPurge, noArgs: true, writes: true},
		{name: "import", synopsis: "import [--source NAME] PATH ...", help: "Import OPML or a newsboat urls file (subscribes), a feed file (imports its items once; the items of several feed files are grouped together, oldest first), or article files .txt .md .html (one article each).",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.source, "source", "", "the outlet `NAME` of article files (default: from the file name)")
			}, run: cmdImport, writes: true},
		{name: "export", synopsis: "export opml | story ID [--format md|html] [-o FILE]", help: "Write the subscriptions as OPML 2.0, or a whole story (every source and the comparison) as Markdown or a self-contained HTML page, to stdout or FILE.",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.format, "format", "md", "the story's `FORMAT`: md or html, which an -o FILE ending in .html also chooses")
				fs.StringVar(&o.output, "o", "", "write to `FILE` instead of stdout")
				fs.StringVar(&o.output, "output", "", "write to `FILE`, as -o does")
			}, run: cmdExport},
		{name: "stories", synopsis: "stories [--json] [--limit N] [--min-sources N] [--query Q]", help: "List stories, newest first.",
			flags: func(fs *flag.FlagSet, o *options) {
				jsonFlag(fs, o)
				fs.IntVar(&o.limit, "limit", 0, "list at most `N` stories (0: all)")
				fs.IntVar(&o.minSources, "min-sources", 0, "only stories told by at least `N` sources")
				fs.StringVar(&o.query, "query", "", "only stories with an article whose text or outlet's name holds every word of `Q`")
			}, run: cmdStories},
		{name: "show", synopsis: "show STORY [--json]", help: "Show one story with its articles and their text.", flags: jsonFlag, run: cmdShow},
		{name: "compare", synopsis: "compare STORY [--json]", help: "Show what each source of a story shares with the others and what it alone reports.", flags: jsonFlag, run: cmdCompare},
		{name: "search", synopsis: "search QUERY [--json] [--limit N]", help: "Full-text search over articles.",
			flags: func(fs *flag.FlagSet, o *options) {
				jsonFlag(fs, o)
				fs.IntVar(&o.limit, "limit", 50, "show at most `N` results")
			}, run: cmdSearch},
		{name: "save", synopsis: "save STORY", help: "Keep a story whole: it is never purged, and its articles' full text is fetched now.", flags: configFlag, run: cmdSave(true), writes: true},
		{name: "unsave", synopsis: "unsave STORY", help: "Stop keeping a story.", run: cmdSave(false), writes: true},
		{name: "themes", synopsis: "themes [--preview]", help: "List the reader's themes with a sample of their colours.",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.BoolVar(&o.preview, "preview", false, "show what a story list and an article look like in each theme")
				fs.StringVar(&o.config, "config", "", "the config `FILE`, beside which user themes live (default $XDG_CONFIG_HOME/parallax/config.toml)")
			}, run: cmdThemes, noArgs: true},
		{name: "regroup", synopsis: "regroup", help: "Group the whole library into stories again.", run: cmdRegroup, noArgs: true, writes: true},
	}
}

// run parses args and runs the command they name, returning the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	// Errors quote what the user typed and what feeds sent; only the
	// progress bar may move the cursor.
	term := stderr
	stderr = visibleWriter{stderr}
	cmds := commands()
	name, args := splitCommand(args)
	var cmd *command
	if name != "" {
		for i := range cmds {
			if cmds[i].name == name {
				cmd = &cmds[i]
			}
		}
		if cmd == nil {
			fmt.Fprintf(stderr, "parallax: unknown command %q (see parallax --help)\n", name)
			return exitUsage
		}
	}

	e := &env{stdout: stdout, stderr: stderr, term: term, cmd: cmd, writes: cmd != nil && cmd.writes}
	if cmd != nil && cmd.name != "themes" {
		// Only the themes preview prints escapes of its own.
		e.stdout = visibleWriter{stdout}
	}
	fs := flag.NewFlagSet("parallax", flag.ContinueOnError)
	// What parsing the flags prints is help, asked for and so on stdout,
	// where a pager reads it, or an error and the usage, on stderr.
	var flagOut bytes.Buffer
	fs.SetOutput(&flagOut)
	fs.StringVar(&e.opts.db, "db", "", "the library's database file, at `PATH` (default $PARALLAX_DB, else $XDG_DATA_HOME/parallax/parallax.db)")
	if cmd == nil {
		readerFlags(fs, &e.opts)
		fs.Usage = func() { usage(fs.Output(), cmds, fs) }
	} else {
		if cmd.flags != nil {
			cmd.flags(fs, &e.opts)
		}
		if fs.Lookup("config") == nil {
			// Taken and left unread, as a shell alias that names a
			// config gives it to every command.
			configFlag(fs, &e.opts)
		}
		fs.Usage = func() {
			fmt.Fprintf(fs.Output(), "usage: parallax %s\n\n%s\n\nflags:\n", cmd.synopsis, cmd.help)
			printFlags(fs.Output(), fs)
		}
	}
	positional, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		stdout.Write(flagOut.Bytes())
		return exitOK
	}
	if err != nil {
		return e.misused(flagProblem(err))
	}
	e.opts.given = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { e.opts.given[f.Name] = true })
	if e.opts.given["db"] && strings.TrimSpace(e.opts.db) == "" {
		return e.misused("--db is empty; give the library's database file")
	}
	if cmd != nil && cmd.noArgs && len(positional) > 0 {
		return e.misused(fmt.Sprintf("unexpected argument %q", positional[0]))
	}
	if cmd != nil {
		if name, n, ok := negativeCount(fs); ok {
			return e.misused(fmt.Sprintf("--%s %d is a negative number", name, n))
		}
	}
	defer func() {
		if e.lib != nil {
			e.lib.Close()
		}
	}()

	var code int
	switch {
	case cmd != nil:
		code = cmd.run(ctx, e, positional)
	case e.opts.version:
		fmt.Fprintf(stdout, "parallax %s\n", version)
		return exitOK
	case len(positional) > 0:
		return e.misused(fmt.Sprintf("unexpected argument %q", positional[0]))
	default:
		code = cmdReader(ctx, e)
	}
	if ctx.Err() != nil {
		// Whatever the command or the reader says of its work, it was cut
		// short: by SIGINT, which reaches the reader only from outside,
		// since in the terminal's raw mode Ctrl-C is a key.
		fmt.Fprintln(stderr, "parallax: interrupted")
		return exitInterrupted
	}
	return code
}

// readerFlags defines the flags of the reader, which splitCommand also
// reads to tell a flag's value from a command; --db, which every command
// takes too, is defined apart.
func readerFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.theme, "theme", "", "the reader's theme, by `NAME` (see the config file's theme key)")
	fs.StringVar(&o.config, "config", "", "the config `FILE` (default $XDG_CONFIG_HOME/parallax/config.toml)")
	fs.BoolVar(&o.sample, "sample", false, "open the built-in sample library instead of yours")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
}

// negativeCount returns the first number flag set below zero: every one
// counts something (stories, results, sources, days), and a negative
// count is a mistake, not "all".
func negativeCount(fs *flag.FlagSet) (name string, n int, found bool) {
	fs.Visit(func(f *flag.Flag) {
		if g, ok := f.Value.(flag.Getter); ok && !found {
			if v, ok := g.Get().(int); ok && v < 0 {
				name, n, found = f.Name, v, true
			}
		}
	})
	return name, n, found
}

// splitCommand takes the subcommand out of args: the first argument that
// is neither a flag nor the value of one, so that flags every command
// takes may come before it too ("parallax --db lib.db add URL"). It
// returns "" when args name no command: the reader.
func splitCommand(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return "", args
		case !strings.HasPrefix(a, "-"):
			return a, slices.Concat(args[:i], args[i+1:])
		case !strings.Contains(a, "=") && takesValue(strings.TrimLeft(a, "-")):
			i++ // its value
		}
	}
	return "", args
}

// takesValue reports whether the flag name, given before a command, takes
// a value of its own: --db, or a reader's flag that is not a switch.
func takesValue(name string) bool {
	if name == "db" {
		return true
	}
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	readerFlags(fs, &options{})
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	b, isSwitch := f.Value.(interface{ IsBoolFlag() bool })
	return !isSwitch || !b.IsBoolFlag()
}

// misused says what was wrong with the command line, in a line, and how
// the command is used, and returns the exit status of bad usage.
func (e *env) misused(problem string) int {
	where, prog, synopsis := "parallax: ", "parallax", readerSynopsis
	if e.cmd != nil {
		where, prog, synopsis = "parallax: "+e.cmd.name+": ", "parallax "+e.cmd.name, e.cmd.synopsis
	}
	fmt.Fprintf(e.stderr, "%s%s\nusage: parallax %s (%s --help says more)\n", where, problem, synopsis, prog)
	return exitUsage
}

// flagName spells a flag as the usage lines do: --limit, but -o.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// flagValueError matches the flag package's words for a value it could not
// take: the value, the flag, and why.
var flagValueError = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?-(\S+): (.*)$`)

// flagProblem says in a few words what was wrong with a flag, spelt as the
// help spells flags (--name), from the flag package's error.
func flagProblem(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return "unknown flag " + flagName(strings.TrimPrefix(name, "-"))
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return flagName(strings.TrimPrefix(name, "-")) + " needs a value"
	}
	m := flagValueError.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	value, name, why := m[1], m[2], m[3]
	switch {
	case strings.HasPrefix(msg, "invalid boolean") && why == "parse error":
		why = "is not true or false"
	case why == "parse error":
		why = "is not a whole number"
	case why == "value out of range":
		why = "is out of range"
	default:
		why = "is wrong: " + why
	}
	return flagName(name) + " " + value + " " + why
}

// parseInterspersed parses flags wherever they stand among the arguments, so
// that both "show --json 12" and "show 12 --json" work.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// readerSynopsis is how the reader is opened, for the usage.
const readerSynopsis = "[--theme NAME] [--sample]"

func usage(w io.Writer, cmds []command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "parallax %s: a terminal news reader that groups articles into stories\n\n", version)
	fmt.Fprintln(w, "usage:")
	fmt.Fprintf(w, "  parallax %s\n      Open the reader.\n", readerSynopsis)
	for _, c := range cmds {
		fmt.Fprintf(w, "  parallax %s\n      %s\n", c.synopsis, story.FirstSentence(c.help))
	}
	fmt.Fprintln(w, "\nEvery command takes --db PATH and --config PATH, before or after it; parallax CMD --help explains its flags.")
	fmt.Fprintln(w, "Exit status: 0 done, 1 done in part (some feeds or files failed), 2 bad usage or nothing done, 130 interrupted.")
	fmt.Fprintln(w, "\nflags:")
	printFlags(w, fs)
}

// printFlags lists the flags of fs as the usage lines spell them
// (--limit N), each with what it does and its default when it has one.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		value, help := flag.UnquoteUsage(f)
		if value != "" {
			value = " " + value
		}
		switch f.DefValue {
		case "", "0", "false":
		default:
			help += " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(w, "  %s%s\n      %s\n", flagName(f.Name), value, help)
	})
}

// library opens the database on first use.
func (e *env) library() (*store.Store, error) {
	if e.lib != nil {
		return e.lib, nil
	}
	lib, err := store.Open(e.dbPath())
	if err != nil {
		return nil, err
	}
	if err := lib.Writable(); e.writes && err != nil {
		lib.Close()
		return nil, fmt.Errorf("%w: it can be read, not changed", err)
	}
	e.lib = lib
	return lib, nil
}

// dbPath is the library's database file: --db, else the default.
func (e *env) dbPath() string {
	if e.opts.db != "" {
		return e.opts.db
	}
	return store.DefaultPath()
}

// isLibraryFile reports whether writing to path would overwrite the
// database at db or one of the files SQLite keeps beside it.
func isLibraryFile(path, db string) bool {
	out, statErr := os.Stat(path)
	abs, absErr := filepath.Abs(path)
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		name := db + suffix
		if statErr == nil {
			if lib, err := os.Stat(name); err == nil && os.SameFile(out, lib) {
				return true
			}
		}
		if other, err := filepath.Abs(name); absErr == nil && err == nil && abs == other {
			return true
		}
	}
	return false
}

// fail reports err on one line; a command that fails this way did nothing.
func (e *env) fail(err error) int {
	fmt.Fprintf(e.stderr, "parallax: %v\n", err)
	return exitUsage
}

func (e *env) writeJSON(v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return e.fail(err)
	}
	return exitOK
}

// argResult is what a command did with one of its arguments: a line to
// print, or an error; partial says the error came after some of the work
// was done (a list of feeds where some lines were bad).
type argResult struct {
	line    string
	err     error
	partial bool
}

// allArgs opens the library and runs do on the arguments of a command
// that takes a list, which returns a result for each, in order (an import
// handles its files together, to group their articles at once); it prints
// each line or error, and the exit status says whether all, some or none
// succeeded. missing says what to give when there are none.
func (e *env) allArgs(args []string, missing string, do func(lib *store.Store) []argResult) int {
	if len(args) == 0 {
		return e.misused(missing)
	}
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	failed, halfDone, n := 0, 0, 0
	for _, r := range do(lib) {
		n++
		switch {
		case r.err == nil:
			fmt.Fprintln(e.stdout, r.line)
		case r.partial:
			fmt.Fprintf(e.stderr, "parallax: %v\n", r.err)
			halfDone++
		default:
			fmt.Fprintf(e.stderr, "parallax: %v\n", r.err)
			failed++
		}
	}
	if halfDone > 0 {
		return exitPartial
	}
	return partial(failed, n)
}

// fullTextLine is what a fetch of full texts did, in one line: the pages
// it stored, those that failed and those it put off because their site or
// the network could not be reached, or their site asked to be left alone
// for now. Failed and put-off pages are both tried again at a later
// refresh.
func fullTextLine(sum feeds.FullTextSummary) string {
	line := fmt.Sprintf("full text: %d fetched, %d failed", len(sum.Fetched), sum.Failed)
	if sum.Skipped > 0 {
		why := "their site is unreachable"
		switch {
		case sum.Interrupted:
			why = "interrupted"
		case sum.Offline:
			why = "offline"
		case sum.Waiting == sum.Skipped:
			why = "their site asked to wait"
		case sum.Waiting > 0:
			why = "their site is unreachable or asked to wait"
		}
		line += fmt.Sprintf(", %d put off (%s)", sum.Skipped, why)
	}
	if sum.Failed+sum.Skipped > 0 {
		line += "; tried again later"
	}
	return line
}

// maxFullTextErrors is the most pages whose full-text failure a command
// names one by one; a fetch of many feeds may have hundreds.
const maxFullTextErrors = 10

// reportFullTextErrors names on stderr the pages whose full text could not
// be fetched and why, one line for each site and reason, up to
// maxFullTextErrors.
func (e *env) reportFullTextErrors(sum feeds.FullTextSummary) {
	lines := sum.ErrorLines()
	for i, line := range lines {
		if i == maxFullTextErrors {
			fmt.Fprintf(e.stderr, "parallax: full text: and %d more\n", len(lines)-i)
			break
		}
		fmt.Fprintf(e.stderr, "parallax: full text: %s\n", line)
	}
}

// partial turns a count of failures into the exit status for a command that
// handled several inputs.
func partial(failed, total int) int {
	switch {
	case failed == 0:
		return exitOK
	case failed < total:
		return exitPartial
	default:
		return exitUsage
	}
}

func cmdReader(ctx context.Context, e *env) int {
	// The reader, unlike the commands, may be given a config file that is
	// not there yet: choosing a theme writes it.
	configPath := e.opts.config
	if configPath == "" {
		configPath = ui.DefaultConfigPath()
	}
	cfg, err := ui.LoadConfig(configPath)
	if err != nil {
		return e.fail(err)
	}
	if e.opts.theme != "" {
		// Known only now: loading the config installed the user's themes.
		if _, err := themes.Lookup(e.opts.theme); errors.Is(err, themes.ErrUnknown) {
			return e.fail(fmt.Errorf("--theme: %w", err))
		}
		cfg.Theme = e.opts.theme
	}
	var samples sampleDirs
	defer samples.removeAll()
	var lib *store.Store
	if e.opts.sample {
		lib, err = samples.open(ctx)
	} else {
		lib, err = e.library()
	}
	if err != nil {
		return e.fail(err)
	}
	fetcher := feeds.NewFetcher(version)
	opts := ui.Options{
		Config:              cfg,
		ConfigPath:          configPath,
		Version:             version,
		Refresh:             refresher(lib, fetcher, cfg),
		FullText:            fullTexter(lib, feeds.NewExtractor(fetcher)),
		Discover:            feeds.DiscoverFeed,
		Defaults:            defaultFeeds,
		ImportSubscriptions: importSubscriptions,
		OpenSample:          func() (ui.Library, error) { return samples.open(ctx) },
	}
	if e.opts.sample {
		opts.Refresh, opts.FullText, opts.Sample = nil, nil, true
	}
	if err := lib.Writable(); err != nil {
		opts.ReadOnly = err.Error()
	}
	if err := ui.Run(ctx, lib, opts); err != nil {
		return e.fail(err)
	}
	return exitOK
}

// sampleDirs are the folders of the sample libraries one run of the reader
// built. Each is built afresh in a temporary folder of its own, so that its
// stories always look recent, never mix with the user's, and never take
// the files of a sample that another reader has open; they go when the
// reader exits.
type sampleDirs struct {
	mu   sync.Mutex
	dirs []string
}

// open builds a sample library in a new temporary folder.
func (s *sampleDirs) open(ctx context.Context) (*store.Store, error) {
	dir, err := os.MkdirTemp("", "parallax-sample-")
	if err != nil {
		return nil, fmt.Errorf("sample library: %w", err)
	}
	s.mu.Lock()
	s.dirs = append(s.dirs, dir)
	s.mu.Unlock()
	path := filepath.Join(dir, "sample.db")
	lib, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	if err := sample.Load(ctx, lib, time.Now()); err != nil {
		lib.Close()
		return nil, fmt.Errorf("sample library %s: %w", path, err)
	}
	return lib, nil
}

func (s *sampleDirs) removeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, dir := range s.dirs {
		os.RemoveAll(dir)
	}
}

func cmdAdd(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 && !e.opts.defaults {
		return e.misused("give the feeds to subscribe to, by URL or file, or --defaults")
	}
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	var subs []store.Feed
	if e.opts.defaults {
		subs = append(subs, defaultFeeds()...)
	}
	attempts, failed := len(subs)+len(args), 0
	for _, arg := range args {
		feed, err := feeds.DiscoverFeed(ctx, arg)
		if err != nil {
			// Discovery's errors name the URL or file they failed on; a
			// word without a scheme that names no file was tried as a
			// site, and may have been meant as a file.
			if u, _ := feeds.NormalizeURL(arg); looksLikeFileName(arg) && !strings.HasPrefix(u, "file:") {
				err = fmt.Errorf("%s: no such file, and as a site %w", arg, err)
			}
			fmt.Fprintf(e.stderr, "parallax: add: %v\n", err)
			failed++
			continue
		}
		subs = append(subs, feed)
	}
	now := time.Now()
	for _, f := range subs {
		added, isNew, err := lib.Subscribe(ctx, f)
		if err != nil {
			fmt.Fprintf(e.stderr, "parallax: add %s: %v\n", f.URL, err)
			failed++
			continue
		}
		switch {
		case !isNew:
			fmt.Fprintf(e.stdout, "already subscribed to %s\n", added.URL)
		case added.RetryAfter.After(now):
			fmt.Fprintf(e.stdout, "added %s; its server asks to wait, so it is first fetched after %s\n",
				added.URL, ui.ClockText(added.RetryAfter, now))
		case added.Title != "":
			fmt.Fprintf(e.stdout, "added %s (%s)\n", added.URL, feeds.SanitizeLine(added.Title))
		default:
			fmt.Fprintf(e.stdout, "added %s\n", added.URL)
		}
	}
	return partial(failed, attempts)
}

func defaultFeeds() []store.Feed { return feedsOf(feeds.Defaults()) }

// feedsOf is the feed each subscription names.
func feedsOf(subs []feeds.Subscription) []store.Feed {
	out := make([]store.Feed, 0, len(subs))
	for _, s := range subs {
		out = append(out, s.Feed())
	}
	return out
}

// importSubscriptions reads the subscriptions of an OPML or urls file
// for the welcome screen.
func importSubscriptions(path string) ([]store.Feed, error) {
	subs, err := feeds.ReadSubscriptions(path)
	return feedsOf(subs), err
}

func cmdRemove(ctx context.Context, e *env, args []string) int {
	return e.allArgs(args, "give the feeds to unsubscribe from, by URL (parallax feeds lists them)", func(lib *store.Store) []argResult {
		out := make([]argResult, len(args))
		for i, arg := range args {
			url, err := removeFeed(ctx, lib, arg)
			out[i] = argResult{line: "removed " + url, err: err}
		}
		return out
	})
}

// removeFeed unsubscribes from the feed arg names, written any way add
// takes it (a path, an upper-case scheme, a #fragment), and returns the
// URL it was stored under. A feed stored before the normalisation changed
// is still found by its URL as given, and when neither is subscribed the
// store's error names arg as the user typed it.
func removeFeed(ctx context.Context, lib *store.Store, arg string) (string, error) {
	if url, err := feeds.NormalizeURL(arg); err == nil && url != arg {
		if err := lib.RemoveFeed(ctx, url); !errors.Is(err, store.ErrNotFound) {
			return url, err
		}
	}
	return arg, lib.RemoveFeed(ctx, arg)
}

type feedJSON struct {
	URL       string     `json:"url"`
	Title     string     `json:"title"`
	Articles  int        `json:"articles"`
	LastFetch *time.Time `json:"last_fetch"`
	Error     string     `json:"error"`
}

func cmdFeeds(ctx context.Context, e *env, args []string) int {
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	list, err := lib.Feeds(ctx)
	if err != nil {
		return e.fail(err)
	}
	if e.opts.json {
		out := make([]feedJSON, 0, len(list))
		for _, f := range list {
			out = append(out, feedJSON{URL: f.URL, Title: f.Title, Articles: f.Articles, LastFetch: timePtr(f.LastFetch), Error: f.LastError})
		}
		return e.writeJSON(out)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stderr, "parallax: no feeds yet (add some with parallax add URL, or parallax add --defaults)")
	}
	now := time.Now()
	for _, f := range list {
		status := "never fetched"
		if !f.LastFetch.IsZero() {
			status = "fetched " + f.LastFetch.Local().Format("2006-01-02 15:04")
		}
		if f.LastError != "" {
			status += ", error: " + ui.Reason(f.URL, f.LastError)
		}
		if f.RetryAfter.After(now) {
			status += "; next fetch after " + ui.ClockText(f.RetryAfter, now)
		}
		// A feed is known by its URL until it gives itself a title.
		indent := ""
		if f.Title != "" {
			fmt.Fprintf(e.stdout, "%s\n", f.Title)
			indent = "  "
		}
		fmt.Fprintf(e.stdout, "%s%s\n  %s, %s\n", indent, f.URL, plural(f.Articles, "article"), status)
	}
	return exitOK
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

type fetchErrorJSON struct {
	URL   string `json:"url"`
	Error string `json:"error"`
}

type fetchJSON struct {
	Feeds    int              `json:"feeds"`
	Failed   int              `json:"failed"`
	Waiting  int              `json:"waiting"` // left alone, as their servers asked
	Added    int              `json:"added"`
	Updated  int              `json:"updated"`
	Errors   []fetchErrorJSON `json:"errors"`
	Offline  bool             `json:"offline"`
	FullText fullTextJSON     `json:"fulltext"`
	Purged   int              `json:"purged"`
}

type fullTextJSON struct {
	Fetched int `json:"fetched"`
	Failed  int `json:"failed"`
}

func cmdFetch(ctx context.Context, e *env, args []string) int {
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	list, err := lib.Feeds(ctx)
	if err != nil {
		return e.fail(err)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stderr, "parallax: no feeds to fetch (add some with parallax add URL, or parallax add --defaults)")
		return exitUsage
	}
	cfg, err := e.config()
	if err != nil {
		return e.fail(err)
	}
	var bar *progressBar
	if !e.opts.json && isTerminal(e.term) {
		bar = &progressBar{w: e.term}
	}
	fetcher := feeds.NewFetcher(version)
	sum := fetcher.Refresh(ctx, lib, list, func(p feeds.Progress) {
		if bar != nil {
			bar.draw(p.Done, p.Total, p.Added)
		}
	})
	if bar != nil {
		bar.clear()
	}
	if ctx.Err() != nil {
		return exitInterrupted // what was stored stays; the rest waits for the next fetch
	}
	offline := feeds.Offline(sum)
	var ft feeds.FullTextSummary
	if q, ok := cfg.BackgroundFullText(); ok && !offline {
		ft, err = feeds.NewExtractor(fetcher).Fill(ctx, lib, q, 0)
		if ctx.Err() != nil {
			return exitInterrupted
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "parallax: full text: %v\n", err)
		}
	}
	purged, err := purgeOld(ctx, lib, cfg.KeepDays, false)
	if err != nil {
		fmt.Fprintf(e.stderr, "parallax: %v\n", err)
	}
	failed := sum.Failed
	if e.opts.json {
		out := fetchJSON{Feeds: len(list), Failed: failed, Waiting: sum.Waiting, Added: sum.Added, Updated: sum.Updated, Errors: []fetchErrorJSON{},
			Offline: offline, FullText: fullTextJSON{Fetched: len(ft.Fetched), Failed: ft.Failed}, Purged: purged.Articles}
		for _, fe := range sum.Errors {
			out.Errors = append(out.Errors, fetchErrorJSON{URL: fe.URL, Error: fe.Err})
		}
		e.writeJSON(out)
	} else {
		if offline {
			fmt.Fprintln(e.stderr, "parallax: offline: no feed could be reached; the library is unchanged")
		} else {
			for _, fe := range sum.Errors {
				fmt.Fprintf(e.stderr, "parallax: %s\n", fe.Err)
			}
		}
		line := fmt.Sprintf("fetched %s: %s, %d updated, %d failed", plural(len(list), "feed"), plural(sum.Added, "new article"), sum.Updated, failed)
		if sum.Waiting > 0 {
			line += fmt.Sprintf(", %d waiting as their servers asked", sum.Waiting)
		}
		fmt.Fprintln(e.stdout, line)
		if ft.Wanted > 0 {
			e.reportFullTextErrors(ft)
			fmt.Fprintln(e.stdout, fullTextLine(ft))
		}
		if purged.Articles > 0 {
			fmt.Fprintf(e.stdout, "purged %s older than %s\n", plural(purged.Articles, "article"), plural(cfg.KeepDays, "day"))
		}
	}
	return partial(failed, len(list))
}

// refresher refreshes the feeds for the reader with the reader's one
// Fetcher, whose limits its full-text fetches share, and purges old
// articles after each refresh as the config says.
func refresher(lib *store.Store, fetcher *feeds.Fetcher, cfg ui.Config) ui.RefreshFunc {
	return func(ctx context.Context, urls []string, progress func(done, total, added int)) (ui.RefreshSummary, error) {
		all, err := lib.Feeds(ctx)
		if err != nil {
			return ui.RefreshSummary{}, err
		}
		list := all
		if urls != nil {
			list = nil
			for _, f := range all {
				for _, u := range urls {
					if f.URL == u {
						list = append(list, f)
					}
				}
			}
		}
		sum := fetcher.Refresh(ctx, lib, list, func(p feeds.Progress) {
			progress(p.Done, p.Total, p.Added)
		})
		out := ui.RefreshSummary{Feeds: len(list), Added: sum.Added, Failed: sum.Failed, Waiting: sum.Waiting, Offline: feeds.Offline(sum)}
		titles := make(map[int64]string, len(list))
		for _, f := range list {
			titles[f.ID] = f.Title
		}
		for _, fe := range sum.Errors {
			if !fe.Waiting {
				out.Errors = append(out.Errors, statusError(fe, titles[fe.FeedID]))
			}
		}
		if _, err := purgeOld(ctx, lib, cfg.KeepDays, false); err != nil {
			return out, err
		}
		return out, nil
	}
}

// statusError words the failure of a feed titled title for the reader's
// status line: by the title the feeds screen lists it under, as its
// address would take most of a narrow terminal's line before the reason.
func statusError(fe feeds.FeedError, title string) string {
	reason := ui.Reason(fe.URL, fe.Err)
	if reason == fe.Err || title == "" {
		return fe.Err
	}
	return title + ": " + reason
}

// visibleWriter passes on what is written to it less what a terminal would
// act on rather than show: every escape sequence whole, with its parameters
// and payload, other controls but newline and tab, and bidirectional
// controls; bytes that are not UTF-8 become U+FFFD. Text is sanitised on its
// way into the library, and what the commands print does not rely on that
// alone. Each write is cleaned on its own, which holds because the commands
// write a whole line or a whole document at a time.
type visibleWriter struct{ w io.Writer }

func (v visibleWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(v.w, feeds.Visible(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// progressBar draws fetch progress on one terminal line.
type progressBar struct {
	w     io.Writer
	drawn bool
}

func (b *progressBar) draw(done, total, added int) {
	const width = 30
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	fmt.Fprintf(b.w, "\r[%s%s] %d/%d feeds", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), done, total)
	switch {
	case done == total:
		fmt.Fprint(b.w, ", storing")
	case added > 0:
		fmt.Fprintf(b.w, ", %d new articles", added)
	}
	fmt.Fprint(b.w, "\x1b[K")
	b.drawn = true
}

func (b *progressBar) clear() {
	if b.drawn {
		fmt.Fprint(b.w, "\r\x1b[2K")
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}

func cmdImport(ctx context.Context, e *env, args []string) int {
	return e.allArgs(args, "give the files to import: OPML, a newsboat urls file, a feed or articles", func(lib *store.Store) []argResult {
		var out []argResult
		for _, r := range feeds.ImportAll(ctx, lib, args, e.opts.source) {
			if r.Err != nil {
				// The error starts with the path; a message beside it
				// says the file was done in part.
				out = append(out, argResult{err: fmt.Errorf("import %w", r.Err), partial: r.Message != ""})
				continue
			}
			out = append(out, argResult{line: r.Path + ": " + r.Message})
		}
		return out
	})
}

func cmdExport(ctx context.Context, e *env, args []string) int {
	switch {
	case len(args) == 0:
		return e.misused("name what to export: opml, or story and its ID")
	case args[0] != "opml" && args[0] != "story":
		return e.misused(fmt.Sprintf("%q is not opml or story", args[0]))
	case args[0] == "opml" && len(args) > 1:
		return e.misused(fmt.Sprintf("opml takes nothing more (got %q)", args[1]))
	}
	if args[0] == "opml" && e.opts.given["format"] {
		return e.misused("--format is for a story; OPML has one format")
	}
	if args[0] == "story" && !e.opts.given["format"] {
		// The file's name says the format when --format does not.
		switch strings.ToLower(filepath.Ext(e.opts.output)) {
		case ".html", ".htm":
			e.opts.format = "html"
		}
	}
	if args[0] == "story" && e.opts.format != "md" && e.opts.format != "html" {
		return e.misused(fmt.Sprintf("--format %q is not md or html", e.opts.format))
	}
	var id int64
	if args[0] == "story" {
		var ok bool
		if id, ok = storyArg(e, "export story", args[1:]); !ok {
			return exitUsage
		}
	}
	if e.opts.output != "" && isLibraryFile(e.opts.output, e.dbPath()) {
		return e.misused(fmt.Sprintf("-o %s is the library's own database; give another file", e.opts.output))
	}
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	var out bytes.Buffer
	if args[0] == "opml" {
		list, err := lib.Feeds(ctx)
		if err != nil {
			return e.fail(err)
		}
		if err := feeds.WriteOPML(&out, list); err != nil {
			return e.fail(err)
		}
	} else {
		text, err := exportStory(ctx, lib, id, e.opts.format)
		if err != nil {
			return e.fail(fmt.Errorf("export: %w", err)) // it names the story
		}
		out.WriteString(text)
	}
	if e.opts.output == "" {
		if _, err := e.stdout.Write(out.Bytes()); err != nil {
			return e.fail(err)
		}
		return exitOK
	}
	if err := os.WriteFile(e.opts.output, out.Bytes(), 0o644); err != nil {
		return e.fail(fmt.Errorf("export: %w", err))
	}
	return exitOK
}

// storyWithArticles reads story id and its articles, text included.
func storyWithArticles(ctx context.Context, lib *store.Store, id int64) (store.Story, []store.Article, error) {
	s, err := lib.Story(ctx, id)
	if err != nil {
		return store.Story{}, nil, err
	}
	arts, err := lib.StoryArticles(ctx, id)
	return s, arts, err
}

// exportStory writes story id with every article and the comparison of
// its sources, as Markdown (md) or a self-contained HTML page (html).
func exportStory(ctx context.Context, lib *store.Store, id int64, format string) (string, error) {
	s, arts, err := storyWithArticles(ctx, lib, id)
	if err != nil {
		return "", err
	}
	ex := story.ExportStory{ID: s.ID, Title: s.Title, Sources: s.Sources, Updated: s.Updated, Saved: s.Saved}
	for _, a := range arts {
		ex.Articles = append(ex.Articles, story.ExportArticle{ID: a.ID, Source: a.Source, Title: a.Title, URL: a.URL,
			Author: a.Author, Published: a.Published, FullText: a.FullText, Image: a.Image, Text: a.Text()})
	}
	if format == "html" {
		return story.ExportHTML(ex)
	}
	return story.ExportMarkdown(ex), nil
}

// configFlag lets a command read another config file than the default.
func configFlag(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.config, "config", "", "the config `FILE` (default $XDG_CONFIG_HOME/parallax/config.toml)")
}

// config reads the config file the command was given, else the default
// one. A mistake in its key bindings, which no command uses, is only
// reported: the reader refuses to open until it is mended.
func (e *env) config() (ui.Config, error) {
	path, err := e.configPath()
	if err != nil {
		return ui.DefaultConfig(), err
	}
	cfg, err := ui.LoadConfig(path)
	var keys *ui.KeysError
	if errors.As(err, &keys) {
		fmt.Fprintf(e.stderr, "parallax: warning: %v (the reader will not open until this is mended)\n", err)
		return cfg, nil
	}
	return cfg, err
}

// configPath is the config file the command was given, else the default
// one. A default that does not exist yet means the default settings, but
// a file named with --config that is not there is a mistake: the command
// would otherwise run with settings the user did not mean.
func (e *env) configPath() (string, error) {
	if !e.opts.given["config"] {
		return ui.DefaultConfigPath(), nil
	}
	path := e.opts.config
	if strings.TrimSpace(path) == "" {
		return "", errors.New("--config is empty; give the config file")
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("--config %s: no such file", path)
	}
	return path, nil
}

// purgeOld purges the unsaved articles older than keepDays days; 0 keeps
// everything.
func purgeOld(ctx context.Context, lib *store.Store, keepDays int, dryRun bool) (store.PurgeReport, error) {
	if keepDays <= 0 {
		return store.PurgeReport{}, nil
	}
	// AddDate, unlike a Duration of so many days, cannot overflow into a
	// cutoff in the future.
	return lib.Purge(ctx, time.Now().AddDate(0, 0, -keepDays), dryRun)
}

type purgeJSON struct {
	DryRun   bool          `json:"dry_run"`
	Before   time.Time     `json:"before"`
	Articles int           `json:"articles"`
	Stories  int           `json:"stories"`
	Oldest   []articleJSON `json:"oldest"`
	Vacuumed bool          `json:"vacuumed"`
}

func cmdPurge(ctx context.Context, e *env, args []string) int {
	cfg, err := e.config()
	if err != nil {
		return e.fail(err)
	}
	days := cfg.KeepDays
	if e.opts.given["keep-days"] {
		days = e.opts.keepDays
	}
	// The config's keep_days is checked when it is loaded, and a negative
	// --keep-days never gets this far (negativeCount).
	if e.opts.given["keep-days"] && days == 0 || days > ui.MaxKeepDays {
		return e.misused(fmt.Sprintf("--keep-days %d is out of range; want 1 to %d", days, ui.MaxKeepDays))
	}
	if days == 0 {
		fmt.Fprintln(e.stderr, "parallax: purge: keep_days is 0 in the config, which keeps every article; give --keep-days N")
		return exitUsage
	}
	e.writes = !e.opts.dryRun
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	rep, err := purgeOld(ctx, lib, days, e.opts.dryRun)
	if err != nil {
		return e.fail(err)
	}
	if e.opts.json {
		out := purgeJSON{DryRun: e.opts.dryRun, Before: rep.Before.UTC(), Articles: rep.Articles, Stories: rep.Stories,
			Oldest: []articleJSON{}, Vacuumed: rep.Vacuumed}
		for _, a := range rep.Oldest {
			out.Oldest = append(out.Oldest, toArticleJSON(a))
		}
		return e.writeJSON(out)
	}
	verb := "purged"
	if e.opts.dryRun {
		verb = "would purge"
	}
	stories := "stories"
	if rep.Stories == 1 {
		stories = "story"
	}
	fmt.Fprintf(e.stdout, "%s %s older than %s (dated and fetched before %s) and %d %s left empty; saved stories are kept\n", verb,
		plural(rep.Articles, "article"), plural(days, "day"), rep.Before.Local().Format("2006-01-02"), rep.Stories, stories)
	if len(rep.Oldest) > 0 {
		fmt.Fprintln(e.stdout, "oldest:")
	}
	for _, a := range rep.Oldest {
		fmt.Fprintf(e.stdout, "  %s  %s — %s\n", a.Time().Local().Format("2006-01-02"), feeds.SanitizeLine(a.Source), feeds.SanitizeLine(a.Title))
	}
	if rep.Vacuumed {
		fmt.Fprintf(e.stdout, "compacted the library to %.1f MB\n", float64(rep.Bytes)/1e6)
	}
	return exitOK
}

// fullTexter fetches full text for the reader through one Extractor, so
// that a page the reader, the compare pane and a background run all want
// is fetched once.
func fullTexter(lib *store.Store, x *feeds.Extractor) ui.FullTextFunc {
	return func(ctx context.Context, q store.FullTextQuery) (ui.FullTextReport, error) {
		sum, err := x.Fill(ctx, lib, q, 0)
		rep := ui.FullTextReport{Fetched: sum.Fetched, Stories: sum.Stories, Failed: sum.Failed, Waiting: sum.Waiting, Offline: sum.Offline}
		if len(sum.Errors) > 0 {
			rep.Err = sum.Errors[0].Error()
		}
		return rep, err
	}
}

type articleJSON struct {
	ID        int64      `json:"id"`
	Title     string     `json:"title"`
	Source    string     `json:"source"`
	URL       string     `json:"url"`
	Published *time.Time `json:"published"`
}

type storyJSON struct {
	ID       int64         `json:"id"`
	Title    string        `json:"title"`
	Updated  *time.Time    `json:"updated"`
	Sources  []string      `json:"sources"`
	Saved    bool          `json:"saved"`
	Unread   int           `json:"unread"`
	Articles []articleJSON `json:"articles"`
}

func toArticleJSON(a store.Article) articleJSON {
	return articleJSON{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Published: timePtr(a.Published)}
}

func cmdStories(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 {
		return e.misused(fmt.Sprintf("unexpected argument %q (to find stories by what they say: --query %q)", args[0], strings.Join(args, " ")))
	}
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	list, err := lib.Stories(ctx, store.StoryQuery{Limit: e.opts.limit, MinSources: e.opts.minSources, Query: e.opts.query, WithArticles: true})
	if err != nil {
		return e.fail(err)
	}
	if e.opts.json {
		out := make([]storyJSON, 0, len(list))
		for _, s := range list {
			js := storyJSON{ID: s.ID, Title: s.Title, Updated: timePtr(s.Updated), Sources: nonNil(s.Sources), Saved: s.Saved, Unread: s.Unread, Articles: []articleJSON{}}
			for _, a := range s.Articles {
				js.Articles = append(js.Articles, toArticleJSON(a))
			}
			out = append(out, js)
		}
		return e.writeJSON(out)
	}
	if len(list) == 0 {
		if e.opts.minSources > 0 || e.opts.query != "" {
			fmt.Fprintln(e.stderr, "parallax: no story matches")
		} else {
			fmt.Fprintln(e.stderr, "parallax: no stories yet (add feeds with parallax add URL, then parallax fetch)")
		}
	}
	for _, s := range list {
		marks := " "
		if s.Unread > 0 {
			marks = "•"
		}
		if s.Saved {
			marks += "★"
		} else {
			marks += " "
		}
		fmt.Fprintf(e.stdout, "%6d %s %s  (%s, %s)\n", s.ID, marks, s.Title, plural(len(s.Sources), "source"), s.Updated.Local().Format("2006-01-02 15:04"))
	}
	return exitOK
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// looksLikeFileName reports an argument to add written without a scheme
// whose last part ends as feed files are named (.xml, .rss, .atom, .json).
func looksLikeFileName(arg string) bool {
	if strings.Contains(arg, "://") {
		return false
	}
	switch strings.ToLower(filepath.Ext(arg)) {
	case ".xml", ".rss", ".atom", ".json", ".rdf":
		return true
	}
	return false
}

// storyArg reads the one story ID a command takes.
func storyArg(e *env, name string, args []string) (int64, bool) {
	switch {
	case len(args) == 0:
		e.misused("give the story's ID (parallax stories lists them)")
		return 0, false
	case len(args) > 1:
		e.misused(fmt.Sprintf("one story at a time, not %d (%s)", len(args), strings.Join(args, " ")))
		return 0, false
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(e.stderr, "parallax: %s: no story %s (IDs are far smaller)\n", name, args[0])
		return 0, false
	}
	if err != nil || id <= 0 {
		e.misused(fmt.Sprintf("story ID %q is not a positive number", args[0]))
		return 0, false
	}
	return id, true
}

// namedStory reads the one story that command name is given in args, with
// its articles. When it cannot, it says why and returns the exit status;
// otherwise the status is -1.
func (e *env) namedStory(ctx context.Context, name string, args []string) (store.Story, []store.Article, int) {
	id, ok := storyArg(e, name, args)
	if !ok {
		return store.Story{}, nil, exitUsage
	}
	lib, err := e.library()
	if err != nil {
		return store.Story{}, nil, e.fail(err)
	}
	s, arts, err := storyWithArticles(ctx, lib, id)
	if err != nil {
		return store.Story{}, nil, e.fail(fmt.Errorf("%s: %w", name, err)) // it names the story
	}
	return s, arts, -1
}

type showArticleJSON struct {
	articleJSON
	Author  string `json:"author"`
	Text    string `json:"text"`
	Grouped string `json:"grouped"` // why it is in the story; empty for the first
}

type showJSON struct {
	ID       int64             `json:"id"`
	Title    string            `json:"title"`
	Sources  []string          `json:"sources"`
	Saved    bool              `json:"saved"`
	Articles []showArticleJSON `json:"articles"`
}

func cmdShow(ctx context.Context, e *env, args []string) int {
	s, arts, code := e.namedStory(ctx, "show", args)
	if code >= 0 {
		return code
	}
	grouped := store.Groupings(arts)
	if e.opts.json {
		out := showJSON{ID: s.ID, Title: s.Title, Sources: nonNil(s.Sources), Saved: s.Saved, Articles: []showArticleJSON{}}
		for i, a := range arts {
			out.Articles = append(out.Articles, showArticleJSON{articleJSON: toArticleJSON(a), Author: a.Author, Text: a.Text(),
				Grouped: grouped[i]})
		}
		return e.writeJSON(out)
	}
	fmt.Fprintf(e.stdout, "# %s\n\n%s\n", s.Title, strings.Join(s.Sources, ", "))
	for i, a := range arts {
		fmt.Fprintf(e.stdout, "\n## %s — %s\n", a.Source, a.Title)
		if !a.Published.IsZero() {
			fmt.Fprintf(e.stdout, "%s\n", a.Published.Local().Format("2006-01-02 15:04"))
		}
		if a.URL != "" {
			fmt.Fprintf(e.stdout, "%s\n", a.URL)
		}
		if why := grouped[i]; why != "" {
			fmt.Fprintf(e.stdout, "grouped: %s\n", why)
		}
		text := a.Text()
		if !a.HasText() {
			text = "The feed gave only this headline."
		}
		fmt.Fprintf(e.stdout, "\n%s\n", text)
	}
	return exitOK
}

// compareJSON is story.Comparison under the story it compares.
type compareJSON struct {
	Story struct {
		ID    int64  `json:"id"`
		Title string `json:"title"`
	} `json:"story"`
	story.Comparison
}

func cmdCompare(ctx context.Context, e *env, args []string) int {
	s, arts, code := e.namedStory(ctx, "compare", args)
	if code >= 0 {
		return code
	}
	inputs := make([]story.CompareInput, 0, len(arts))
	for _, a := range arts {
		inputs = append(inputs, story.CompareInput{ID: a.ID, Source: a.Source, Title: a.Title, URL: a.URL, Text: a.Text()})
	}
	cmp := story.Compare(inputs)
	if e.opts.json {
		out := compareJSON{Comparison: cmp}
		out.Story.ID, out.Story.Title = s.ID, s.Title
		return e.writeJSON(out)
	}
	fmt.Fprintf(e.stdout, "# %s\n", s.Title)
	outlets := map[string]bool{}
	for _, a := range cmp.Articles {
		outlets[a.Source] = true
	}
	for _, a := range cmp.Articles {
		// Headings and sentences too plain to tell apart (a dateline, "It
		// was not immediately clear") are neither shared nor unique, so
		// they are not counted.
		unique, compared := 0, 0
		for _, sent := range a.Sentences {
			if sent.Unique {
				unique++
			}
			if !sent.Bland && !sent.Heading && !sent.Uncompared {
				compared++
			}
		}
		fmt.Fprintf(e.stdout, "\n## %s — %s\n", a.Source, a.Title)
		switch n := a.Uncompared(); {
		case len(a.Sentences) == 0:
			fmt.Fprintln(e.stdout, "only the headline, no text")
		case len(outlets) < 2:
			fmt.Fprintf(e.stdout, "%s, and no other source to compare them with yet\n", plural(compared+n, "sentence"))
		case n > 0:
			fmt.Fprintf(e.stdout, "%s compared, %d reported by no other source; %d more not compared, the story being too long to compare whole\n",
				plural(compared, "sentence"), unique, n)
		default:
			fmt.Fprintf(e.stdout, "%s compared, %d reported by no other source\n", plural(compared, "sentence"), unique)
		}
		for _, sent := range a.Sentences {
			if sent.Unique && len(outlets) > 1 {
				fmt.Fprintf(e.stdout, "  + %s\n", sent.Text)
			}
		}
	}
	for _, d := range cmp.Discrepancies {
		var claims []string
		for _, c := range d.Claims {
			claims = append(claims, fmt.Sprintf("%q (%s)", c.Text, sourceOf(cmp, c.Article)))
		}
		fmt.Fprintf(e.stdout, "\nsources differ on %s: %s\n", d.About, strings.Join(claims, " vs "))
	}
	return exitOK
}

func sourceOf(cmp story.Comparison, id int64) string {
	for _, a := range cmp.Articles {
		if a.ID == id {
			return a.Source
		}
	}
	return "?"
}

type searchJSON struct {
	Article articleJSON `json:"article"`
	StoryID int64       `json:"story_id"`
	Snippet string      `json:"snippet"`
}

func cmdSearch(ctx context.Context, e *env, args []string) int {
	query := strings.TrimSpace(strings.Join(args, " "))
	if query == "" {
		return e.misused("give the words to look for")
	}
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	hits, err := lib.Search(ctx, query, e.opts.limit)
	if err != nil {
		return e.fail(err)
	}
	if e.opts.json {
		out := make([]searchJSON, 0, len(hits))
		for _, h := range hits {
			out = append(out, searchJSON{Article: toArticleJSON(h.Article), StoryID: h.StoryID, Snippet: h.Snippet})
		}
		return e.writeJSON(out)
	}
	if len(hits) == 0 {
		fmt.Fprintf(e.stderr, "parallax: no article matches %q\n", query)
	}
	// On a terminal the matched words are set in bold, as grep colours its
	// matches; elsewhere the snippet keeps its Markdown marks for a script
	// to find. Either way every part is cleaned of what a terminal would
	// act on before the bold is put in.
	out, bold := e.stdout, false
	if v, ok := e.stdout.(visibleWriter); ok && isTerminal(v.w) {
		out, bold = v.w, true
	}
	for _, h := range hits {
		snippet := feeds.Visible(h.Snippet)
		if bold {
			snippet = boldMatches(snippet)
		}
		fmt.Fprintf(out, "%6d  %s — %s\n        %s\n", h.StoryID, feeds.Visible(h.Article.Source), feeds.Visible(h.Article.Title), snippet)
	}
	return exitOK
}

// boldMatches sets the words a snippet marks as matched in bold, for a
// terminal, in place of the marks. A mark left without its partner stays
// as it is.
func boldMatches(snippet string) string {
	var b strings.Builder
	for {
		before, rest, ok := strings.Cut(snippet, store.MatchStart)
		if !ok {
			break
		}
		match, after, ok := strings.Cut(rest, store.MatchEnd)
		if !ok {
			break
		}
		b.WriteString(before + "\x1b[1m" + match + "\x1b[22m")
		snippet = after
	}
	b.WriteString(snippet)
	return b.String()
}

func cmdSave(saved bool) func(ctx context.Context, e *env, args []string) int {
	name := "save"
	if !saved {
		name = "unsave"
	}
	return func(ctx context.Context, e *env, args []string) int {
		id, ok := storyArg(e, name, args)
		if !ok {
			return exitUsage
		}
		cfg := ui.DefaultConfig()
		if saved {
			var err error
			if cfg, err = e.config(); err != nil {
				return e.fail(err)
			}
		}
		lib, err := e.library()
		if err != nil {
			return e.fail(err)
		}
		if err := lib.SetSaved(ctx, id, saved); err != nil {
			return e.fail(err) // it names the action and the story
		}
		fmt.Fprintf(e.stdout, "%sd story %d\n", name, id)
		if !saved || cfg.FullTextMode() == ui.FullTextNever {
			return exitOK
		}
		// The story is saved whatever happens to its pages: their failures
		// are recorded and tried again later. Pages waiting on an earlier
		// failure are tried now, as saving asks.
		sum, err := feeds.NewExtractor(feeds.NewFetcher(version)).Fill(ctx, lib, store.FullTextQuery{Story: id, Now: true}, 0)
		if err != nil && ctx.Err() == nil {
			fmt.Fprintf(e.stderr, "parallax: save %d: full text: %v\n", id, err)
		}
		if sum.Wanted > 0 {
			e.reportFullTextErrors(sum)
			fmt.Fprintln(e.stdout, fullTextLine(sum))
		}
		return exitOK
	}
}

func cmdThemes(ctx context.Context, e *env, args []string) int {
	path, err := e.configPath()
	if err != nil {
		return e.fail(err)
	}
	problems := ui.LoadThemes(path)
	for _, err := range problems {
		fmt.Fprintf(e.stderr, "parallax: %v\n", err)
	}
	if err := themes.List(e.stdout, themes.ListOptions{Preview: e.opts.preview}); err != nil {
		return e.fail(err)
	}
	if len(problems) > 0 {
		return exitPartial
	}
	return exitOK
}

func cmdRegroup(ctx context.Context, e *env, args []string) int {
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	start := time.Now()
	if err := lib.Regroup(ctx); err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stdout, "regrouped the library in %s\n", time.Since(start).Round(time.Millisecond))
	return exitOK
}
