package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"taizhang/assets"
)

// The palette: a calm neutral background and one government-blue accent. Status colours
// are for status only.
var (
	colorAccent     = color.NRGBA{R: 0x1F, G: 0x5F, B: 0xAD, A: 0xFF}
	colorAccentSoft = color.NRGBA{R: 0xE6, G: 0xEE, B: 0xF8, A: 0xFF}
	// colorFocus marks the focused control: see-through, so it shows over white and over blue.
	colorFocus       = color.NRGBA{R: 0x0B, G: 0x2A, B: 0x55, A: 0x73}
	colorBackground  = color.NRGBA{R: 0xF4, G: 0xF6, B: 0xF9, A: 0xFF}
	colorSurface     = color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
	colorText        = color.NRGBA{R: 0x1F, G: 0x29, B: 0x37, A: 0xFF}
	colorMuted       = color.NRGBA{R: 0x6B, G: 0x72, B: 0x80, A: 0xFF}
	colorBorder      = color.NRGBA{R: 0xD5, G: 0xDB, B: 0xE3, A: 0xFF}
	colorHeader      = color.NRGBA{R: 0xEE, G: 0xF1, B: 0xF5, A: 0xFF}
	colorError       = color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xFF}
	colorSuccess     = color.NRGBA{R: 0x2E, G: 0x7D, B: 0x32, A: 0xFF}
	colorWarning     = color.NRGBA{R: 0xE6, G: 0x7E, B: 0x00, A: 0xFF}
	colorSuccessSoft = color.NRGBA{R: 0xE8, G: 0xF5, B: 0xE9, A: 0xFF}
)

// Theme is Taizhang's look: Fyne's default light theme with the embedded Noto Sans SC face,
// so Chinese renders on a PC without Chinese fonts, and the office palette.
type Theme struct {
	regular, bold fyne.Resource
}

var _ fyne.Theme = (*Theme)(nil)

// NewTheme returns the program's theme.
func NewTheme() *Theme {
	return &Theme{
		regular: fyne.NewStaticResource("NotoSansSC-Regular.ttf", assets.SansRegular),
		bold:    fyne.NewStaticResource("NotoSansSC-Bold.ttf", assets.SansBold),
	}
}

// Color returns the office palette; anything not listed comes from the default light theme.
func (t *Theme) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch name {
	case theme.ColorNameBackground:
		return colorBackground
	case theme.ColorNameForeground:
		return colorText
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return colorAccent
	case theme.ColorNameFocus:
		// A see-through navy: blended over a white card it tints it and keeps the number
		// readable; over a blue primary button it darkens it, so the focus shows on both.
		return colorFocus
	case theme.ColorNameButton:
		return colorSurface
	case theme.ColorNameInputBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground:
		return colorSurface
	case theme.ColorNameInputBorder, theme.ColorNameSeparator:
		return colorBorder
	case theme.ColorNameHeaderBackground:
		return colorHeader
	case theme.ColorNamePlaceHolder:
		return colorMuted
	case theme.ColorNameDisabled:
		// Secondary text and disabled controls: quiet, but still readable.
		return color.NRGBA{R: 0x8A, G: 0x93, B: 0xA0, A: 0xFF}
	case theme.ColorNameSelection:
		return colorAccentSoft
	case theme.ColorNameHover:
		return color.NRGBA{R: 0x1F, G: 0x5F, B: 0xAD, A: 0x14}
	case theme.ColorNameError:
		return colorError
	case theme.ColorNameSuccess:
		return colorSuccess
	case theme.ColorNameWarning:
		return colorWarning
	}
	return theme.DefaultTheme().Color(name, theme.VariantLight)
}

// Font returns the embedded CJK face for everything but monospace and symbols.
func (t *Theme) Font(style fyne.TextStyle) fyne.Resource {
	if style.Monospace || style.Symbol {
		return theme.DefaultTheme().Font(style)
	}
	if style.Bold {
		return t.bold
	}
	return t.regular
}

// Icon returns the default icons.
func (t *Theme) Icon(name fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(name)
}

// Size keeps body text at 14 and gives headings a calm step up.
func (t *Theme) Size(name fyne.ThemeSizeName) float32 {
	switch name {
	case theme.SizeNameText:
		return 14
	case theme.SizeNameHeadingText:
		return 22
	case theme.SizeNameSubHeadingText:
		return 17
	case theme.SizeNameCaptionText:
		return 12
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 4
	}
	return theme.DefaultTheme().Size(name)
}
