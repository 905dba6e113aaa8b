package reports

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"taizhang/data"
)

// Align is a column's horizontal alignment.
type Align int

// Alignments. Numbers go right, short codes (性别, 状态) centre, text left.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

func (a Align) excel() string {
	switch a {
	case AlignCenter:
		return "center"
	case AlignRight:
		return "right"
	}
	return "left"
}

// CellKind says how a column's cells are written to a workbook. Text keeps every character
// (an ID number or a phone keeps its digits); a date is a real date cell shown 2026-03-05, so
// a spreadsheet can filter and sort by it; a number can be summed.
type CellKind int

// Cell kinds. The cells reach the writer as text: a date as 2026-03-05, a number as 12 or
// 3.5; a cell that does not read as its kind is written as text, never lost.
const (
	CellText CellKind = iota
	CellDate
	CellNumber
)

// Column is one column of a ledger sheet: its header, width in Excel character units,
// alignment and cell kind.
type Column struct {
	Title string
	Width float64
	Align Align
	Kind  CellKind
}

// LedgerSheet is the form inspectors expect of any ledger export (台账): a title row, a line
// with 填报单位 and 填报日期, a header row (frozen, repeated on every printed page), numbered
// and bordered rows, and a 填报人/审核人 footer, set up for A4 landscape.
type LedgerSheet struct {
	Sheet    string    // sheet name; empty: the title, shortened to Excel's 31 characters
	Title    string    // 平城区鹿苑街道居民花名册（2026年11月）
	Unit     string    // 填报单位
	Date     data.Date // 填报日期
	Columns  []Column  // the ledger's columns; the writer puts 序号 before them
	Preparer string    // 填报人, blank for a signature
	Reviewer string    // 审核人, blank for a signature
	Note     string    // an optional line above the footer, e.g. 身份证号、联系电话已隐去中间位
	// Audit is the audit head when the ledger was exported (data.AuditHeadInfo.String),
	// printed under the note (audit_footer.go); "" prints nothing.
	Audit string
}

// LedgerXLSX writes a LedgerSheet row by row through excelize's StreamWriter, so 100,000
// rows take no more memory than 100. Call Row for each record, then WriteTo once.
type LedgerXLSX struct {
	f      *excelize.File
	sw     *excelize.StreamWriter
	l      LedgerSheet
	sheet  string
	n      int // data rows written
	styles struct{ title, meta, metaRight, header, footer int }
	cols   []Column // 序号 first
	col    []int    // style per column, 序号 first
	done   bool
}

// Rows above the first data row: title, 填报单位/日期, header.
const ledgerHeadRows = 3

// NewLedgerXLSX starts a ledger sheet.
func NewLedgerXLSX(l LedgerSheet) (*LedgerXLSX, error) {
	if len(l.Columns) == 0 {
		return nil, errors.New("ledger xlsx: no columns")
	}
	x := &LedgerXLSX{f: excelize.NewFile(), l: l}
	x.sheet = sheetName(l.Sheet, l.Title)
	if err := x.f.SetSheetName("Sheet1", x.sheet); err != nil {
		return nil, fmt.Errorf("ledger xlsx: %w", err)
	}
	if err := x.setup(); err != nil {
		x.f.Close()
		return nil, fmt.Errorf("ledger xlsx: %w", err)
	}
	return x, nil
}

