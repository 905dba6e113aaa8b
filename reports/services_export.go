package reports

import (
	"context"
	"io"
	"strconv"

	"taizhang/data"
)

// ServiceColumns are the columns of the services ledger (上门服务台账), after 序号.
var ServiceColumns = []Column{
	{"编号", 14, AlignCenter, CellText}, {"服务日期", 12, AlignCenter, CellDate}, {"服务类型", 9, AlignCenter, CellText},
	{"服务事项", 14, AlignLeft, CellText}, {"服务对象", 12, AlignLeft, CellText}, {"身份证号", 21, AlignCenter, CellText},
	{"所属社区", 11, AlignLeft, CellText}, {"服务人员", 11, AlignLeft, CellText}, {"服务内容", 30, AlignLeft, CellText},
	{"办理结果", 8, AlignCenter, CellText}, {"当场办结", 6, AlignCenter, CellText}, {"回访日期", 12, AlignCenter, CellDate},
}

// ServiceLedger is the sheet of the services ledger for o.
func ServiceLedger(o LedgerOptions) LedgerSheet {
	return o.sheet("上门服务台账", "上门服务台账", ServiceColumns)
}

// ServiceCells are the cells of one service in ServiceColumns' order. Unless full, numbers
// typed into the content are masked (the ID number column comes masked from the store).
func ServiceCells(r data.ServiceExportRow, full bool) []string {
	content := r.Content
	if !full {
		content = MaskNumbers(content)
	}
	spot := ""
	if r.Result == data.ServiceDone {
		spot = "否"
		if r.OnTheSpot {
			spot = "是"
		}
	}
	return []string{r.Number, dateCell(r.Date), r.Type.String(), r.Item, r.ResidentNames, r.IDNumber, r.CommunityName,
		r.StaffNames, content, r.Result.String(), spot, dateCell(r.FollowUpOn)}
}

// ExportServiceLedger writes the services rows yields (total of them, for progress) as the
// services ledger in format to w and returns the number of rows. rows may be called twice.
func ExportServiceLedger(ctx context.Context, w io.Writer, format Format, total int, rows func(each func(data.ServiceExportRow) error) error,
	o LedgerOptions, progress ExportProgress) (int, error) {
	if o.Full {
		if err := data.Require(data.UserFromContext(ctx), data.ActUnmask); err != nil {
			return 0, err
		}
	}
	src := func(each func([]string) error) error {
		return rows(func(r data.ServiceExportRow) error { return each(ServiceCells(r, o.Full)) })
	}
	return WriteLedger(w, format, ServiceLedger(o), counted(src, format, total, progress), Options{})
}

// CertColumns are the columns of the certification ledger (定期认证台账), after 序号.
var CertColumns = []Column{
	{"认证事项", 14, AlignLeft, CellText}, {"认证周期", 14, AlignCenter, CellText}, {"姓名", 9, AlignCenter, CellText},
	{"身份证号", 21, AlignCenter, CellText}, {"年龄", 5, AlignCenter, CellNumber}, {"所属社区", 11, AlignLeft, CellText},
	{"住址", 26, AlignLeft, CellText}, {"联系电话", 14, AlignCenter, CellText}, {"最近认证日期", 12, AlignCenter, CellDate},
	{"认证状态", 10, AlignCenter, CellText},
}

// CertLedger is the sheet of the certification ledger for o; item names the one item
// exported, "" for every item (定期认证台账).
func CertLedger(o LedgerOptions, item string) LedgerSheet {
	return o.sheet("定期认证台账", item+"定期认证台账", CertColumns)
}

// CertCells are the cells of one resident of a cycle in CertColumns' order.
func CertCells(r data.CertExportRow) []string {
	age := ""
	if r.Age > 0 {
		age = strconv.Itoa(r.Age)
	}
	return []string{r.Item, r.Period, r.Name, r.IDNumber, age, r.CommunityName, r.Address, r.Phone, dateCell(r.Last), r.State.String()}
}

// ExportCertLedger writes the residents rows yields as the certification ledger.
func ExportCertLedger(ctx context.Context, w io.Writer, format Format, total int, rows func(each func(data.CertExportRow) error) error,
	o LedgerOptions, item string, progress ExportProgress) (int, error) {
	if o.Full {
		if err := data.Require(data.UserFromContext(ctx), data.ActUnmask); err != nil {
			return 0, err
		}
	}
	src := func(each func([]string) error) error {
		return rows(func(r data.CertExportRow) error { return each(CertCells(r)) })
	}
	return WriteLedger(w, format, CertLedger(o, item), counted(src, format, total, progress), Options{})
}
