// Package pack composes the store's ledgers and the report writers into the inspection pack
// (迎检包): for an inspection period, every ledger as XLSX and PDF, the statistics summary,
// the signed documents' PDFs, a description naming the period and the audit log's head, and
// a SHA256SUMS manifest that `sha256sum -c SHA256SUMS` verifies, so an inspector can tell nothing was altered after the pack was handed over.
package pack

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"taizhang/data"
	"taizhang/data/sqlite"
	"taizhang/reports"
)

// ManifestName is the manifest's file name, in the form sha256sum writes and checks.
const ManifestName = "SHA256SUMS"

// DescriptionName is the pack's human-readable description.
const DescriptionName = "迎检包说明.txt"

// Options say what goes into a pack.
type Options struct {
	Dir      string    // the folder to make; it must not exist or be empty
	From, To data.Date // the inspection period (both required)
	Full     bool      // whole ID and phone numbers (needs data.ActUnmask)
	Preparer string    // 填报人 on the ledgers
}

// File is one file of a pack.
type File struct {
	Path   string // relative to the pack's folder, with forward slashes
	Size   int
	SHA256 string
}

// Result is what Make wrote.
type Result struct {
	Files     []File // every file but the manifest, in the manifest's order
	AuditID   int64
	AuditHash string
}

// Make writes the inspection pack of db for o. On an error the files written so far are
// removed, so a half pack is never handed over.
func Make(ctx context.Context, db *sqlite.DB, o Options, progress func(string)) (Result, error) {
	var res Result
	if o.From.IsZero() || o.To.IsZero() || o.To.Before(o.From) {
		return res, data.Invalid("period", "请给出迎检期间的起止日期（起始日期不能晚于截止日期）")
	}
	if o.Full {
		if err := data.Require(data.UserFromContext(ctx), data.ActUnmask); err != nil {
			return res, err
		}
	}
	if ents, err := os.ReadDir(o.Dir); err == nil && len(ents) > 0 {
		return res, data.Conflict("文件夹“%s”已存在且不是空的。迎检包须写入新的文件夹", o.Dir)
	}
	if err := os.MkdirAll(filepath.Join(o.Dir, "文书"), 0o755); err != nil {
		return res, &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法建立文件夹“%s”，请检查是否有写入权限", o.Dir), Err: err}
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(o.Dir)
		}
	}()
	say := func(s string) {
		if progress != nil {
			progress(s)
		}
	}
	office, err := db.Office(ctx)
	if err != nil {
		return res, err
	}
	if res.AuditID, res.AuditHash, err = db.AuditHeadHash(ctx); err != nil {
		return res, err
	}
	today := data.Today(db.Now())
	head := db.HeadLine(ctx)
	lo := reports.LedgerOptions{Office: office, From: o.From, To: o.To, Date: today, Preparer: o.Preparer, Full: o.Full, Audit: head}
	write := func(name string, b []byte) error {
		p := filepath.Join(o.Dir, filepath.FromSlash(name))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return &data.Error{Kind: data.ErrInvalid, Message: fmt.Sprintf("无法写入“%s”", p), Err: err}
		}
		sum := sha256.Sum256(b)
		res.Files = append(res.Files, File{Path: name, Size: len(b), SHA256: hex.EncodeToString(sum[:])})
		return nil
	}
	both := func(name string, export func(w *bytes.Buffer, f reports.Format) error) error {
		say(name)
		for _, f := range []reports.Format{reports.FormatXLSX, reports.FormatPDF} {
			var buf bytes.Buffer
			if err := export(&buf, f); err != nil {
				return err
			}
			if err := write(name+"."+f.String(), buf.Bytes()); err != nil {
				return err
			}
		}
		return nil
	}

	issues := data.IssueFilter{From: o.From, To: o.To}
	if err := both("01 问题整改台账", func(w *bytes.Buffer, f reports.Format) error {
		_, err := reports.ExportIssueLedger(ctx, w, f, db, issues, lo, nil)
		return err
	}); err != nil {
		return res, err
	}
	services := data.ServiceFilter{From: o.From, To: o.To}
	if err := both("02 上门服务台账", func(w *bytes.Buffer, f reports.Format) error {
		total, err := db.CountServices(ctx, services)
		if err != nil {
			return err
		}
		_, err = reports.ExportServiceLedger(ctx, w, f, total, func(each func(data.ServiceExportRow) error) error {
			_, err := db.ExportServices(ctx, services, o.Full, each)
			return err
		}, lo, nil)
		return err
	}); err != nil {
		return res, err
	}
	certs := data.CertExportFilter{AsOf: o.To}
	co := lo
	co.From = data.Date{}
	if err := both("03 定期认证台账", func(w *bytes.Buffer, f reports.Format) error {
		total, err := db.CountCertifications(ctx, certs)
		if err != nil {
			return err
		}
		_, err = reports.ExportCertLedger(ctx, w, f, total, func(each func(data.CertExportRow) error) error {
			_, err := db.ExportCertifications(ctx, certs, o.Full, each)
			return err
		}, co, "", nil)
		return err
	}); err != nil {
		return res, err
	}
	docs := data.DocumentFilter{From: o.From, To: o.To}
	if err := both("04 行政文书台账", func(w *bytes.Buffer, f reports.Format) error {
		_, err := reports.ExportDocumentLedger(ctx, w, f, db, docs, lo, nil)
		return err
	}); err != nil {
		return res, err
	}
	ro := reports.RosterOptions{Office: office, Date: today, Preparer: o.Preparer, Full: o.Full, Audit: head}
	if err := both("05 居民花名册", func(w *bytes.Buffer, f reports.Format) error {
		var all []data.Resident
		if _, err := db.ExportResidents(ctx, data.ResidentFilter{}, o.Full, func(r data.Resident) error { all = append(all, r); return nil }); err != nil {
			return err
		}
		if f == reports.FormatPDF {
			_, err := reports.WriteRosterPDF(w, ro, func(each func(data.Resident) error) error {
				for _, r := range all {
					if err := each(r); err != nil {
						return err
					}
				}
				return nil
			}, reports.Options{})
			return err
		}
		x, err := reports.NewRosterXLSX(ro)
		if err != nil {
			return err
		}
		defer x.Close()
		for _, r := range all {
			if err := x.Add(r); err != nil {
				return err
			}
		}
		_, err = x.WriteTo(w)
		return err
	}); err != nil {
		return res, err
	}
	say("06 问题整改情况汇总表")
	byC, byM, err := db.Summary(ctx, o.From, o.To, 0)
	if err != nil {
		return res, err
	}
	var sum bytes.Buffer
	if err := reports.WriteSummaryXLSX(&sum, reports.Summary{Office: office, From: o.From, To: o.To, Date: today, Preparer: o.Preparer,
		ByCommunity: byC, ByMonth: byM}); err != nil {
		return res, err
	}
	if err := write("06 问题整改情况汇总表.xlsx", sum.Bytes()); err != nil {
		return res, err
	}

	say("已签发文书")
	signed, err := db.SignedDocuments(ctx, o.From, o.To)
	if err != nil {
		return res, err
	}
	used := map[string]bool{}
	for _, d := range signed {
		pdf, err := db.DocumentPDF(ctx, d.ID)
		if err != nil {
			return res, err
		}
		name := safeName(d.Date.String() + " " + d.DocNumber + " " + d.Title)
		for n := 2; used[name]; n++ {
			name = safeName(fmt.Sprintf("%s %s %s（%d）", d.Date, d.DocNumber, d.Title, n))
		}
		used[name] = true
		if err := write("文书/"+name+".pdf", pdf); err != nil {
			return res, err
		}
	}

	if err := write(DescriptionName, description(office, o, today, res, len(signed))); err != nil {
		return res, err
	}
	sort.SliceStable(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	var m strings.Builder
	for _, f := range res.Files {
		fmt.Fprintf(&m, "%s  %s\n", f.SHA256, f.Path)
	}
	if err := os.WriteFile(filepath.Join(o.Dir, ManifestName), []byte(m.String()), 0o644); err != nil {
		return res, &data.Error{Kind: data.ErrInvalid, Message: "无法写入校验清单", Err: err}
	}
	ok = true
	return res, nil
}

