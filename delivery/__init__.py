"""The last stage: rendered files. Numbers flow mathcore → scenes → delivery."""