// sheetName makes a legal sheet name: at most 31 characters, none of []:*?/\.
func sheetName(name, title string) string {
	if name == "" {
		name = title
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if strings.TrimSpace(name) == "" {
		name = "台账"
	}
	return name
}

func (x *LedgerXLSX) setup() error {
	f, l := x.f, x.l
	thin := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	const font = "宋体"
	text := "@"
	var err error
	style := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	x.styles.title = style(&excelize.Style{Font: &excelize.Font{Family: font, Size: 18, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	x.styles.meta = style(&excelize.Style{Font: &excelize.Font{Family: font, Size: 11},
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	x.styles.metaRight = style(&excelize.Style{Font: &excelize.Font{Family: font, Size: 11},
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	x.styles.header = style(&excelize.Style{Font: &excelize.Font{Family: font, Size: 11, Bold: true}, Border: thin,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	x.styles.footer = style(&excelize.Style{Font: &excelize.Font{Family: font, Size: 11},
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	cols := append([]Column{{Title: "序号", Width: 6, Align: AlignCenter, Kind: CellNumber}}, l.Columns...)
	x.cols = cols
	date, number := "yyyy-mm-dd", "0.##"
	for _, c := range cols {
		st := &excelize.Style{Font: &excelize.Font{Family: font, Size: 10}, Border: thin, CustomNumFmt: &text,
			Alignment: &excelize.Alignment{Horizontal: c.Align.excel(), Vertical: "center", WrapText: true}}
		switch c.Kind {
		case CellDate:
			st.CustomNumFmt = &date
		case CellNumber:
			st.CustomNumFmt = nil
			if c.Title != "序号" {
				st.CustomNumFmt = &number
			}
		}
		x.col = append(x.col, style(st))
	}
	if err != nil {
		return err
	}
	// Page set-up lives in the worksheet the stream writer copies at Flush; set it first.
	landscape, a4, one, zero := "landscape", 9, 1, 0
	if err := f.SetPageLayout(x.sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4,
		FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	yes := true
	if err := f.SetSheetProps(x.sheet, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	lr, tb, hf := 0.5, 0.6, 0.3
	if err := f.SetPageMargins(x.sheet, &excelize.PageLayoutMarginsOptions{Left: &lr, Right: &lr, Top: &tb, Bottom: &tb,
		Header: &hf, Footer: &hf, Horizontally: &yes}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(x.sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页 共 &N 页"}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: x.sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", x.sheet, ledgerHeadRows, ledgerHeadRows)}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(x.sheet)
	if err != nil {
		return err
	}
	x.sw = sw
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: ledgerHeadRows, TopLeftCell: fmt.Sprintf("A%d", ledgerHeadRows+1),
		ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, c := range cols {
		w := c.Width
		if w <= 0 {
			w = 12
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	last := len(cols)
	lastCol, _ := excelize.ColumnNumberToName(last)
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: x.styles.title, Value: l.Title}}, excelize.RowOpts{Height: 36}); err != nil {
		return err
	}
	if err := sw.MergeCell("A1", lastCol+"1"); err != nil {
		return err
	}
	// 填报单位 on the left half, 填报日期 on the right half.
	half := max(last/2, 1)
	meta := make([]any, last)
	meta[0] = excelize.Cell{StyleID: x.styles.meta, Value: "填报单位：" + l.Unit}
	if half < last {
		meta[half] = excelize.Cell{StyleID: x.styles.metaRight, Value: "填报日期：" + l.Date.Chinese()}
	}
	if err := sw.SetRow("A2", meta, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	if half > 1 {
		c, _ := excelize.ColumnNumberToName(half)
		if err := sw.MergeCell("A2", c+"2"); err != nil {
			return err
		}
	}
	if half < last {
		c, _ := excelize.ColumnNumberToName(half + 1)
		if err := sw.MergeCell(c+"2", lastCol+"2"); err != nil {
			return err
		}
	}
	head := make([]any, last)
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: x.styles.header, Value: c.Title}
	}
	return sw.SetRow(fmt.Sprintf("A%d", ledgerHeadRows), head, excelize.RowOpts{Height: 30})
}

// Row adds one numbered, bordered row; values are the ledger's columns, 序号 not included.
func (x *LedgerXLSX) Row(values ...string) error {
	if x.done {
		return errors.New("ledger xlsx: row after WriteTo")
	}
	x.n++
	row := make([]any, len(x.col))
	row[0] = excelize.Cell{StyleID: x.col[0], Value: x.n}
	texts := make([]string, len(x.col))
	texts[0] = strconv.Itoa(x.n)
	for i := 1; i < len(x.col); i++ {
		v := ""
		if i-1 < len(values) {
			v = values[i-1]
		}
		texts[i] = v
		row[i] = excelize.Cell{StyleID: x.col[i], Value: typedValue(x.cols[i].Kind, v)}
	}
	cell, _ := excelize.CoordinatesToCellName(1, ledgerHeadRows+x.n)
	return x.sw.SetRow(cell, row, excelize.RowOpts{Height: RowHeight(x.cols, texts)})
}

// typedValue is what a cell of kind k holds for the text v: a date serial for a date, a
// float for a number, else the text itself.
func typedValue(k CellKind, v string) any {
	switch k {
	case CellDate:
		if d, err := data.ParseDate(v); err == nil && v != "" {
			return excelSerial(d)
		}
	case CellNumber:
		if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && v != "" {
			return f
		}
	}
	return v
}

// excelSerial is the Excel 1900-system serial of d (days since 1899-12-30, for dates after
// 1900-02-28, which is every date a ledger holds); data.ExcelSerialDate reads it back.
func excelSerial(d data.Date) float64 {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return float64(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour))
}

// Row height of the data rows: lines of 10-point text, and a little padding.
const (
	cellLineHeight = 13.5 // points per line of 10-point 宋体
	cellPadding    = 4.0
)

// RowHeight is the height in points a row of these cells needs for every line of its wrapped
// text to show. Spreadsheet programs do not grow a row when a file is opened: without an
// explicit height a wrapped row prints one line high and its text runs into the next row.
// A line of a column holds about Width-1 character units; a Chinese character takes two.
func RowHeight(cols []Column, cells []string) float64 {
	lines := 1
	for i, c := range cells {
		if i >= len(cols) || c == "" {
			continue
		}
		if n := wrappedLines(c, cols[i].Width); n > lines {
			lines = n
		}
	}
	return float64(lines)*cellLineHeight + cellPadding
}

// wrappedLines counts the lines text takes in a column width units wide.
func wrappedLines(text string, width float64) int {
	if width <= 0 {
		width = 12
	}
	room := max(width-1, 2)
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		used, n := 0.0, 1
		for _, r := range para {
			w := 1.0
			if r >= 0x1100 && !(r >= 0xff61 && r <= 0xffdc) {
				w = 2
			}
			if used+w > room {
				n++
				used = 0
			}
			used += w
		}
		lines += n
	}
	return lines
}

// Rows returns the number of data rows written so far.
func (x *LedgerXLSX) Rows() int { return x.n }

// WriteTo adds the footer (a note, 共 N 条, 填报人 and 审核人), finishes the workbook and
// writes it to w. The LedgerXLSX cannot be used afterwards.
func (x *LedgerXLSX) WriteTo(w io.Writer) (int64, error) {
	if x.done {
		return 0, errors.New("ledger xlsx: written twice")
	}
	x.done = true
	defer x.f.Close()
	last := len(x.col)
	lastCol, _ := excelize.ColumnNumberToName(last)
	row := ledgerHeadRows + x.n + 1
	line := func(text string, from, to int) error {
		a, _ := excelize.ColumnNumberToName(from)
		b, _ := excelize.ColumnNumberToName(to)
		cells := make([]any, to-from+1)
		cells[0] = excelize.Cell{StyleID: x.styles.footer, Value: text}
		if err := x.sw.SetRow(fmt.Sprintf("%s%d", a, row), cells, excelize.RowOpts{Height: 22}); err != nil {
			return err
		}
		if to > from {
			return x.sw.MergeCell(fmt.Sprintf("%s%d", a, row), fmt.Sprintf("%s%d", b, row))
		}
		return nil
	}
	note := fmt.Sprintf("共 %d 条。", x.n)
	if x.l.Note != "" {
		note += x.l.Note
	}
	if err := line(note, 1, last); err != nil {
		return 0, fmt.Errorf("ledger xlsx: %w", err)
	}
	if a := auditFooter(x.l); a != "" {
		row++
		if err := line(a, 1, last); err != nil {
			return 0, fmt.Errorf("ledger xlsx: %w", err)
		}
	}
	row += 2
	half := max(last/2, 1)
	sign := func(label, name string) string {
		if name == "" {
			return label + "："
		}
		return label + "：" + name
	}
	// Footer cells go in one SetRow call: the stream writer wants rows in order.
	a2, _ := excelize.ColumnNumberToName(half + 1)
	cells := make([]any, last)
	cells[0] = excelize.Cell{StyleID: x.styles.footer, Value: sign("填报人", x.l.Preparer)}
	if half < last {
		cells[half] = excelize.Cell{StyleID: x.styles.footer, Value: sign("审核人", x.l.Reviewer)}
	}
	if err := x.sw.SetRow(fmt.Sprintf("A%d", row), cells, excelize.RowOpts{Height: 28}); err != nil {
		return 0, fmt.Errorf("ledger xlsx: %w", err)
	}
	if half > 1 {
		b, _ := excelize.ColumnNumberToName(half)
		if err := x.sw.MergeCell(fmt.Sprintf("A%d", row), fmt.Sprintf("%s%d", b, row)); err != nil {
			return 0, fmt.Errorf("ledger xlsx: %w", err)
		}
	}
	if half < last {
		if err := x.sw.MergeCell(fmt.Sprintf("%s%d", a2, row), fmt.Sprintf("%s%d", lastCol, row)); err != nil {
			return 0, fmt.Errorf("ledger xlsx: %w", err)
		}
	}
	if err := x.sw.Flush(); err != nil {
		return 0, fmt.Errorf("ledger xlsx: %w", err)
	}
	var buf bytes.Buffer
	if _, err := x.f.WriteTo(&buf); err != nil {
		return 0, fmt.Errorf("ledger xlsx: %w", err)
	}
	b, err := setDimension(buf.Bytes(), fmt.Sprintf("A1:%s%d", lastCol, row))
	if err != nil {
		return 0, fmt.Errorf("ledger xlsx: %w", err)
	}
	n, err := w.Write(b)
	if err != nil {
		return int64(n), fmt.Errorf("ledger xlsx: %w", err)
	}
	return int64(n), nil
}

// streamDimension is the used range excelize's stream writer declares whatever it writes:
// the worksheet's head is written before its rows.
const streamDimension = `<dimension ref="A1"></dimension>`

// setDimension rewrites the workbook b so that its worksheet declares ref as its used range.
// A program that trusts the declared range (a reader, an import tool, Excel's Ctrl+End)
// otherwise sees one cell. The other parts are copied as they are.
func setDimension(b []byte, ref string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") || found {
			if err := zw.Copy(f); err != nil {
				return nil, err
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		// The dimension is near the top: read the head, copy the rest through.
		head := make([]byte, 16384)
		n, err := io.ReadFull(rc, head)
		if err != nil && err != io.ErrUnexpectedEOF {
			rc.Close()
			return nil, err
		}
		head = head[:n]
		i := bytes.Index(head, []byte(streamDimension))
		if i < 0 {
			rc.Close()
			return nil, errors.New("worksheet has no dimension to set")
		}
		found = true
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: f.Method, Modified: f.Modified})
		if err != nil {
			rc.Close()
			return nil, err
		}
		for _, part := range [][]byte{head[:i], []byte(`<dimension ref="` + ref + `"></dimension>`), head[i+len(streamDimension):]} {
			if _, err := w.Write(part); err != nil {
				rc.Close()
				return nil, err
			}
		}
		_, err = io.Copy(w, rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Close discards an unwritten workbook (after an error part-way).
func (x *LedgerXLSX) Close() {
	if !x.done {
		x.done = true
		x.f.Close()
	}
}

// ReadTable reads the rows of a spreadsheet file for an importer: name's extension says what
// it should be (.xlsx, .csv, .txt), and the bytes are checked before anything is parsed, so a
// renamed file gets a plain Chinese message instead of garbage. CSV may be UTF-8 (with or
// without BOM), UTF-16 (Excel's "Unicode 文本") or GBK/GB18030, detected from the bytes;
// comma or tab separated. From a workbook, every visible sheet is read with raw cell values
// (a date cell gives its serial number, which data.ParseCellDate reads). Rows keep their
// real row numbers.
func ReadTable(name string, r io.Reader) ([]data.SheetRow, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法读取文件“%s”", filepath.Base(name)), Err: err}
	}
	base := filepath.Base(name)
	ext := strings.ToLower(filepath.Ext(name))
	kind := sniff(b)
	switch ext {
	case ".xlsx", ".xlsm":
		switch kind {
		case "zip":
			return readXLSX(base, b)
		case "ole":
			return nil, data.Invalid("file", "文件“%s”是旧版 Excel（.xls）格式或已加密，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入", base)
		case "text", "utf16":
			return nil, data.Invalid("file", "文件“%s”不是 Excel 工作簿，而是一个文本文件；如果它是 CSV，请把扩展名改为 .csv 后再导入", base)
		}
		return nil, data.Invalid("file", "文件“%s”不是 Excel 工作簿（内容无法识别），请确认选对了文件", base)
	case ".csv", ".txt":
		switch kind {
		case "text", "utf16":
			return readCSV(base, b)
		case "zip":
			return nil, data.Invalid("file", "文件“%s”的扩展名是 %s，但内容是 Excel 工作簿：请把扩展名改为 .xlsx 后再导入", base, ext)
		case "ole":
			return nil, data.Invalid("file", "文件“%s”的扩展名是 %s，但内容是旧版 Excel（.xls）：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入", base, ext)
		}
		return nil, data.Invalid("file", "文件“%s”不是文本格式的 CSV（内容是二进制数据），请确认选对了文件", base)
	case ".xls":
		return nil, data.Invalid("file", "不能直接读取旧版 Excel 文件“%s”（.xls），请在 Excel 或 WPS 中“另存为” .xlsx 后再导入", base)
	}
	return nil, data.Invalid("file", "不能导入“%s”：只能导入 Excel 工作簿（.xlsx）或 CSV 文件（.csv）", base)
}

// sniff tells a file's kind from its first bytes: zip (xlsx), ole (xls), utf16, text or
// binary.
func sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return "zip"
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return "ole"
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return "utf16"
	}
	head := b[:min(len(b), 8192)]
	ctrl := 0
	for _, c := range head {
		if c == 0 {
			return "binary"
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x1A {
			ctrl++
		}
	}
	if ctrl > len(head)/100+2 {
		return "binary"
	}
	return "text"
}

// decodeText turns a CSV's bytes into UTF-8 text.
func decodeText(base string, b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, b)
		if err != nil {
			return "", data.Invalid("file", "文件“%s”的 UTF-16 编码有误，无法读取", base)
		}
		return string(out), nil
	}
	if utf8.Valid(b) {
		return string(b), nil
	}
	// Not UTF-8: Excel and WPS on a Chinese Windows save CSV in GBK; GB18030 is its superset.
	out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), b)
	if err != nil || strings.ContainsRune(string(out), utf8.RuneError) {
		return "", data.Invalid("file", "文件“%s”的文字编码无法识别（不是 UTF-8，也不是 GBK/GB18030），请在 Excel 或 WPS 中另存为“CSV UTF-8”后再导入", base)
	}
	return string(out), nil
}

func readCSV(base string, b []byte) ([]data.SheetRow, error) {
	text, err := decodeText(base, b)
	if err != nil {
		return nil, err
	}
	// Tab-separated (Excel's "Unicode 文本") if the first lines hold more tabs than commas.
	head := text[:min(len(text), 4096)]
	cr := csv.NewReader(strings.NewReader(text))
	if strings.Count(head, "\t") > strings.Count(head, ",") {
		cr.Comma = '\t'
	}
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var rows []data.SheetRow
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return nil, &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("文件“%s”第 %d 行的 CSV 格式有误（引号不成对？），无法读取", base, line), Err: err}
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, data.SheetRow{Line: line, Cells: rec})
	}
	return rows, nil
}

func readXLSX(base string, b []byte) ([]data.SheetRow, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		msg := fmt.Sprintf("文件“%s”已损坏或不是 Excel 工作簿，无法读取", base)
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || strings.Contains(err.Error(), "encrypt") {
			msg = fmt.Sprintf("文件“%s”无法读取：可能已加密或已损坏。请在 Excel 或 WPS 中取消密码并另存为 .xlsx 后再导入", base)
		}
		return nil, &data.Error{Kind: data.ErrInvalid, Message: msg, Err: err}
	}
	defer f.Close()
	merges := sheetMerges(b)
	var out []data.SheetRow
	for _, sheet := range f.GetSheetList() {
		if visible, err := f.GetSheetVisible(sheet); err == nil && !visible {
			continue
		}
		rows, err := f.Rows(sheet)
		if err != nil {
			continue // a chart sheet has no rows
		}
		var lines [][]string // every row of the sheet, empty ones too, by line - 1
		for rows.Next() {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return nil, &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("文件“%s”的工作表“%s”第 %d 行无法读取", base, sheet, len(lines)+1), Err: err}
			}
			lines = append(lines, cells)
		}
		rows.Close()
		fillMerges(lines, merges[sheet])
		for i, cells := range lines {
			if len(cells) > 0 {
				out = append(out, data.SheetRow{Sheet: sheet, Line: i + 1, Cells: cells})
			}
		}
	}
	return out, nil
}

