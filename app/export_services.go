package app

import (
	"context"
	"io"

	"taizhang/data"
	"taizhang/reports"
)

// serviceExport is the export of the services ledger (上门服务台账) for f; community names
// f's community in the title ("" for the whole office).
func serviceExport(s *Session, f data.ServiceFilter, community string) ledgerExport {
	f.Sort, f.Desc, f.Offset, f.Limit, f.Voided = "", false, 0, 0, false
	o := s.ledgerOptions(community, f.From, f.To)
	return ledgerExport{Title: "导出上门服务台账", Name: reports.ServiceLedger(o).Title, Masked: true,
		Formats: []reports.Format{reports.FormatXLSX, reports.FormatPDF},
		Count:   func(ctx context.Context) (int, error) { return s.DB.CountServices(ctx, f) },
		Write: func(ctx context.Context, w io.Writer, format reports.Format, full bool, p reports.ExportProgress) (int, error) {
			o.Full = full
			total, err := s.DB.CountServices(ctx, f)
			if err != nil {
				return 0, err
			}
			return reports.ExportServiceLedger(ctx, w, format, total, func(each func(data.ServiceExportRow) error) error {
				_, err := s.DB.ExportServices(ctx, f, full, each)
				return err
			}, o, p)
		}}
}

// certExport is the export of the certification ledger (定期认证台账) of one item's cycle
// today, in f's state and community.
func certExport(s *Session, f data.CertExportFilter, item, community string) ledgerExport {
	o := s.ledgerOptions(community, data.Date{}, data.Today(s.Today()))
	return ledgerExport{Title: "导出定期认证台账", Name: reports.CertLedger(o, item).Title, Masked: true,
		Formats: []reports.Format{reports.FormatXLSX, reports.FormatPDF},
		Count:   func(ctx context.Context) (int, error) { return s.DB.CountCertifications(ctx, f) },
		Write: func(ctx context.Context, w io.Writer, format reports.Format, full bool, p reports.ExportProgress) (int, error) {
			o.Full = full
			total, err := s.DB.CountCertifications(ctx, f)
			if err != nil {
				return 0, err
			}
			return reports.ExportCertLedger(ctx, w, format, total, func(each func(data.CertExportRow) error) error {
				_, err := s.DB.ExportCertifications(ctx, f, full, each)
				return err
			}, o, item, p)
		}}
}

// onExport exports the services the filter bar selects (导出 on the services ledger), oldest
// first, as XLSX or PDF.
func (sc *servicesScreen) onExport() {
	f, ok := sc.filterFromBar()
	if !ok {
		return
	}
	community := ""
	if f.CommunityID != 0 {
		community = sc.community.Selected
	}
	sc.sess.showExport(serviceExport(sc.sess, f, community))
}

// onExport exports the residents the certification tab lists: its item, community and state.
func (v *certView) onExport() {
	if v.item.Selected == "" {
		return
	}
	f := data.CertExportFilter{Items: []string{v.item.Selected}, CommunityID: v.sc.choices.communityID(v.community.Selected),
		State: v.state}
	community := ""
	if f.CommunityID != 0 {
		community = v.community.Selected
	}
	v.sc.sess.showExport(certExport(v.sc.sess, f, v.item.Selected, community))
}
