package data

import (
	"reflect"
	"testing"
)

func TestApplyIssueEvent(t *testing.T) {
	d := func(day int) Date { return MustDate(2026, 5, day) }
	open := IssueState{Status: IssueOpen, Deadline: d(20), DeadlineWorkdays: 10}
	pending := IssueState{Status: IssueInProgress, Deadline: d(20), DeadlineWorkdays: 10, PendingDeadline: d(30)}
	review := IssueState{Status: IssuePendingReview, Deadline: d(20), Result: "已清理", LastingMeasure: "每周巡查", FollowedUp: true}
	closed := IssueState{Status: IssueClosed, Deadline: d(20), Result: "已清理", ClosedOn: d(12)}
	cases := []struct {
		name string
		in   IssueState
		step IssueStep
		want IssueState
	}{
		{"record", IssueState{Status: IssueNew, Deadline: d(20)}, IssueStep{Action: IssueRecord, Date: d(1)},
			IssueState{Status: IssueOpen, Deadline: d(20)}},
		{"close on spot", IssueState{Status: IssueNew, Deadline: d(1)},
			IssueStep{Action: IssueCloseOnSpot, Date: d(1), Note: "当场清理", LastingMeasure: "设提示牌"},
			IssueState{Status: IssueClosed, Deadline: d(1), ClosedOn: d(1), Result: "当场清理", LastingMeasure: "设提示牌"}},
		{"edit changes nothing here", open, IssueStep{Action: IssueEdit, Date: d(3)}, open},
		{"start", open, IssueStep{Action: IssueStart, Date: d(3)},
			IssueState{Status: IssueInProgress, Deadline: d(20), DeadlineWorkdays: 10}},
		{"report progress", pending, IssueStep{Action: IssueReportProgress, Date: d(4), Note: "已联系物业"}, pending},
		{"request close-out", IssueState{Status: IssueInProgress, Deadline: d(20)},
			IssueStep{Action: IssueRequestCloseOut, Date: d(10), Note: "已清理", LastingMeasure: "每周巡查"},
			IssueState{Status: IssuePendingReview, Deadline: d(20), Result: "已清理", LastingMeasure: "每周巡查"}},
		{"approve close-out keeps the proposed measure", review, IssueStep{Action: IssueApproveCloseOut, Date: d(12)},
			IssueState{Status: IssueClosed, Deadline: d(20), Result: "已清理", LastingMeasure: "每周巡查", ClosedOn: d(12)}},
		{"approve close-out with the reviewer's measure", review, IssueStep{Action: IssueApproveCloseOut, Date: d(12), Note: "纳入网格巡查"},
			IssueState{Status: IssueClosed, Deadline: d(20), Result: "已清理", LastingMeasure: "纳入网格巡查", ClosedOn: d(12)}},
		{"reject close-out", review, IssueStep{Action: IssueRejectCloseOut, Date: d(12), Note: "照片不清"},
			IssueState{Status: IssueInProgress, Deadline: d(20), Result: "已清理", LastingMeasure: "每周巡查", FollowedUp: true}},
		{"follow-up", closed, IssueStep{Action: IssueRecordFollowUp, Date: d(15), Satisfaction: Satisfied},
			IssueState{Status: IssueClosed, Deadline: d(20), Result: "已清理", ClosedOn: d(12), FollowUpOn: d(15), Satisfaction: Satisfied, FollowedUp: true}},
		{"unsatisfied visit reopens", closed, IssueStep{Action: IssueReopen, Date: d(15), Note: "又有垃圾", Satisfaction: Unsatisfied},
			IssueState{Status: IssueInProgress, Deadline: d(20), Result: "已清理", FollowUpOn: d(15), Satisfaction: Unsatisfied, FollowedUp: true}},
		{"request extension", open, IssueStep{Action: IssueRequestExtension, Date: d(5), Note: "需采购", NewDeadline: d(30)},
			IssueState{Status: IssueOpen, Deadline: d(20), DeadlineWorkdays: 10, PendingDeadline: d(30)}},
		{"approve extension", pending, IssueStep{Action: IssueApproveExtension, Date: d(6)},
			IssueState{Status: IssueInProgress, Deadline: d(30)}},
		{"reject extension", pending, IssueStep{Action: IssueRejectExtension, Date: d(6), Note: "工作量不大"},
			IssueState{Status: IssueInProgress, Deadline: d(20), DeadlineWorkdays: 10}},
		{"void", pending, IssueStep{Action: IssueVoid, Date: d(6), Note: "重复登记"},
			IssueState{Status: IssueVoided, Deadline: d(20), DeadlineWorkdays: 10, VoidReason: "重复登记"}},
	}
	covered := map[IssueAction]bool{}
	for _, c := range cases {
		covered[c.step.Action] = true
		if got := ApplyIssueEvent(c.in, c.step); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
	for _, a := range IssueActions {
		if !covered[a] {
			t.Errorf("no case for %s", a)
		}
	}
}
