package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"strings"

	"taizhang/data"
)

// AddAttachment stores a file inside tx for a record (owner table and id). The content type is
// detected from the bytes; only images and PDFs up to data.MaxAttachmentSize are accepted.
func (tx *Tx) AddAttachment(owner string, ownerID int64, name string, content []byte) (data.Attachment, error) {
	a, err := checkAttachment(name, content)
	if err != nil {
		return a, err
	}
	a.Owner, a.OwnerID, a.CreatedAt = owner, ownerID, tx.now
	if tx.user != nil {
		a.CreatedBy = tx.user.Name
	}
	k, err := tx.needKey()
	if err != nil {
		return a, err
	}
	id, sealed, sealedSum, err := tx.sealAttachment(k, content)
	if err != nil {
		return a, err
	}
	if _, err := tx.ExecContext(tx.ctx, attachmentInsert, id, owner, ownerID, a.Name, a.MIME, a.Size, a.SHA256, sealedSum, sealed,
		ts(a.CreatedAt), a.CreatedBy); err != nil {
		return a, busy(err)
	}
	a.ID = id
	return a, tx.Audit("attach", owner, ownerID, nil, attachAudit(a, sealedSum))
}

// attachmentInsert keeps a file (AddAttachment and the bulk imports): its bytes sealed with
// the data key (crypt.go), so the file in the database reveals nothing, with the sum of the
// file and the sum of the bytes kept.
const attachmentInsert = `INSERT INTO attachments (id, owner, owner_id, name, mime, size, sha256, sealed_sha256, content, created_at, created_by)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// sealAttachment gives the id the next attachment takes, the file sealed for that row and
// the sum of the sealed bytes.
func (tx *Tx) sealAttachment(k *dataKey, content []byte) (id int64, sealed []byte, sealedSum string, err error) {
	if id, err = tx.nextID("attachments"); err != nil {
		return 0, nil, "", err
	}
	sealed = k.sealBytes(content, attachmentPlace(id))
	return id, sealed, sha256Hex(sealed), nil
}

// attachAudit is what the audit log keeps of a file attached: check compares the stored
// bytes and their sums with it.
func attachAudit(a data.Attachment, sealedSum string) map[string]any {
	return map[string]any{"attachment": a.ID, "name": a.Name, "size": a.Size, "sha256": a.SHA256, "sealed_sha256": sealedSum}
}

// checkAttachment validates a file before it is stored.
func checkAttachment(name string, content []byte) (data.Attachment, error) {
	name = strings.TrimSpace(filepath.Base(name))
	if name == "" || name == "." {
		name = "附件"
	}
	a := data.Attachment{Name: name, Size: int64(len(content))}
	mime, err := data.CheckAttachment(name, content)
	if err != nil {
		return a, err
	}
	a.MIME = mime
	sum := sha256.Sum256(content)
	a.SHA256 = hex.EncodeToString(sum[:])
	return a, nil
}

// AddAttachment stores a file for a record as its own action (permission: record).
func (db *DB) AddAttachment(ctx context.Context, owner string, ownerID int64, name string, content []byte) (data.Attachment, error) {
	var a data.Attachment
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		var err error
		a, err = tx.AddAttachment(owner, ownerID, name, content)
		return err
	})
	return a, err
}

// Attachments lists the files of a record, without their content.
func (db *DB) Attachments(ctx context.Context, owner string, ownerID int64) ([]data.Attachment, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, owner, owner_id, name, mime, size, sha256, created_at, created_by
		FROM attachments WHERE owner = ? AND owner_id = ? AND voided = 0 ORDER BY id`, owner, ownerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Attachment
	for rows.Next() {
		var a data.Attachment
		var created string
		if err := rows.Scan(&a.ID, &a.Owner, &a.OwnerID, &a.Name, &a.MIME, &a.Size, &a.SHA256, &created, &a.CreatedBy); err != nil {
			return nil, err
		}
		a.CreatedAt = parseTS(created)
		out = append(out, a)
	}
	return out, rows.Err()
}

// AttachmentContent returns a file's bytes, opened with the logged-in account's key.
func (db *DB) AttachmentContent(ctx context.Context, id int64) ([]byte, error) {
	var b []byte
	var name, sum, sealedSum string
	err := db.db.QueryRowContext(ctx, "SELECT content, name, sha256, sealed_sha256 FROM attachments WHERE id = ?", id).Scan(&b, &name, &sum, &sealedSum)
	if isNoRows(err) {
		return nil, data.NotFound("附件不存在")
	}
	if err != nil {
		return nil, err
	}
	b, err = db.openStored(b, attachmentPlace(id), sealedSum, sum)
	if err != nil && !errors.Is(err, errNotSame) {
		return nil, err
	}
	if err != nil {
		return nil, data.Invalid("attachment", "附件“%s”的内容与保存时的校验值不一致（文件已被改动），不能打开。请从备份恢复或联系管理员", name)
	}
	return b, nil
}

// errNotSame is a kept file that is not what was kept: its bytes, or what they open to, do
// not match the sums stored beside them.
var errNotSame = errors.New("stored bytes changed")

// openStored gives the file kept as b at place: a sealed one is checked against the sum of
// the bytes stored (sealedSum), opened with the held key (GCM verifies it) and checked
// against the sum of the file (sum); one kept before encryption is checked against sum.
// Without the key a sealed file is refused with the way to log in.
func (db *DB) openStored(b []byte, place, sealedSum, sum string) ([]byte, error) {
	if sealedSum == "" && !isSealedBytes(b) {
		if sha256Hex(b) != sum {
			return nil, errNotSame
		}
		return b, nil
	}
	if sha256Hex(b) != sealedSum {
		return nil, errNotSame
	}
	k, err := db.needKey()
	if err != nil {
		return nil, err
	}
	p, err := k.openBytes(b, place)
	if err != nil || sha256Hex(p) != sum {
		return nil, errNotSame
	}
	return p, nil
}

// VoidAttachment hides a file with a reason; its bytes stay in the database.
func (db *DB) VoidAttachment(ctx context.Context, id int64, reason string) error {
	if _, err := data.CheckVoidReason(reason); err != nil {
		return err
	}
	return db.write(ctx, func(tx *Tx) error {
		if err := tx.require(data.ActRecord); err != nil {
			return err
		}
		var owner string
		var ownerID int64
		if err := tx.QueryRowContext(tx.ctx, "SELECT owner, owner_id FROM attachments WHERE id = ? AND voided = 0", id).Scan(&owner, &ownerID); err != nil {
			if isNoRows(err) {
				return data.NotFound("附件不存在或已作废")
			}
			return err
		}
		if _, err := tx.ExecContext(tx.ctx, "UPDATE attachments SET voided = 1, void_reason = ? WHERE id = ?", reason, id); err != nil {
			return err
		}
		return tx.Audit("void_attachment", owner, ownerID, nil, map[string]any{"attachment": id, "reason": reason})
	})
}
