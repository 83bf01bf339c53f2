#!/usr/bin/env bash
# The WebAssembly engine's toolchain and libraries, from Debian only: installs Debian's
# emscripten if it is missing, and builds Xapian, zlib and uriparser from Debian's source
# packages (the versions of the native libraries installed here, so that both engines
# run the same code) as static wasm libraries into PREFIX, with the header-only xxHash,
# toml++ and nlohmann-json headers beside them. Each library is built once: its stamp
# records the source version, the compiler and this script, and a run that finds them
# all current does nothing. Run as root, or as a user with sudo.
#
#   wasm/deps.sh PREFIX        (the build folder's wasm-deps/, by CMake and quickstart.sh)
set -euo pipefail

[[ $# -eq 1 ]] || {
  echo "usage: $0 PREFIX" >&2
  exit 2
}
mkdir -p "$1"
prefix=$(cd "$1" && pwd)
jobs=${CLUBSEARCH_WASM_JOBS:-2}

sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive

say() { echo "==> wasm deps: $*"; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# --- the toolchain -------------------------------------------------------------------
missing=()
for package in emscripten dpkg-dev libxxhash-dev libtomlplusplus-dev nlohmann-json3-dev zopfli; do
  installed "$package" || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  say "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# emscripten's own tools import acorn as Debian installs it, which a Node.js not from
# Debian does not look for. (Its system libraries come prebuilt with the package, in a
# frozen cache.)
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
emcc_version=$(emcc -dumpversion)

# --- the source packages -----------------------------------------------------------
# CLUBSEARCH_WASM_SOURCES=DIR: unpacked Debian source trees (DIR/uriparser, …), built
# instead of those apt-get source would fetch, for a mirror that does not serve one. The
# stamp then names the tree and its debian/changelog's version.
given_source() {
  local tree=${CLUBSEARCH_WASM_SOURCES:-}/$1
  [[ -n ${CLUBSEARCH_WASM_SOURCES:-} && -f $tree/debian/changelog ]] && echo "$tree"
}

# The version of a source package: that of the installed native library it builds, else
# the newest one apt knows.
source_version() {
  local source=$1 binary=$2 version tree
  if tree=$(given_source "$source"); then
    echo "$(dpkg-parsechangelog -l "$tree/debian/changelog" -S Version) (from $tree)"
    return
  fi
  version=$(dpkg-query -W -f='${source:Version}' "$binary" 2>/dev/null || true)
  [[ -n $version ]] || version=$(apt-cache showsrc --only-source "$source" 2>/dev/null |
    sed -n 's/^Version: //p' | sort -V | tail -1)
  [[ -n $version ]] || {
    echo "wasm deps: no version of the source package $source is known" >&2
    exit 1
  }
  echo "$version"
}

# apt-get source needs a deb-src entry; Debian's images have none.
ensure_deb_src() {
  local known
  known=$(apt-cache showsrc --only-source zlib 2>/dev/null || true)
  if grep -q '^Version:' <<<"$known"; then return; fi
  say "adding Debian's source packages to apt (/etc/apt/sources.list.d/clubsearch-src.list)"
  printf '%s\n' \
    "deb-src http://deb.debian.org/debian bookworm main" \
    "deb-src http://deb.debian.org/debian bookworm-updates main" \
    "deb-src http://deb.debian.org/debian-security bookworm-security main" |
    "${sudo[@]}" tee /etc/apt/sources.list.d/clubsearch-src.list >/dev/null
  "${sudo[@]}" apt-get update -q
}

# Source packages some mirrors do not serve for bookworm, and the same package of a later
# Debian release that they do, as files of Debian's pool with their SHA-256: uriparser
# 0.9.7+dfsg-2's tarballs are missing from the mirror this project is built on, while
# trixie's 0.9.8+dfsg-2 is there (its .dsc is not, so apt-get source cannot fetch it).
# The WebAssembly engine then parses URLs with 0.9.8 where the native build has 0.9.7;
# wasm.parity compares the two on pasted links.
declare -A pool_fallback=(
  [uriparser]="0.9.8+dfsg-2 u/uriparser uriparser_0.9.8+dfsg.orig.tar.xz cccb1fc1184b0f79fe164131dc73634997ecaf225186691bda3af84dee7809be uriparser_0.9.8+dfsg-2.debian.tar.xz 35f6e85dfd3de1552bc09fd6c389dad02f49fdb4fcaa4bc3dbcf93ac86bb6ff9"
)

# Unpacks SOURCE from the pool files of pool_fallback into the current folder: the
# upstream tarball, Debian's folder over it, and Debian's patches applied in order.
fetch_from_pool() {
  local source=$1
  local version pool orig orig_sum debian debian_sum
  read -r version pool orig orig_sum debian debian_sum <<<"${pool_fallback[$source]}"
  local base=http://deb.debian.org/debian/pool/main/$pool
  say "WARNING: $source: the mirror does not serve bookworm's source; using $source $version from Debian's pool" >&2
  /usr/lib/apt/apt-helper download-file "$base/$orig" "$orig" "SHA256:$orig_sum" >&2
  /usr/lib/apt/apt-helper download-file "$base/$debian" "$debian" "SHA256:$debian_sum" >&2
  mkdir tree
  tar -xf "$orig" -C tree --strip-components=1
  tar -xf "$debian" -C tree
  if [[ -f tree/debian/patches/series ]]; then
    local patch
    while read -r patch; do
      [[ -z $patch || $patch == \#* ]] && continue
      patch -d tree -p1 -s <"tree/debian/patches/$patch" >&2
    done <tree/debian/patches/series
  fi
  rm -f "$orig" "$debian"
}

# A stable update's source is served by the security mirror only, which some mirrors do
# not carry: zlib1g 1:1.2.13.dfsg-1+deb12u1 installed, its source missing. Another Debian
# revision of the same upstream version that the mirror serves is fetched instead (into
# src/download, with a warning): the same library, built for the other engine.
fetch_other_revision() {
  local source=$1 version=$2 other
  while read -r other; do
    [[ -z $other || $other == "$version" || ${other%-*} != "${version%-*}" ]] && continue
    rm -rf "$prefix/src/download" && mkdir -p "$prefix/src/download"
    if (cd "$prefix/src/download" && apt-get source -q --only-source "$source=$other" >&2); then
      say "WARNING: $source: the mirror does not serve $version; built $other, the same upstream version" >&2
      return 0
    fi
  done < <(apt-cache showsrc --only-source "$source" 2>/dev/null | sed -n 's/^Version: //p' | sort -uVr)
  rm -rf "$prefix/src/download" && mkdir -p "$prefix/src/download"
  return 1
}

# Unpacks SOURCE=VERSION (Debian's patches applied) into src/SOURCE, and prints that
# folder; a source left there by a build that failed is built again where it stopped.
fetch() {
  local source=$1 version=$2
  local dir=$prefix/src/$source
  if [[ -f $dir/.clubsearch-version && $(cat "$dir/.clubsearch-version") == "$version" ]]; then
    echo "$dir"
    return
  fi
  rm -rf "$prefix/src"
  mkdir -p "$prefix/src/download"
  local tree
  if tree=$(given_source "$source"); then
    say "WARNING: $source is built from $tree, not from Debian's mirror" >&2
    cp -a "$tree" "$prefix/src/download/"
  else
    ensure_deb_src >&2
    if ! (cd "$prefix/src/download" && apt-get source -q --only-source "$source=$version" >&2) &&
      ! fetch_other_revision "$source" "$version"; then
      if [[ -n ${pool_fallback[$source]:-} ]]; then
        rm -rf "$prefix/src/download" && mkdir -p "$prefix/src/download"
        (cd "$prefix/src/download" && fetch_from_pool "$source")
      else
        echo "wasm deps: apt-get source $source=$version failed: the mirror does not serve this source" \
          "package. Give an unpacked Debian source tree of it in CLUBSEARCH_WASM_SOURCES=DIR (DIR/$source)." >&2
        exit 1
      fi
    fi
  fi
  local unpacked
  unpacked=$(find "$prefix/src/download" -mindepth 1 -maxdepth 1 -type d | head -1)
  [[ -d $unpacked ]] || {
    echo "wasm deps: apt-get source $source=$version unpacked nothing" >&2
    exit 1
  }
  mv "$unpacked" "$dir"
  rm -rf "$prefix/src/download"
  echo "$version" >"$dir/.clubsearch-version"
  echo "$dir"
}

# A library's stamp: its source version, the compiler, and how it is configured (the
# arguments given as $3), so that a change to any of them builds it again.
stamp_of() { echo "$1 $2 emcc-$emcc_version $3"; }
current() { [[ -f $prefix/stamps/$1 && $(cat "$prefix/stamps/$1") == "$(stamp_of "$@")" ]]; }
done_with() {
  mkdir -p "$prefix/stamps"
  stamp_of "$@" >"$prefix/stamps/$1"
  rm -rf "$prefix/src"
}

# Exceptions are caught (Xapian catches its own), so every C++ library is built with them.
cflags="-O2"
cxxflags="-O2 -fexceptions"

zlib_version=$(source_version zlib zlib1g)
zlib_args=(--static --prefix="$prefix")
if ! current zlib "$zlib_version" "$cflags ${zlib_args[*]}"; then
  say "building zlib $zlib_version"
  dir=$(fetch zlib "$zlib_version")
  (cd "$dir" && CFLAGS=$cflags emconfigure ./configure "${zlib_args[@]}" &&
    emmake make -j"$jobs" libz.a && emmake make install)
  # The version built, which fetch_other_revision makes another than the one asked.
  mkdir -p "$prefix/stamps"
  dpkg-parsechangelog -l "$dir/debian/changelog" -S Version >"$prefix/stamps/zlib.built"
  done_with zlib "$zlib_version" "$cflags ${zlib_args[*]}"
fi
if [[ -f $prefix/stamps/zlib.built && $(cat "$prefix/stamps/zlib.built") != "$zlib_version" ]]; then
  zlib_version+=" (built: $(cat "$prefix/stamps/zlib.built"))"
fi

# Xapian: the library alone (no programs), and of its backends glass alone, the one
# export-static writes (chert and the in-memory one are 50 kB of the gzipped module).
# flock() stands in for the fcntl() locks emscripten's file systems lack; an index here is
# only ever read.
xapian_version=$(source_version xapian-core libxapian30)
xapian_args=(--host=wasm32-unknown-emscripten --prefix="$prefix" --disable-shared --enable-static
  --disable-backend-remote --disable-backend-chert --disable-backend-inmemory --disable-documentation
  "CPPFLAGS=-DFLINTLOCK_USE_FLOCK -I$prefix/include"
  "CXXFLAGS=$cxxflags" "CFLAGS=$cflags" "LDFLAGS=-L$prefix/lib")
if ! current xapian-core "$xapian_version" "${xapian_args[*]}"; then
  say "building xapian-core $xapian_version"
  dir=$(fetch xapian-core "$xapian_version")
  (cd "$dir" && emconfigure ./configure "${xapian_args[@]}" &&
    emmake make -j"$jobs" libxapian.la &&
    emmake make install-libLTLIBRARIES install-incHEADERS install-xapianincludeHEADERS \
      install-nodist_xapianincludeHEADERS)
  done_with xapian-core "$xapian_version" "${xapian_args[*]}"
fi

uriparser_version=$(source_version uriparser liburiparser1)
uriparser_args=(-G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_FLAGS_RELEASE=$cflags"
  "-DCMAKE_INSTALL_PREFIX=$prefix" -DBUILD_SHARED_LIBS=OFF -DURIPARSER_BUILD_DOCS=OFF
  -DURIPARSER_BUILD_TESTS=OFF -DURIPARSER_BUILD_TOOLS=OFF -DURIPARSER_BUILD_WCHAR_T=OFF)
if ! current uriparser "$uriparser_version" "${uriparser_args[*]}"; then
  say "building uriparser $uriparser_version"
  dir=$(fetch uriparser "$uriparser_version")
  emcmake cmake -S "$dir" -B "$dir/build" "${uriparser_args[@]}"
  cmake --build "$dir/build" -j "$jobs"
  cmake --install "$dir/build"
  # The version built, which a fallback of pool_fallback makes another than the one asked.
  dpkg-parsechangelog -l "$dir/debian/changelog" -S Version >"$prefix/stamps/uriparser.built"
  done_with uriparser "$uriparser_version" "${uriparser_args[*]}"
fi
[[ -f $prefix/stamps/uriparser.built ]] && uriparser_version+=" (built: $(cat "$prefix/stamps/uriparser.built"))"

# Header-only libraries, copied alone: the engine never sees the rest of /usr/include.
headers=$prefix/include
cp -u /usr/include/xxhash.h "$headers/"
mkdir -p "$headers/toml++" "$headers/nlohmann"
cp -ru /usr/include/toml++/. "$headers/toml++/"
cp -ru /usr/include/nlohmann/. "$headers/nlohmann/"

say "ready in $prefix (zlib $zlib_version, uriparser $uriparser_version, xapian-core $xapian_version, emcc $emcc_version)"
