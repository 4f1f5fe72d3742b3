"""Renderers: each turns a result into output (plain text, Rich renderables, JSON, SVG)."""
