# shellcheck shell=bash
# $FLEET_STATE/inventory.yaml: the running fleet as a ready-to-paste `deploy.hosts` list (gocross.config.yaml).

goarch_of() {
  case "$1" in x86_64) echo amd64 ;; aarch64) echo arm64 ;; *) echo "$1" ;; esac
}

write_inventory() {
  local name first=1 out="$FLEET_STATE/inventory.yaml"
  {
    printf '# gocross deploy inventory of the local fleet in %s (scripts/fleet.sh up).\n' "$FLEET_STATE"
    printf '# Paste under `deploy:` in gocross.config.yaml, with knownHosts: %s\n' "$FLEET_STATE/known_hosts"
    printf 'hosts:\n'
    for name in $(running_devices); do
      printf '  - name: %s\n    address: %s\n    port: %s\n    user: root\n    identityFile: %s\n    labels:\n' \
        "$name" "$(dev_get "$name" address)" "$(dev_get "$name" port)" "$FLEET_STATE/id_ed25519"
      printf '      arch: %s\n      init: %s\n      kind: %s\n' "$(goarch_of "$(dev_get "$name" arch)")" \
        "$(dev_get "$name" init)" "$(dev_get "$name" kind)"
      if [ "$(dev_get "$name" kind)" = systemd ] && [ "$first" = 1 ]; then
        printf '      role: canary\n'; first=0
      fi
    done
  } >"$out.tmp"
  mv "$out.tmp" "$out"
}
