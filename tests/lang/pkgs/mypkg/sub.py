from . import PKG_NAME
value = "sub-value"
def from_parent():
    return "parent is " + PKG_NAME
