#!/bin/sh
# Dumps Pooldesk's class-data archive (lib/app/pooldesk.jsa) for the installation in LIB (an app-image's or the
# installed package's lib folder): the classes one `simulate` of the training file loads, which are nearly all that
# `validate` loads too (lists of two runs cannot be joined: their ids clash and the JDK 17 dump crashes). The JVM uses
# an archive only with the class path it was dumped with, so the package runs this again where it is installed
# (postinst). Any failure leaves no archive, and the launcher then starts as it would without one.
set -u
LIB=$(cd "$1" && pwd)
JAVA="$LIB/runtime/bin/java"
LIST=$(mktemp)
trap 'rm -f "$LIST" "$LIST.err"' EXIT
rm -f "$LIB/app/pooldesk.jsa"
"$JAVA" -XX:DumpLoadedClassList="$LIST" -XX:ErrorFile="$LIST.err" -Xshare:off -Djava.awt.headless=true \
    -cp "$LIB/app/pooldesk.jar" io.pooldesk.app.Launcher simulate "$LIB/app/cds-training.yaml" >/dev/null 2>&1
"$JAVA" -Xshare:dump -XX:ErrorFile="$LIST.err" -XX:SharedClassListFile="$LIST" \
    -XX:SharedArchiveFile="$LIB/app/pooldesk.jsa" -Xlog:cds*=off -cp "$LIB/app/pooldesk.jar" >/dev/null 2>&1 || rm -f "$LIB/app/pooldesk.jsa"
exit 0
