__all__ = ["public_a"]
public_a = "A"
public_b = "B"
_private = 1
