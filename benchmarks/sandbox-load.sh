# Shared by the sandbox load scripts (sourced after timing.sh): builds the load driver and the sandbox, and the steps
# every sandbox run takes (wait for a port, pay an invoice for the refunds, run the bounded load, read requests/s).
dotnet build benchmarks/Qiwi.Benchmarks -c Release --nologo -v q >/dev/null
dotnet build src/Qiwi.Sandbox -c Release --nologo -v q >/dev/null
bench="dotnet benchmarks/Qiwi.Benchmarks/bin/Release/net10.0/Qiwi.Benchmarks.dll"
sandbox_dll=src/Qiwi.Sandbox/bin/Release/net10.0/Qiwi.Sandbox.dll
shop=373712; login=23441234; password=sandbox-api-password
connections=${CONNECTIONS:-64}

# wait_for URL: waits up to 30 s for URL to answer; exits the script when it does not.
wait_for() { for _ in $(seq 1 60); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "$1 did not come up" >&2; exit 1; }

# start_sandbox DLL PORT [ARG]: starts that sandbox (logging at Warning: the load is the point) in the background, with ARG
# (a setting such as --Sandbox:DataFile=...) when given; its pid in $!.
start_sandbox() { Logging__LogLevel__Default=Warning dotnet "$1" --urls "http://127.0.0.1:$2" ${3:+"$3"} >/dev/null 2>&1 & }

# paid PORT BILL: a paid invoice in the sandbox on PORT for the load's refunds.
paid() {
  curl -sf -o /dev/null -X PUT -u "$login:$password" --data "user=tel%3A%2B79031234567&amount=15000.00&ccy=RUB&comment=load&lifetime=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%S)" "http://127.0.0.1:$1/api/v2/prv/$shop/bills/$2"
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$1/sandbox/control/bills/$shop/$2/pay"
}

# load PORT BILL SECONDS: the bounded load (create / status / refund on BILL) -> its summary line.
load() { $bench load "http://127.0.0.1:$1" "$3" "$connections" "$shop" "$login" "$password" "$2"; }

# rps LINE: the requests/s of a load's summary line.
rps() { sed -n 's/.*requests\/s \([0-9]*\).*/\1/p' <<<"$1"; }
