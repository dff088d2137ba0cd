"""Widgets shared by the tabs: image view, plot canvas, drawing pad."""
