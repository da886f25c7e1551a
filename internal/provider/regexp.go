package provider

import "regexp"

func regexpMust(pattern string) *regexp.Regexp { return regexp.MustCompile(pattern) }
