package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"taizhang/data"
)

// ---- 社区与网格 ----

func (st *settingsScreen) orgTab() fyne.CanvasObject {
	st.communityRows = container.NewVBox()
	st.gridRows = container.NewVBox()
	st.gridTitle = widget.NewLabel("网格")
	st.gridTitle.TextStyle = fyne.TextStyle{Bold: true}
	st.newCommunity = newEntry("新社区名称")
	st.addCommunity = newButtonWithIcon("添加社区", theme.ContentAddIcon(), st.onAddCommunity)
	st.newCommunity.OnSubmitted = func(string) { st.onAddCommunity() }
	st.newGrid = newEntry("新网格名称")
	st.addGrid = newButtonWithIcon("添加网格", theme.ContentAddIcon(), st.onAddGrid)
	st.newGrid.OnSubmitted = func(string) { st.onAddGrid() }
	st.orgMsg = newErrorLabel()
	if !st.admin() {
		st.newCommunity.Disable()
		st.addCommunity.Disable()
		st.newGrid.Disable()
		st.addGrid.Disable()
	}
	left := card("社区", container.NewBorder(container.NewBorder(nil, nil, nil, st.addCommunity, st.newCommunity), nil, nil, nil,
		container.NewVScroll(st.communityRows)))
	right := card("", container.NewBorder(container.NewVBox(st.gridTitle, container.NewBorder(nil, nil, nil, st.addGrid, st.newGrid)), nil, nil, nil,
		container.NewVScroll(st.gridRows)))
	return container.NewBorder(container.NewVBox(st.adminNote("调整社区和网格"), st.orgMsg), nil, nil, nil,
		container.NewGridWithColumns(2, left, right))
}

func (st *settingsScreen) loadOrg() {
	var cs []data.Community
	var gs []data.Grid
	st.sess.Go(func() (err error) {
		ctx := st.sess.Ctx()
		if cs, err = st.sess.DB.Communities(ctx, true); err != nil {
			return err
		}
		gs, err = st.sess.DB.Grids(ctx, 0)
		return err
	}, func(err error) {
		if err != nil {
			st.sess.ShowError(err)
			return
		}
		st.communities, st.grids = cs, gs
		if st.selected == 0 && len(cs) > 0 {
			st.selected = cs[0].ID
		}
		st.renderOrg()
	})
}

func (st *settingsScreen) renderOrg() {
	st.communityRows.Objects = nil
	for _, c := range st.communities {
		c := c
		name := newButton(c.Name, func() { st.selected = c.ID; st.renderOrg() })
		name.Alignment = widget.ButtonAlignLeading
		name.Importance = widget.LowImportance
		if c.ID == st.selected {
			name.Importance = widget.HighImportance
		}
		n := 0
		for _, g := range st.grids {
			if g.CommunityID == c.ID {
				n++
			}
		}
		row := container.NewBorder(nil, nil, nil, nil, name)
		if c.Voided {
			name.SetText(c.Name + "（已作废）")
			name.Disable()
		} else {
			void := newButton("作废", func() { st.onVoidCommunity(c) })
			void.Importance = widget.LowImportance
			if !st.admin() {
				void.Disable()
			}
			row = container.NewBorder(nil, nil, nil, container.NewHBox(hint(fmt.Sprintf("%d 个网格", n)), void), name)
		}
		st.communityRows.Add(row)
	}
	if len(st.communities) == 0 {
		st.communityRows.Add(mutedLabel("还没有社区，请在上方添加。"))
	}
	st.communityRows.Refresh()

	st.gridRows.Objects = nil
	cname := ""
	for _, c := range st.communities {
		if c.ID == st.selected {
			cname = c.Name
		}
	}
	st.gridTitle.SetText(cname + " 的网格")
	for _, g := range st.grids {
		if g.CommunityID == st.selected {
			st.gridRows.Add(widget.NewLabel(g.Name))
		}
	}
	if len(st.gridRows.Objects) == 0 {
		st.gridRows.Add(mutedLabel("该社区还没有网格。网格可不设。"))
	}
	st.gridRows.Refresh()
}

func (st *settingsScreen) onAddCommunity() {
	name := st.newCommunity.Text
	s := st.sess
	var c data.Community
	s.Go(func() (err error) {
		c, err = s.DB.AddCommunity(s.Ctx(), name)
		return err
	}, func(err error) {
		if err != nil {
			setMessage(st.orgMsg, data.Message(err))
			return
		}
		setMessage(st.orgMsg, "")
		st.newCommunity.SetText("")
		st.selected = c.ID
		s.Notify("已添加社区 " + c.Name)
		st.loadOrg()
	})
}

