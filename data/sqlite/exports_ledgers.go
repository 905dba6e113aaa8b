package sqlite

import (
	"context"

	"taizhang/data"
)

// ExportServices calls each with every live service matching f, oldest first, a page at a
// time. The first resident's ID number is masked unless full, which needs data.ActUnmask.
func (db *DB) ExportServices(ctx context.Context, f data.ServiceFilter, full bool, each func(data.ServiceExportRow) error) (int, error) {
	if full {
		if err := requireUser(data.UserFromContext(ctx), data.ActUnmask); err != nil {
			return 0, err
		}
	}
	f.Sort, f.Desc, f.Limit, f.Voided = "date", false, ledgerExportPage, false
	return eachPage(ctx, func(offset int) ([]data.ServiceExportRow, error) {
		f.Offset = offset
		page, _, err := db.ListServices(ctx, f)
		if err != nil {
			return nil, err
		}
		rows := make([]data.ServiceExportRow, len(page))
		for i, r := range page {
			rows[i] = data.ServiceExportRow{Service: r.Service, CommunityName: r.CommunityName, ResidentNames: r.ResidentNames,
				IDNumber: r.FirstIDNumber, StaffNames: r.StaffNames}
			if !full {
				rows[i].IDNumber = data.MaskIDNumber(rows[i].IDNumber)
			}
		}
		return rows, nil
	}, each)
}

// CountServices returns how many services ExportServices would pass for f.
func (db *DB) CountServices(ctx context.Context, f data.ServiceFilter) (int, error) {
	f.Voided = false
	return db.countServices(ctx, f)
}

func (db *DB) certExportItems(ctx context.Context, f data.CertExportFilter) ([]string, error) {
	if len(f.Items) > 0 {
		for _, it := range f.Items {
			if _, err := db.CertRule(ctx, it); err != nil {
				return nil, err
			}
		}
		return f.Items, nil
	}
	rules, err := db.CertRules(ctx)
	if err != nil {
		return nil, err
	}
	var items []string
	for _, r := range rules {
		items = append(items, r.Item)
	}
	return items, nil
}

// ExportCertifications calls each with every resident of the items' cycles in f's state,
// item by item, oldest first. ID and phone numbers are masked unless full (data.ActUnmask).
func (db *DB) ExportCertifications(ctx context.Context, f data.CertExportFilter, full bool, each func(data.CertExportRow) error) (int, error) {
	if full {
		if err := requireUser(data.UserFromContext(ctx), data.ActUnmask); err != nil {
			return 0, err
		}
	}
	items, err := db.certExportItems(ctx, f)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, item := range items {
		cf := data.CertFilter{Item: item, CommunityID: f.CommunityID, State: f.State, AsOf: f.AsOf, Limit: ledgerExportPage}
		m, err := eachPage(ctx, func(offset int) ([]data.CertExportRow, error) {
			cf.Offset = offset
			list, err := db.Certifications(ctx, cf)
			if err != nil {
				return nil, err
			}
			rows := make([]data.CertExportRow, len(list.Rows))
			for i, r := range list.Rows {
				rows[i] = data.CertExportRow{Item: item, Period: list.Window.Label, Name: r.Name, IDNumber: r.IDNumber, Age: r.Age,
					CommunityName: r.CommunityName, Address: r.Address, Phone: r.Phone, Last: r.Last, State: r.State}
				if !full {
					rows[i].IDNumber, rows[i].Phone = data.MaskIDNumber(rows[i].IDNumber), data.MaskPhone(rows[i].Phone)
				}
			}
			return rows, nil
		}, each)
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// CountCertifications returns how many rows ExportCertifications would pass for f.
func (db *DB) CountCertifications(ctx context.Context, f data.CertExportFilter) (int, error) {
	items, err := db.certExportItems(ctx, f)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, item := range items {
		counts, _, err := db.CertCounts(ctx, item, f.CommunityID, f.AsOf)
		if err != nil {
			return 0, err
		}
		switch f.State {
		case data.CertNotInCycle:
			total += counts[data.CertCertified] + counts[data.CertDue] + counts[data.CertOverdue]
		case data.CertPending:
			total += counts[data.CertDue] + counts[data.CertOverdue]
		default:
			total += counts[f.State]
		}
	}
	return total, nil
}
