from .sub import value
from . import sub
def combined():
    return value + "+" + sub.from_parent()
