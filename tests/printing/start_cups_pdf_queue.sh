#!/usr/bin/env bash
# Test fixture: a real CUPS with a queue that writes PDF files (Debian cups + printer-driver-cups-pdf),
# installed and started when missing. The printed files land in the job owner's ~/PDF (cups-pdf's "Out").
# A second queue, QUEUE-stopped, on the same device, is disabled as a printer halted by a paper jam is.
# usage: start_cups_pdf_queue.sh QUEUE
set -euo pipefail
queue=${1:-ywtb-test-pdf}
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
for pkg in cups printer-driver-cups-pdf; do
    if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]]; then
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" > /dev/null
    fi
done
if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    # No init system in a container or CI: start the scheduler ourselves.
    "${sudo[@]}" cupsd
    for _ in $(seq 100); do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.1; done
fi
lpstat -r | grep -q "is running" || { echo "CUPS did not start"; exit 1; }
if ! lpstat -p "$queue" > /dev/null 2>&1; then
    "${sudo[@]}" lpadmin -p "$queue" -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2> /dev/null
fi
"${sudo[@]}" cupsenable "$queue"
"${sudo[@]}" cupsaccept "$queue"
stopped="$queue-stopped"
if ! lpstat -p "$stopped" > /dev/null 2>&1; then
    "${sudo[@]}" lpadmin -p "$stopped" -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2> /dev/null
fi
"${sudo[@]}" cupsaccept "$stopped"
"${sudo[@]}" cupsdisable -r "paper jam (test)" "$stopped"
# Jobs an interrupted run left on the stopped queue would print once it is enabled; none are wanted.
"${sudo[@]}" cancel -a "$stopped" 2> /dev/null || true
lpstat -p "$queue" -p "$stopped"
