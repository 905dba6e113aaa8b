package uilocale

import "testing"

func TestApply(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want map[string]string
	}{
		{map[string]string{"LANG": "C.UTF-8"}, map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "zh_CN"}},
		{map[string]string{"LANG": "C"}, map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "zh_CN"}},
		{map[string]string{"LC_ALL": "POSIX", "LANG": "zh_CN.UTF-8"}, map[string]string{"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}},
		{map[string]string{}, map[string]string{"LANGUAGE": "zh_CN"}},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, map[string]string{"LANG": "zh_CN.UTF-8"}},
		{map[string]string{"LANG": "en_US.UTF-8"}, map[string]string{"LANG": "en_US.UTF-8"}},
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "en"}, map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "en"}},
		{map[string]string{"LANG": "Cy_GB.UTF-8"}, map[string]string{"LANG": "Cy_GB.UTF-8"}},
	} {
		env := map[string]string{}
		for k, v := range c.env {
			env[k] = v
		}
		Apply(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
		if len(env) != len(c.want) {
			t.Errorf("%v became %v, want %v", c.env, env, c.want)
			continue
		}
		for k, v := range c.want {
			if env[k] != v {
				t.Errorf("%v became %v, want %v", c.env, env, c.want)
				break
			}
		}
	}
}
