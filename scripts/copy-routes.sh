#!/bin/sh
# Trunk post_build hook: copy index.html into one folder per step route. The slugs are
# the domain's Step::slug() values; tests/routes.rs fails when the two lists drift.
set -eu
dir="${TRUNK_STAGING_DIR:?run by trunk}"
for slug in webex-app entra-app mailbox webex-oauth verify troubleshoot summary; do
  mkdir -p "$dir/$slug"
  cp "$dir/index.html" "$dir/$slug/index.html"
done