func (st *settingsScreen) onAddGrid() {
	name, cid := st.newGrid.Text, st.selected
	if cid == 0 {
		setMessage(st.orgMsg, "请先在左侧选择一个社区")
		return
	}
	s := st.sess
	s.Go(func() error { _, err := s.DB.AddGrid(s.Ctx(), cid, name); return err }, func(err error) {
		if err != nil {
			setMessage(st.orgMsg, data.Message(err))
			return
		}
		setMessage(st.orgMsg, "")
		st.newGrid.SetText("")
		s.Notify("已添加网格 " + strings.TrimSpace(name))
		st.loadOrg()
	})
}

func (st *settingsScreen) onVoidCommunity(c data.Community) {
	s := st.sess
	st.voidReason = newEntry("作废原因（必填），如：社区合并")
	msg := newErrorLabel()
	var dlg *dialog.CustomDialog
	st.voidConfirm = newButton("确认作废", func() {
		reason := st.voidReason.Text
		s.Go(func() error { return s.DB.VoidCommunity(s.Ctx(), c.ID, reason) }, func(err error) {
			if err != nil {
				setMessage(msg, data.Message(err))
				return
			}
			dlg.Hide()
			s.Notify("已作废社区 " + c.Name)
			st.loadOrg()
		})
	})
	st.voidConfirm.Importance = widget.DangerImportance
	st.voidConfirm.Disable()
	st.voidReason.OnChanged = func(t string) { enable(st.voidConfirm, strings.TrimSpace(t) != "") }
	cancel := newButton("取消", func() { dlg.Hide() })
	body := container.NewVBox(widget.NewLabel(fmt.Sprintf("作废社区“%s”？还有居民的社区不能作废。", c.Name)),
		st.voidReason, msg, container.NewHBox(layout.NewSpacer(), cancel, st.voidConfirm))
	dlg = dialog.NewCustomWithoutButtons("作废社区", body, s.Window)
	dlg.Resize(fyne.NewSize(480, 240))
	s.ShowDialog(dlg)
}

// ---- 居民标签 ----

func (st *settingsScreen) tagsTab() fyne.CanvasObject {
	st.tagRows = container.NewVBox()
	st.newTag = newEntry("新标签，如：重点关注")
	st.addTag = newButtonWithIcon("添加标签", theme.ContentAddIcon(), st.onAddTag)
	st.newTag.OnSubmitted = func(string) { st.onAddTag() }
	st.tagMsg = newErrorLabel()
	if !st.admin() {
		st.newTag.Disable()
		st.addTag.Disable()
	}
	top := container.NewVBox(st.adminNote("调整居民标签"),
		mutedLabel("居民档案中可勾选的标签。移除后，已有档案上的标签仍保留。"),
		container.NewBorder(nil, nil, nil, st.addTag, st.newTag), st.tagMsg)
	return narrow(560, card("居民标签", container.NewBorder(top, nil, nil, nil, container.NewVScroll(st.tagRows))))
}

func (st *settingsScreen) loadTags() {
	var tags []string
	st.sess.Go(func() (err error) {
		tags, err = st.sess.DB.CatalogValues(st.sess.Ctx(), data.CatalogTags)
		return err
	}, func(err error) {
		if err != nil {
			st.sess.ShowError(err)
			return
		}
		st.tagRows.Objects = nil
		for _, t := range tags {
			t := t
			rm := newButton("移除", func() { st.onVoidTag(t) })
			rm.Importance = widget.LowImportance
			if !st.admin() {
				rm.Disable()
			}
			st.tagRows.Add(container.NewBorder(nil, nil, nil, rm, widget.NewLabel(t)))
		}
		st.tagRows.Refresh()
	})
}

func (st *settingsScreen) onAddTag() {
	v := st.newTag.Text
	s := st.sess
	s.Go(func() error { return s.DB.AddCatalog(s.Ctx(), data.CatalogTags, v) }, func(err error) {
		if err != nil {
			setMessage(st.tagMsg, data.Message(err))
			return
		}
		setMessage(st.tagMsg, "")
		st.newTag.SetText("")
		s.Notify("已添加标签 " + strings.TrimSpace(v))
		st.loadTags()
	})
}

func (st *settingsScreen) onVoidTag(v string) {
	s := st.sess
	s.Confirm("移除标签", fmt.Sprintf("从标签列表中移除“%s”？已有档案上的这个标签仍保留。", v), "移除", "取消", func() {
		s.Go(func() error { return s.DB.VoidCatalog(s.Ctx(), data.CatalogTags, v) }, func(err error) {
			if err != nil {
				s.ShowError(err)
				return
			}
			s.Notify("已移除标签 " + v)
			st.loadTags()
		})
	})
}