// description is the pack's 说明: office, period, when, the audit head, and every file so
// far with its size and SHA-256.
func description(office data.Office, o Options, today data.Date, res Result, docs int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "迎检包\n\n单位：%s\n迎检期间：%s至%s\n生成日期：%s\n", office.Name, o.From.Chinese(), o.To.Chinese(), today.Chinese())
	if o.Full {
		b.WriteString("证件号码：完整（含完整身份证号和联系电话，请妥善保管，不得外传）\n")
	} else {
		b.WriteString("证件号码：已打码\n")
	}
	fmt.Fprintf(&b, "审计日志：截至第 %d 条，该条哈希 %s\n", res.AuditID, res.AuditHash)
	fmt.Fprintf(&b, "已签发文书：%d 份（文书文件夹）\n\n", docs)
	b.WriteString("校验方法：在本文件夹中运行 sha256sum -c SHA256SUMS，每个文件都应显示“成功”（OK）。\n")
	b.WriteString("审计日志可用 taizhang check 核对：上面这一条及其以前的记录未被改动时，检查通过。\n\n文件清单（SHA-256）：\n")
	for _, f := range res.Files {
		fmt.Fprintf(&b, "%s  %s（%d 字节）\n", f.SHA256, f.Path, f.Size)
	}
	return []byte(b.String())
}

// safeName makes a document's file name: no path separators or characters Windows refuses.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80])
	}
	return s
}