// fillMerges gives every row of a block of cells merged down from a row above the value the
// block shows: ledgers merge 社区 or 户号 over the rows it covers, and every row of such a
// block holds that value. Merges within one row (a title across the sheet) are left as they
// are. refs are the merges' ranges (A3:A7).
func fillMerges(lines [][]string, refs []string) {
	for _, ref := range refs {
		start, end, ok := strings.Cut(ref, ":")
		if !ok {
			continue
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(start)
		c2, r2, err2 := excelize.CellNameToCoordinates(end)
		if err1 != nil || err2 != nil || r2 <= r1 || r2-r1 > 10000 || r1 > len(lines) || c2 < c1 {
			continue
		}
		v := ""
		if top := lines[r1-1]; c1-1 < len(top) {
			v = top[c1-1]
		}
		for r := r1; r <= min(r2, len(lines)); r++ {
			for c := c1; c <= c2; c++ {
				cells := lines[r-1]
				for len(cells) < c {
					cells = append(cells, "")
				}
				if cells[c-1] == "" {
					cells[c-1] = v
				}
				lines[r-1] = cells
			}
		}
	}
}

// sheetMerges reads the merged ranges of each sheet of an XLSX by sheet name, straight from
// the sheets' XML: excelize's GetMergeCells parses a whole worksheet into memory a second
// time for them (most of reading a 10,000-row ledger).
func sheetMerges(b []byte) map[string][]string {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil
	}
	read := func(name string) []byte {
		for _, f := range z.File {
			if strings.EqualFold(f.Name, name) {
				r, err := f.Open()
				if err != nil {
					return nil
				}
				defer r.Close()
				b, _ := io.ReadAll(r)
				return b
			}
		}
		return nil
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(read("xl/workbook.xml"), &wb) != nil || xml.Unmarshal(read("xl/_rels/workbook.xml.rels"), &rels) != nil {
		return nil
	}
	out := map[string][]string{}
	for _, sh := range wb.Sheets {
		for _, rel := range rels.Rels {
			if rel.ID != sh.RID {
				continue
			}
			target := strings.TrimPrefix(rel.Target, "/")
			if !strings.HasPrefix(target, "xl/") {
				target = "xl/" + target
			}
			out[sh.Name] = mergeRefs(read(target))
		}
	}
	return out
}

// mergeRefs finds the ref of every <mergeCell> (any namespace prefix) in a worksheet's XML.
func mergeRefs(sheet []byte) []string {
	var refs []string
	for {
		i := bytes.Index(sheet, []byte("mergeCell "))
		if i < 0 {
			return refs
		}
		sheet = sheet[i+len("mergeCell "):]
		end := bytes.IndexByte(sheet, '>')
		if end < 0 {
			return refs
		}
		tag := sheet[:end]
		if k := bytes.Index(tag, []byte(`ref="`)); k >= 0 {
			v := tag[k+len(`ref="`):]
			if q := bytes.IndexByte(v, '"'); q >= 0 {
				refs = append(refs, string(v[:q]))
			}
		}
		sheet = sheet[end:]
	}
}
