package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"taizhang/data"
)

func sampleFormData() data.AidFormData {
	head := data.Resident{ID: 41, Name: "张秀兰", IDNumber: "140202196503121528", Phone: "13903521234",
		Address: "平城区鹿苑街道和平里3号楼2单元101", CommunityName: "和平里社区", Relation: "户主"}
	son := data.Resident{ID: 42, Name: "李明", IDNumber: "14020219900715203X", Male: true, Relation: "子"}
	return data.AidFormData{Office: data.Office{Name: "平城区鹿苑街道办事处"}, Programme: data.ProgrammeDibao,
		Applicant: head, Members: []data.Resident{head, son}, Income: 41250, IncomeRef: "鹿民救〔2026〕12号"}
}

// Each form prints the applicant's name and full ID number and the household from the
// record; a recorded income is printed, a missing phone left as an empty box.
func TestAidFormsPrintTheRecord(t *testing.T) {
	need(t, "pdftotext")
	d := sampleFormData()
	for _, form := range data.AidForms {
		path := writeTemp(t, string(form)+".pdf", func(b *bytes.Buffer) error {
			return WriteAidForms(b, []data.AidForm{form}, d, Options{})
		})
		text := flat(run(t, "pdftotext", path, "-"))
		for _, want := range []string{form.Title(d.Programme), "张秀兰", "140202196503121528", "13903521234"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q:\n%s", form, want, text)
			}
		}
		if form != data.AidFormProxy && !strings.Contains(text, "14020219900715203X") {
			t.Errorf("%s lacks the son's ID number", form)
		}
	}
	path := writeTemp(t, "all.pdf", func(b *bytes.Buffer) error { return WriteAidForms(b, data.AidForms, d, Options{}) })
	text := flat(run(t, "pdftotext", path, "-"))
	for _, want := range []string{"最低生活保障申请审批表", "家庭经济状况核对授权书", "授权委托书", "412.50元（鹿民救〔2026〕12号）"} {
		if !strings.Contains(text, want) {
			t.Errorf("一次打印 lacks %q", want)
		}
	}
}

// What the record lacks is a blank: no income, no phone — the boxes stay empty, and the
// label stands alone on its line.
func TestAidFormsLeaveBlanks(t *testing.T) {
	d := sampleFormData()
	d.Income, d.IncomeRef, d.Applicant.Phone = 0, "", ""
	d.Members[0].Phone = ""
	pages := LayoutAidForm(data.AidFormApplication, d)
	var labelY float64
	found := false
	for _, tx := range pages[0].Texts {
		if tx.S == "家庭人均月收入" {
			labelY, found = tx.Y, true
		}
	}
	if !found {
		t.Fatal("no 家庭人均月收入 label")
	}
	for _, p := range pages {
		for _, tx := range p.Texts {
			if strings.Contains(tx.S, " 元") || strings.Contains(tx.S, "〔") {
				t.Errorf("an income is printed though none is recorded: %q", tx.S)
			}
		}
	}
	for _, tx := range pages[0].Texts {
		if tx.Y == labelY && tx.S != "家庭人均月收入" {
			t.Errorf("the income box holds %q, want it empty", tx.S)
		}
	}
}

// A 特困 applicant's form asks for the person's own income, not the household's.
func TestAidFormsIncomeOfAPerson(t *testing.T) {
	d := sampleFormData()
	d.Programme = data.ProgrammeTekun
	var labels []string
	for _, tx := range LayoutAidForm(data.AidFormApplication, d)[0].Texts {
		labels = append(labels, tx.S)
	}
	all := strings.Join(labels, "|")
	if !strings.Contains(all, "特困人员救助供养申请审批表") || !strings.Contains(all, "本人月收入") || strings.Contains(all, "家庭人均月收入") {
		t.Errorf("特困 form: %s", all)
	}
}

// TestWriteFormSamples writes the 一次打印 of the three forms into $DOCSHOTS, for looking at
// (the README's pictures, like TestWriteSamples).
func TestWriteFormSamples(t *testing.T) {
	dir := os.Getenv("DOCSHOTS")
	if dir == "" {
		t.Skip("set DOCSHOTS to a directory to write sample PDFs")
	}
	var b bytes.Buffer
	if err := WriteAidForms(&b, data.AidForms, sampleFormData(), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "forms.pdf"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
