package data

import "time"

// Office holds the settings of the street office itself.
type Office struct {
	Name       string // 平城区鹿苑街道办事处
	ShortName  string // 鹿苑街道
	Government string // the 人民政府 named in remedy clauses
	Court      string // the 人民法院 named in remedy clauses
	Address    string
	Phone      string
}

// Community is a 社区 or 村 under the office.
type Community struct {
	ID     int64
	Name   string
	Sort   int
	Voided bool
}

// Grid is a 网格 (or 小区) within a community.
type Grid struct {
	ID          int64
	CommunityID int64
	Name        string
	Sort        int
	Voided      bool
}

// CatalogKind names an editable list.
type CatalogKind string

// Catalogs shared across the ledgers.
const (
	CatalogTags CatalogKind = "tag" // resident tags
)

// CatalogEntry is one value of an editable list.
type CatalogEntry struct {
	ID     int64
	Kind   CatalogKind
	Value  string
	Sort   int
	Voided bool
}

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID       int64
	At       time.Time
	UserID   int64
	UserName string
	Action   string // create, update, void, login, restore …
	Table    string
	RecordID int64
	Before   string // JSON, empty on create
	After    string // JSON
	PrevHash string
	Hash     string
}

// Attachment is a photo, scan or PDF stored inside the database.
type Attachment struct {
	ID        int64
	Owner     string // table of the owning record
	OwnerID   int64
	Name      string
	MIME      string
	Size      int64
	SHA256    string
	CreatedAt time.Time
	CreatedBy string
}

// MaxAttachmentSize is the largest file accepted as an attachment.
const MaxAttachmentSize = 20 << 20

// AttachmentTypes are the accepted content types, detected from the bytes, not the name.
var AttachmentTypes = map[string]string{
	"image/jpeg":      "JPEG 图片",
	"image/png":       "PNG 图片",
	"image/gif":       "GIF 图片",
	"image/webp":      "WebP 图片",
	"application/pdf": "PDF 文件",
}
