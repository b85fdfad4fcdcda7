#!/bin/sh
# The pooldesk command on PATH (/usr/bin/pooldesk links here): the package's own Java runtime with the options of the
# jpackage launcher (packaging/build.sh: keep the two in step). jpackage's native launcher asks rpm and then dpkg -S
# which package it belongs to at every start, twice: about 0.1 s of a 0.3 s validate. The desktop entry keeps it.
# The class path is spelled as cds-archive.sh dumped it (LIB made absolute), or the JVM skips the archive.
APP=$(dirname "$(readlink -f "$0")")
LIB=$(cd "$APP/.." && pwd)
exec "$LIB/runtime/bin/java" -Djpackage.app-version=0.1.0 -XX:SharedArchiveFile="$LIB/app/pooldesk.jsa" -Xshare:auto \
    -Xlog:cds*=off -XX:TieredStopAtLevel=1 -cp "$LIB/app/pooldesk.jar" io.pooldesk.app.Launcher "$@"
