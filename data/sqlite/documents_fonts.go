package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"taizhang/data"
)

// ---- fonts ----

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// fontFiles keeps the bytes of font files read from disk, each read once per size and mtime:
// a CJK face is 10–25 MB, and the PDF writer caches its parse of a font by the address of
// its bytes, so handing it the same slice again costs nothing.
var fontFiles struct {
	sync.Mutex
	m map[string]fontFile
}

type fontFile struct {
	size int64
	mod  time.Time
	b    []byte
	sha  string
}

// maxFontSize bounds a font file read into memory (a full CJK TrueType face is 10–25 MB).
const maxFontSize = 64 << 20

func readFontFile(path string) ([]byte, string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, "", err
	}
	if st.IsDir() || st.Size() > maxFontSize {
		return nil, "", fmt.Errorf("%s: not a font file", path)
	}
	fontFiles.Lock()
	f, ok := fontFiles.m[path]
	fontFiles.Unlock()
	if ok && f.size == st.Size() && f.mod.Equal(st.ModTime()) {
		return f.b, f.sha, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	f = fontFile{size: st.Size(), mod: st.ModTime(), b: b, sha: sha256Hex(b)}
	fontFiles.Lock()
	if fontFiles.m == nil {
		fontFiles.m = map[string]fontFile{}
	}
	fontFiles.m[path] = f
	fontFiles.Unlock()
	return b, f.sha, nil
}

var faceNames = [2]string{"正文", "标题"}

// currentFonts reads the office's font choice and loads the files.
func (db *DB) currentFonts(ctx context.Context, q docQuerier) (data.Fonts, [2]data.FontChoice, error) {
	var fonts data.Fonts
	choice := db.embedded()
	for i, key := range []string{keyDocBodyFont, keyDocTitleFont} {
		var path string
		err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&path)
		if err != nil && !isNoRows(err) {
			return fonts, choice, err
		}
		if path == "" {
			continue
		}
		b, sha, err := readFontFile(path)
		if err != nil {
			return fonts, choice, &data.Error{Kind: data.ErrInvalid, Field: "font", Err: err,
				Message: fmt.Sprintf("设置的%s字体文件“%s”无法读取：请在设置中重新选择字体，或改用内置字体", faceNames[i], path)}
		}
		choice[i] = data.FontChoice{Path: path, SHA256: sha}
		if i == 0 {
			fonts.Body = b
		} else {
			fonts.Title = b
		}
	}
	return fonts, choice, nil
}

// recordedFonts loads the fonts a document was signed with, checking they are the same bytes.
func (db *DB) recordedFonts(d data.Document) (data.Fonts, error) {
	var fonts data.Fonts
	emb := db.embedded()
	for i, f := range [2]data.FontChoice{d.BodyFont, d.TitleFont} {
		if f.Path == "" {
			if f.SHA256 != "" && f.SHA256 != emb[i].SHA256 {
				return fonts, data.Conflict("文书 %s 签发时所用的内置%s字体与本程序的不同，无法重新生成与签发时一致的文本", d.Label(), faceNames[i])
			}
			continue
		}
		b, sha, err := readFontFile(f.Path)
		if err != nil || sha != f.SHA256 {
			return fonts, &data.Error{Kind: data.ErrConflict, Err: err,
				Message: fmt.Sprintf("文书 %s 签发时所用的%s字体“%s”已不存在或已变化，无法重新生成与签发时一致的文本", d.Label(), faceNames[i], f.Path)}
		}
		if i == 0 {
			fonts.Body = b
		} else {
			fonts.Title = b
		}
	}
	return fonts, nil
}

// DocumentFonts returns the office's current font choice for documents.
func (db *DB) DocumentFonts(ctx context.Context) (body, title data.FontChoice, err error) {
	_, fonts, err := db.currentFonts(ctx, db.db)
	return fonts[0], fonts[1], err
}

// SetDocumentFonts chooses the body and title font files of documents (administrators
// only); an empty path means the embedded face. Each file must be a TrueType (.ttf) font the
// PDF writer can embed, e.g. Windows' simfang.ttf (仿宋) or 方正小标宋. Each document records
// the choice (path and SHA-256) when it is signed.
func (db *DB) SetDocumentFonts(ctx context.Context, bodyPath, titlePath string) error {
	paths := [2]string{strings.TrimSpace(bodyPath), strings.TrimSpace(titlePath)}
	for i, p := range paths {
		if p == "" {
			continue
		}
		b, _, err := readFontFile(p)
		if err != nil {
			return &data.Error{Kind: data.ErrInvalid, Field: "font", Err: err,
				Message: fmt.Sprintf("无法读取%s字体文件“%s”：请确认文件存在", faceNames[i], p)}
		}
		r, err := db.renderer()
		if err != nil {
			return err
		}
		if err := r.CheckFont(b); err != nil {
			return &data.Error{Kind: data.ErrInvalid, Field: "font", Err: err,
				Message: fmt.Sprintf("“%s”不能用作%s字体：须为 TrueType 字体文件（.ttf，如 simfang.ttf），不支持 .otf 和 .ttc", p, faceNames[i])}
		}
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActManageOrg); err != nil {
			return err
		}
		if err := tx.SetSetting(keyDocBodyFont, paths[0]); err != nil {
			return err
		}
		return tx.SetSetting(keyDocTitleFont, paths[1])
	})
}
