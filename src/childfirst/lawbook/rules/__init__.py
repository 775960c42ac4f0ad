"""Rule functions, one module per RULES.md module. Import them from `childfirst.lawbook`."""
