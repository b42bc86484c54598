os.execute("touch /tmp/accord-bad-input-pwned"); return require "ok"
