package generate

import (
	"encoding/json"
	"testing"
)

// The discovery document marks output-only fields two ways, and names a
// field's schema in one of three places.
func TestProperty_outputOnlyAndSchemaRef(t *testing.T) {
	var doc Document
	raw := `{"schemas":{"Message":{"properties":{
	  "name":{"type":"string"},
	  "sender":{"$ref":"User","readOnly":true},
	  "createTime":{"type":"string","description":"Output only. When it was created."},
	  "text":{"type":"string","description":"Plain text. Output only in some answers."},
	  "attachment":{"type":"array","items":{"$ref":"Attachment"}},
	  "labels":{"type":"object","additionalProperties":{"$ref":"Label"}},
	  "tags":{"type":"array","items":{"type":"string"}}}}}}`
	if err := json.Unmarshal([]byte(raw), &doc); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		field      string
		outputOnly bool
		ref        string
		isMap      bool
	}{
		{field: "name"},
		{field: "sender", outputOnly: true, ref: "User"},
		{field: "createTime", outputOnly: true},
		{field: "text"},
		{field: "attachment", ref: "Attachment"},
		{field: "labels", ref: "Label", isMap: true},
		{field: "tags"},
	}
	for _, tc := range cases {
		p := doc.Schemas["Message"].Properties[tc.field]
		if got := p.OutputOnly(); got != tc.outputOnly {
			t.Errorf("%s: OutputOnly() = %v, want %v", tc.field, got, tc.outputOnly)
		}
		if ref, isMap := p.SchemaRef(); ref != tc.ref || isMap != tc.isMap {
			t.Errorf("%s: SchemaRef() = %q, %v, want %q, %v", tc.field, ref, isMap, tc.ref, tc.isMap)
		}
	}
}
