#!/bin/sh
# Entrypoint of the layoff-signals image: runs one subcommand, `docker run IMAGE <command> [options]`.
#
# APPLICATION_SERVER (how the other instances of the streams app reach this one) may contain the
# word CONTAINER_IP: it is replaced by this container's IPv4 address, so every replica of a scaled
# compose service advertises itself (a service name would resolve to any of the replicas).
# JAVA_OPTS: options of the JVM (the image sets a heap relative to the container's memory).
set -eu

case "${APPLICATION_SERVER:-}" in
  *CONTAINER_IP*)
    address=""
    for candidate in $(hostname -i); do
      case "$candidate" in
        *.*.*.*) address="$candidate"; break ;;
      esac
    done
    if [ -z "$address" ]; then
      echo "entrypoint: no IPv4 address for $(hostname) to put in APPLICATION_SERVER=$APPLICATION_SERVER" >&2
      exit 2
    fi
    APPLICATION_SERVER="${APPLICATION_SERVER%%CONTAINER_IP*}${address}${APPLICATION_SERVER#*CONTAINER_IP}"
    export APPLICATION_SERVER
    ;;
esac

# word splitting of JAVA_OPTS is wanted: it holds several options
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar /app/layoff-signals.jar "$@"
