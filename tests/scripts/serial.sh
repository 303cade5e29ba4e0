# Serial backends as the command line reaches them: a backend that cannot be
# opened is armlet's own error (exit 2, one "armlet: " line), for both the
# normal and the sanitizer build. Exchanges over each backend are covered by
# tests/unit/test_chardev.c.
source "$SRCDIR/tests/scripts/lib.sh"

for bin in "$ARMLET" "$ARMLET_SAN"; do
    tag=$([ "$bin" = "$ARMLET" ] && echo plain || echo san)
    [ -x "$bin" ] || { skip "bad_serial_backends_$tag" "$bin not built"; continue; }
    expect_exit "file_in_missing_dir_$tag" 2 timeout 20 "$bin" -M virt -display none \
        -serial "file:$TMP/no/such/dir/out.txt"
    expect_exit "unix_server_in_missing_dir_$tag" 2 timeout 20 "$bin" -M virt -display none \
        -serial "unix:$TMP/no/such/dir/sock,server,wait=off"
    # Port 1 on loopback: nothing listens there, so the connect is refused.
    expect_exit "tcp_client_refused_$tag" 2 timeout 20 "$bin" -M virt -display none \
        -serial tcp:127.0.0.1:1
done
