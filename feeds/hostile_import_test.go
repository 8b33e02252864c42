package feeds

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"parallax/store"
)

// TestImportBadLocalFiles gives Import every kind of file a person might
// pass by mistake. Each is refused with one line naming it, none is read
// whole into memory, and a good file imported next to them still lands.
func TestImportBadLocalFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string { return writeFile(t, dir, name, data) }
	huge := filepath.Join(dir, "huge.txt")
	fh, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: a gigabyte long, costing no disk.
	if err := fh.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	fh.Close()
	device := filepath.Join(dir, "null")
	if err := syscall.Mknod(device, syscall.S_IFCHR|0o644, 0x0103); err != nil {
		// Making a twin of /dev/null needs root.
		device = ""
	}
	cases := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "missing.txt"), "no such file"},
		{"directory", dir, "is a directory"},
		{"empty", write("empty.txt", nil), "the file is empty"},
		{"blank", write("blank.md", []byte("\n \t\n")), "the file is empty"},
		{"binary", write("photo.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb")), "not a file parallax can import"},
		{"huge", huge, "file larger than 20 MiB"},
	}
	if device != "" {
		cases = append(cases, struct{ name, path, want string }{"device", device, "not a regular file"})
	}
	if _, err := os.Stat("/proc/self/mem"); err == nil {
		// A file that opens but cannot be read, even by root.
		cases = append(cases, struct{ name, path, want string }{"unreadable", "/proc/self/mem", "/proc/self/mem: "})
	}
	if os.Geteuid() != 0 {
		locked := write("locked.txt", []byte("Title\n\nText of the article."))
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct{ name, path, want string }{"locked", locked, "permission denied"})
	}

	lib := &importLibrary{}
	ctx := context.Background()
	runtime.GC()
	peak := watchHeap(t)
	for _, c := range cases {
		start := time.Now()
		msg, err := Import(ctx, lib, c.path, "")
		if err == nil {
			t.Errorf("%s: imported (%s); want an error", c.name, msg)
			continue
		}
		e := err.Error()
		if !strings.HasPrefix(e, c.path+": ") || !strings.Contains(e, c.want) || strings.Contains(e, "\n") {
			t.Errorf("%s: error %q; want one line naming %s and saying %q", c.name, e, c.path, c.want)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: took %v to refuse", c.name, d)
		}
	}
	if heap := peak(); heap > 200<<20 {
		t.Errorf("peak heap %d MiB while refusing bad files: something read a file whole", heap>>20)
	}
	good := write("Harbour pilots strike - Harbour Gazette.txt", []byte("Harbour pilots strike over pay\n\nPilots walked out at dawn, halting ferries."))
	if msg, err := Import(ctx, lib, good, ""); err != nil || !strings.Contains(msg, "imported article") {
		t.Fatalf("good file after bad ones: %q, %v", msg, err)
	}
	if len(lib.articles) != 1 || lib.articles[0].Source != "Harbour Gazette" {
		t.Errorf("library holds %+v", lib.articles)
	}
}

// TestFetchLocalFileLimits reads feeds from local files that are too large
// or not files at all: each is a clear error, found without reading it.
func TestFetchLocalFileLimits(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "feed.xml")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 1<<30); err != nil {
		t.Fatal(err)
	}
	f := NewFetcher("test")
	f.MaxBytes = 1 << 20
	for path, want := range map[string]string{huge: "file larger than 1 MiB", dir: "is a directory"} {
		r := f.Fetch(context.Background(), store.Feed{URL: fileURL(path)})
		if r.Err == nil || r.Err.Error() != path+": "+want {
			t.Errorf("fetch %s: %v; want %q", path, r.Err, path+": "+want)
		}
	}
}
