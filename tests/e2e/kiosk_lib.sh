# kiosk_lib.sh — sourced by the card-lab kiosk e2e tests (not a test itself):
# the e2e and card-lab libraries with their cleanup, a registry, and the
# kiosk operator kiosk1; kiosk_login starts the kiosk as kiosk1.
. "$MG_ROOT/tests/e2e/lib.sh"
. "$MG_ROOT/tests/card/lab.sh"
e2e_init
lab_init
trap 'e2e_stop; lab_stop' EXIT
e2e_registry
e2e_operator kiosk1 'キオスク一号' kiosk 'kiosk-pass-01'

# kiosk_login — on the start page, start the kiosk as kiosk1.
kiosk_login() {
  e2e_wait 'キオスクの開始'
  e2e_type kiosk1; e2e_key Enter; e2e_type 'kiosk-pass-01'; e2e_key Enter
}
