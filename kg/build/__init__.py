"""The build's parts: one article's stages, isolating a failure, quads, the output set on disk."""
