PKG_NAME = "mypkg"
