package reports

import (
	"io"
	"testing"
)

func BenchmarkWriteDecision(b *testing.B) {
	d := sampleDecision()
	if err := WriteDecision(io.Discard, d, Options{}); err != nil { // fonts indexed once
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteDecision(io.Discard, d, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLayoutDecision(b *testing.B) {
	d := sampleDecision()
	b.ReportAllocs()
	for b.Loop() {
		LayoutDecision(d, Options{})
	}
}

// BenchmarkFontIndex measures the one-time cost of indexing an embedded face.
func BenchmarkFontIndex(b *testing.B) {
	for b.Loop() {
		if _, err := parseFont(Options{}.face(FaceBody)); err != nil {
			b.Fatal(err)
		}
	}
}
