"""The one place that turns findings into text or JSON."""
