// Package assets embeds the fonts and icons shared by the GUI theme and the PDF writers.
//
// The font files are fetched by fonts/fetch.sh (pinned versions, checked by SHA-256) and are
// not committed; `make` runs the fetch before any build or test.
package assets

import _ "embed"

// Noto Sans SC (OFL-1.1): the interface face.
var (
	//go:embed fonts/NotoSansSC-Regular.ttf
	SansRegular []byte
	//go:embed fonts/NotoSansSC-Bold.ttf
	SansBold []byte
)

// Noto Serif SC (OFL-1.1): the default face of printed documents.
var (
	//go:embed fonts/NotoSerifSC-Regular.ttf
	SerifRegular []byte
	//go:embed fonts/NotoSerifSC-Bold.ttf
	SerifBold []byte
)

// Licence texts shipped with the fonts.
var (
	//go:embed fonts/OFL-NotoSansSC.txt
	SansLicence string
	//go:embed fonts/OFL-NotoSerifSC.txt
	SerifLicence string
)

// Icon is the program's icon (256×256 PNG): 台 on government blue.
//
//go:embed icon.png
var Icon []byte
