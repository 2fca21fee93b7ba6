"""Linear decision boundaries and their movement over training epochs."""

__all__: list[str] = []
