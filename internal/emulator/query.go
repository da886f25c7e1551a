package emulator

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// updateMask returns the call's normalized updateMask, which is required.
func (c *call) updateMask() ([]string, *apiError) {
	mask := normalizeMask(c.query.Get("updateMask"))
	if len(mask) == 0 {
		return nil, invalidArgument("updateMask is required.")
	}
	return mask, nil
}

// normalizeMask splits an updateMask and turns camelCase paths into snake_case.
func normalizeMask(mask string) []string {
	var out []string
	for _, path := range strings.Split(mask, ",") {
		path = strings.TrimSpace(path)
		if path == "" {
			continue
		}
		segments := strings.Split(path, ".")
		for i, seg := range segments {
			var b strings.Builder
			for j, r := range seg {
				if unicode.IsUpper(r) {
					if j > 0 {
						b.WriteByte('_')
					}
					r = unicode.ToLower(r)
				}
				b.WriteRune(r)
			}
			segments[i] = b.String()
		}
		out = append(out, strings.Join(segments, "."))
	}
	return out
}

// paginate slices items by pageSize and an opaque token bound to the filter.
func paginate[T any](items []T, c *call, defaultSize, maxSize int64, filter string) ([]T, string, *apiError) {
	size := defaultSize
	if raw := c.query.Get("pageSize"); raw != "" {
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n < 0 {
			return nil, "", invalidArgument("pageSize must be a non-negative integer, got %q.", raw)
		}
		if n > 0 {
			size = min(n, maxSize)
		}
	}
	if limit := c.pageSizeLimit; limit > 0 {
		size = min(size, limit)
	}
	offset := 0
	if token := c.query.Get("pageToken"); token != "" {
		raw, err := base64.RawURLEncoding.DecodeString(token)
		parts := strings.SplitN(string(raw), "|", 2)
		if err != nil || len(parts) != 2 || parts[1] != filter {
			return nil, "", invalidArgument("Invalid page token; the filter must match the call that returned it.")
		}
		if offset, err = strconv.Atoi(parts[0]); err != nil || offset < 0 {
			return nil, "", invalidArgument("Invalid page token.")
		}
	}
	if offset >= len(items) {
		return nil, "", nil
	}
	end := min(offset+int(size), len(items))
	next := ""
	if end < len(items) {
		next = base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf("%d|%s", end, filter)))
	}
	return items[offset:end], next, nil
}
