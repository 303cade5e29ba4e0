# A private arm64 apt for fetching Debian packages without touching the host's
# apt state. Sourced by scripts/fetch-debian-kernel and
# scripts/prepare-linux-guest; set $cache (the download cache) first.
#
# apt runs with its own package lists (arm64 only) inside $cache/apt, an empty
# dpkg status (so it never thinks anything is installed), no locks on the
# host's apt directories, and the host's sources (Debian's archive) as the only
# sources. So no `dpkg --add-architecture` is needed: the foreign architecture
# exists for these downloads only. Packages are unpacked with `dpkg-deb -x`.

aptdir=$cache/apt
apt_opts=(
    -q
    -o APT::Architecture=arm64
    -o APT::Architectures=arm64
    -o "Dir::State::Lists=$aptdir/lists"
    -o "Dir::Cache=$aptdir/cache"
    -o Dir::State::status=/dev/null
    -o Debug::NoLocking=1
    -o APT::Sandbox::User="$(id -un)"
)

# debian_apt_update: fetch the arm64 package lists (once per process).
debian_apt_updated=
debian_apt_update() {
    [ -n "$debian_apt_updated" ] && return 0
    local tool
    for tool in apt-get apt-cache dpkg-deb; do
        command -v "$tool" >/dev/null || die "needs $tool (a Debian-based host)"
    done
    mkdir -p "$aptdir/lists/partial" "$aptdir/cache/archives/partial" "$cache/debs"
    apt-get "${apt_opts[@]}" update >"$aptdir/update.log" 2>&1 ||
        die "apt-get update failed (see $aptdir/update.log)"
    debian_apt_updated=1
}

# debian_apt_download PKG: download PKG's arm64 .deb into $cache/debs and
# print its path.
debian_apt_download() {
    local pkg=$1 deb
    (cd "$cache/debs" && apt-get "${apt_opts[@]}" download "$pkg:arm64" >"$aptdir/download.log" 2>&1) ||
        die "apt-get download $pkg failed (see $aptdir/download.log)"
    deb=$(ls -t "$cache/debs/${pkg}_"*_arm64.deb 2>/dev/null | head -n1)
    [ -n "$deb" ] || die "the download of $pkg left no .deb"
    echo "$deb"
}
