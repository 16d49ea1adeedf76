"""The pieces every app of the site uses; see docs/architecture.md."""
