int("12abc")
