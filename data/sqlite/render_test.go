package sqlite

import "taizhang/reports"

// testRenderer is the PDF writer the program wires in; the store's tests that sign, print
// and check fonts need real PDFs. A test-only import: the store itself does not depend on
// reports.
var testRenderer = reports.Renderer{}
