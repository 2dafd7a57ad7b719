"""Manim scenes of the series. Each scene file reads its numbers from
mathcore through ``scenes.toolkit`` and decides only how to show them."""
