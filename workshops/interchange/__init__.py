"""The IDM workshop interchange format, version 1 (see docs/interchange-format.md)."""

FORMAT = "idm-workshop/1"
