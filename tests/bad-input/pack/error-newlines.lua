error("line one\nline two\nline three")
